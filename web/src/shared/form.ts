import type { FieldIssue } from '../../../functions/core/shared/errors.js';
import { h } from './dom.js';
import { common, translator, tx } from './i18n.js';
import type { Field, LocalizedText, Service } from './types.js';
import { ACCEPTED_TYPES } from './upload.js';
import { fieldValue, validateApplication } from './validate.js';

const t = translator({
  applicant: ['Data permohonan', 'Application details'],
  attachments: ['Lampiran (persyaratan)', 'Attachments (requirements)'],
  attachmentHint: [
    'PDF, JPG, atau PNG. Foto dari kamera ponsel diperkecil otomatis sebelum dikirim.',
    'PDF, JPG or PNG. Phone camera photos are made smaller automatically before sending.',
  ],
  choose: ['— pilih —', '— choose —'],
  keepAttached: [
    'Lampiran sebelumnya tetap dipakai bila tidak diganti.',
    'The earlier file is kept unless replaced.',
  ],
});

const attachRequired = (label: LocalizedText): LocalizedText => ({
  id: `${label.id}: wajib dilampirkan`,
  en: `${label.en}: must be attached`,
});
const attachType = (label: LocalizedText): LocalizedText => ({
  id: `${label.id}: berkas harus PDF, JPG, atau PNG`,
  en: `${label.en}: the file must be a PDF, JPG or PNG`,
});

export interface ApplicationForm {
  readonly element: HTMLElement;
  /** The application data as the API takes it. */
  read(): Record<string, unknown>;
  /** Chosen files by requirement code. */
  files(): Map<string, File>;
  /** Validates with the API's rules and messages; shows the problems; returns them. */
  check(): FieldIssue[];
  /** Shows problems (from check() or from the API's 400 answer) beside their fields. */
  show(issues: readonly FieldIssue[]): void;
  fill(data: Readonly<Record<string, unknown>>): void;
}

export interface FormOptions {
  readonly attachments?: boolean;
  /** Requirements already attached (resubmission): not required again. */
  readonly attached?: ReadonlySet<string>;
  readonly onInput?: () => void;
}

/** The application form, generated from the service's field declarations and requirements. */
export function applicationForm(service: Service, options: FormOptions = {}): ApplicationForm {
  const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>();
  const fileInputs = new Map<string, HTMLInputElement>();
  const errors = new Map<string, HTMLElement>();

  const fieldRows = service.fields.map((field) => {
    const id = `f-${field.name}`;
    const input = fieldControl(field, id);
    input.addEventListener('input', () => options.onInput?.());
    inputs.set(field.name, input);
    const { row, error } = fieldRow(field, id, input);
    errors.set(`data.${field.name}`, error);
    return row;
  });

  const attachmentRows = options.attachments
    ? service.requirements.map((requirement) => {
        const id = `a-${requirement.code}`;
        const input = h('input', {
          type: 'file',
          id,
          name: requirement.code,
          accept: ACCEPTED_TYPES.join(','),
          'aria-describedby': `${id}-error attachments-hint`,
        });
        fileInputs.set(requirement.code, input);
        const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
        errors.set(`attachments.${requirement.code}`, error);
        const already = options.attached?.has(requirement.code);
        return h(
          'div',
          { class: 'field' },
          h(
            'label',
            { for: id },
            tx(requirement.label),
            ' ',
            h(
              'span',
              { class: 'muted' },
              `(${requirement.required ? common('required') : common('optional')})`,
            ),
          ),
          already ? h('p', { class: 'hint' }, t('keepAttached')) : null,
          input,
          error,
        );
      })
    : [];

  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const element = h(
    'div',
    { class: 'application-form' },
    summary,
    h('fieldset', null, h('legend', null, t('applicant')), fieldRows),
    attachmentRows.length > 0
      ? h(
          'fieldset',
          null,
          h('legend', null, t('attachments')),
          h('p', { class: 'hint', id: 'attachments-hint' }, t('attachmentHint')),
          attachmentRows,
        )
      : null,
  );

  const read = () => {
    const data: Record<string, unknown> = {};
    for (const field of service.fields) {
      const value = fieldValue(field, inputs.get(field.name)?.value ?? '');
      if (value !== undefined) data[field.name] = value;
    }
    return data;
  };

  const files = () => {
    const chosen = new Map<string, File>();
    for (const [code, input] of fileInputs) {
      const file = input.files?.[0];
      if (file) chosen.set(code, file);
    }
    return chosen;
  };

  const show = (issues: readonly FieldIssue[]) => {
    for (const [field, error] of errors) {
      const issue = issues.find((candidate) => candidate.field === field);
      const control = field.startsWith('data.')
        ? inputs.get(field.slice(5))
        : fileInputs.get(field.slice(12));
      error.hidden = !issue;
      error.textContent = issue ? tx(issue.message) : '';
      if (issue) control?.setAttribute('aria-invalid', 'true');
      else control?.removeAttribute('aria-invalid');
    }
    summary.hidden = issues.length === 0;
    summary.replaceChildren(
      h('h2', null, common('errorsTitle')),
      h(
        'ul',
        null,
        issues.map((issue) => {
          const target = issue.field.startsWith('data.')
            ? `f-${issue.field.slice(5)}`
            : issue.field.startsWith('attachments.')
              ? `a-${issue.field.slice(12)}`
              : undefined;
          return h(
            'li',
            null,
            target
              ? h(
                  'a',
                  { href: `#${target}`, onclick: (event: Event) => focusField(event, target) },
                  tx(issue.message),
                )
              : tx(issue.message),
          );
        }),
      ),
    );
    if (issues.length > 0) summary.focus();
  };

  const check = () => {
    const issues = [...validateApplication(service.fields, read()), ...attachmentIssues()];
    show(issues);
    return issues;
  };

  const attachmentIssues = (): FieldIssue[] => {
    if (!options.attachments) return [];
    const chosen = files();
    return service.requirements.flatMap((requirement) => {
      const file = chosen.get(requirement.code);
      if (!file && requirement.required && !options.attached?.has(requirement.code)) {
        return [{ field: `attachments.${requirement.code}`, message: attachRequired(requirement.label) }];
      }
      if (file && !(ACCEPTED_TYPES as readonly string[]).includes(file.type)) {
        return [{ field: `attachments.${requirement.code}`, message: attachType(requirement.label) }];
      }
      return [];
    });
  };

  const fill = (data: Readonly<Record<string, unknown>>) => {
    for (const [name, input] of inputs) {
      const value = data[name];
      if (value !== undefined && value !== null) input.value = String(value);
    }
  };

  return { element, read, files, check, show, fill };
}

function focusField(event: Event, id: string): void {
  event.preventDefault();
  document.getElementById(id)?.focus();
}

/** The input for a declared field (an application's, or what a decider records at a stage). */
/**
 * A field's block: its label (required or optional), hint, control and the error line the API's field issues
 * fill, tied to the control for screen readers. The application form and a stage's record inputs share it.
 */
export function fieldRow(
  field: Field,
  id: string,
  input: HTMLElement,
): { row: HTMLElement; error: HTMLElement } {
  const hintId = field.hint ? `${id}-hint` : undefined;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  input.setAttribute('aria-describedby', [hintId, error.id].filter(Boolean).join(' '));
  const row = h(
    'div',
    { class: 'field' },
    h(
      'label',
      { for: id },
      tx(field.label),
      ' ',
      h('span', { class: 'muted' }, `(${field.required ? common('required') : common('optional')})`),
    ),
    field.hint ? h('p', { class: 'hint', id: hintId }, tx(field.hint)) : null,
    input,
    error,
  );
  return { row, error };
}

export function fieldControl(
  field: Field,
  id: string,
): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  const base = { id, name: field.name, required: field.required ? true : undefined };
  switch (field.type) {
    case 'longText':
      return h('textarea', { ...base, rows: 3, maxlength: field.maxLength ?? 500 });
    case 'nik':
    case 'familyCard':
      return h('input', {
        ...base,
        type: 'text',
        inputmode: 'numeric',
        autocomplete: 'off',
        maxlength: 16,
        spellcheck: 'false',
      });
    case 'date':
      return h('input', { ...base, type: 'date' });
    case 'integer':
      return h('input', { ...base, type: 'text', inputmode: 'numeric' });
    case 'choice':
      return h(
        'select',
        base,
        h('option', { value: '' }, t('choose')),
        (field.choices ?? []).map((choice) => h('option', { value: choice.value }, tx(choice.label))),
      );
    default:
      return h('input', {
        ...base,
        type: 'text',
        maxlength: field.maxLength ?? 500,
        autocomplete: autocompleteOf(field.name),
      });
  }
}

/** Lets a phone offer what it already knows (name, address). */
function autocompleteOf(name: string): string | undefined {
  if (name === 'fullName') return 'name';
  if (name === 'address') return 'street-address';
  return undefined;
}
