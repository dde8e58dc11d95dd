import { ApiError, api } from '../shared/api.js';
import { findService, loadOfficeServices } from '../shared/catalog.js';
import { errorBox, errorText } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { flash } from '../shared/flash.js';
import { fieldControl, fieldRow } from '../shared/form.js';
import { dateTime } from '../shared/format.js';
import { label, tx } from '../shared/i18n.js';
import { attachmentsList, checksList, detailsList } from '../shared/request-parts.js';
import { go } from '../shared/router.js';
import { timeline } from '../shared/timeline.js';
import type { Field, RequestView } from '../shared/types.js';
import { ACCEPTED_TYPES, uploadAttachment } from '../shared/upload.js';
import { fieldValue, validateApplication } from '../shared/validate.js';
import type { ConsoleContext } from './main.js';
import { t } from './strings.js';

/** One request as staff see it: data, attachments, registry checks, timeline, and the decision when it is theirs. */
export async function requestPage(root: HTMLElement, ctx: ConsoleContext, id: string): Promise<void> {
  let request: RequestView;
  try {
    request = await api<RequestView>(`/v1/requests/${encodeURIComponent(id)}`);
  } catch (error) {
    mount(root, h('h1', null, id), errorBox(error));
    return;
  }
  // The office's own documents and reports (a legal product, a case, the musdes) are not in the public catalog.
  const service =
    (await findService(request.serviceCode, request.villageCode).catch(() => undefined)) ??
    (await loadOfficeServices().then(
      (services) => services.find((candidate) => candidate.code === request.serviceCode),
      () => undefined,
    ));
  const serviceName = service ? tx(service.name) : request.serviceCode;
  const stage = request.status === 'IN_REVIEW' ? request.stage : undefined;
  const mine = stage !== undefined && ctx.roles.includes(stage.role);
  mount(
    root,
    h('h1', null, t('requestTitle', { service: serviceName, code: request.trackingCode })),
    h(
      'p',
      null,
      h('span', { class: `status status-${request.status}` }, label('status', request.status)),
      ' · ',
      request.citizen
        ? t('assistedFor', { citizen: request.citizen.name, name: request.applicant.name })
        : t('applicant', { name: request.applicant.name }),
      ' · ',
      dateTime(request.createdAt),
    ),
    stage
      ? h(
          'p',
          null,
          t('stageNow', { stage: tx(stage.label), role: label('role', stage.role) }),
          stage.dueAt ? ` (${dateTime(stage.dueAt)})` : '',
        )
      : null,
    request.outcome
      ? h(
          'p',
          { class: 'notice warn' },
          `${label('event', `DECISION_${request.outcome.decision.toUpperCase()}`)}: ${request.outcome.note}`,
        )
      : null,
    h(
      'div',
      { class: 'request-layout' },
      h(
        'div',
        { class: 'request-main' },
        detailsList(request, service),
        request.recorded && request.recorded.length > 0 ? recordedList(request.recorded) : null,
        request.attachments && request.attachments.length > 0 ? attachmentsList(request, service) : null,
        request.checks && request.checks.length > 0 ? checksList(request) : null,
        timeline(request, service),
      ),
      stage
        ? h(
            'aside',
            { class: 'request-side', 'aria-label': t('decideTitle') },
            mine
              ? decisionForm(request, stage)
              : h('p', { class: 'notice' }, t('notYours', { role: label('role', stage.role) })),
          )
        : null,
    ),
  );
  // Staff read the data before deciding: the details start open.
  root.querySelector('details')?.setAttribute('open', '');
}

type Stage = NonNullable<RequestView['stage']>;

/** What earlier stages recorded (the BPD's agreement, the numbers drawn), by stage. */
function recordedList(recorded: NonNullable<RequestView['recorded']>): HTMLElement {
  return h(
    'section',
    null,
    h('h2', null, t('recordedTitle')),
    recorded.map((entry) => [
      h('h3', null, entry.label ? tx(entry.label) : entry.stage),
      h(
        'dl',
        { class: 'data' },
        entry.values.flatMap((value) => [
          h('dt', null, value.label ? tx(value.label) : value.name),
          h('dd', null, String(value.value)),
        ]),
      ),
    ]),
  );
}

/** One input per field the stage records on approval, with the API's rules checked before sending. */
function recordInputs(fields: readonly Field[]) {
  const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>();
  const errors = new Map<string, HTMLElement>();
  const rows = fields.map((field) => {
    const id = `rec-${field.name}`;
    const input = fieldControl(field, id);
    inputs.set(field.name, input);
    const { row, error } = fieldRow(field, id, input);
    errors.set(`records.${field.name}`, error);
    return row;
  });
  const read = () => {
    const values: Record<string, unknown> = {};
    for (const field of fields) {
      const value = fieldValue(field, inputs.get(field.name)?.value ?? '');
      if (value !== undefined) values[field.name] = value;
    }
    return values;
  };
  /** Shows each issue (`records.<name>`, as the API names them) beside its input; true when there were any. */
  const show = (issues: readonly { field: string; message: { id: string; en: string } }[]) => {
    for (const [key, error] of errors) {
      const issue = issues.find((candidate) => candidate.field === key);
      const input = inputs.get(key.slice('records.'.length));
      error.hidden = !issue;
      error.textContent = issue ? tx(issue.message) : '';
      if (issue) input?.setAttribute('aria-invalid', 'true');
      else input?.removeAttribute('aria-invalid');
    }
    const first = issues.find((issue) => errors.has(issue.field));
    if (first) inputs.get(first.field.slice('records.'.length))?.focus();
    return first !== undefined;
  };
  const check = () =>
    show(
      validateApplication(fields, read()).map((issue) => ({
        ...issue,
        field: issue.field.replace(/^data\./, 'records.'),
      })),
    );
  return {
    element: h('fieldset', null, h('legend', null, t('recordsLegend')), rows),
    read,
    show,
    check,
  };
}

/**
 * The approver's NIK and BSrE passphrase, shown when the API says the stage is signed through BSrE. The
 * passphrase is never kept: it is cleared after every attempt, and the browser is asked not to remember it.
 */
function signatureInputs() {
  const nik = h('input', {
    id: 'bsre-nik',
    inputmode: 'numeric',
    maxlength: 16,
    autocomplete: 'off',
    'aria-describedby': 'bsre-hint bsre-nik-error',
  });
  const passphrase = h('input', {
    id: 'bsre-passphrase',
    type: 'password',
    autocomplete: 'off',
    maxlength: 200,
    'aria-describedby': 'bsre-hint bsre-passphrase-error',
  });
  const errors = {
    nik: h('p', { class: 'field-error', id: 'bsre-nik-error', hidden: true }),
    passphrase: h('p', { class: 'field-error', id: 'bsre-passphrase-error', hidden: true }),
  };
  const element = h(
    'fieldset',
    { hidden: true },
    h('legend', null, t('bsreLegend')),
    h('p', { class: 'hint', id: 'bsre-hint' }, t('bsreHint')),
    h('div', { class: 'field' }, h('label', { for: 'bsre-nik' }, t('bsreNik')), nik, errors.nik),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'bsre-passphrase' }, t('bsrePassphrase')),
      passphrase,
      errors.passphrase,
    ),
  );
  const inputs = { nik, passphrase };
  return {
    element,
    shown: () => !element.hidden,
    reveal: () => {
      element.hidden = false;
      nik.focus();
    },
    read: () => ({ nik: nik.value.trim(), passphrase: passphrase.value }),
    clearPassphrase: () => {
      passphrase.value = '';
    },
    /** Shows the API's issues for `nik` and `passphrase` beside their inputs; true when there were any. */
    show: (issues: readonly { field: string; message: { id: string; en: string } }[]) => {
      let first: HTMLInputElement | undefined;
      for (const key of ['nik', 'passphrase'] as const) {
        const issue = issues.find((candidate) => candidate.field === key);
        errors[key].hidden = !issue;
        errors[key].textContent = issue ? tx(issue.message) : '';
        if (issue) {
          inputs[key].setAttribute('aria-invalid', 'true');
          first ??= inputs[key];
        } else inputs[key].removeAttribute('aria-invalid');
      }
      first?.focus();
      return first !== undefined;
    },
  };
}

/** The document the stage attaches on approval (the signed text of a regulation), uploaded before deciding. */
function documentInput(wanted: NonNullable<Stage['attachesDocument']>) {
  const input = h('input', {
    type: 'file',
    id: 'decision-document',
    accept: ACCEPTED_TYPES.join(','),
    'aria-describedby': 'decision-document-hint decision-document-error',
  });
  const error = h('p', { class: 'field-error', id: 'decision-document-error', hidden: true });
  const show = (message: string | undefined) => {
    error.hidden = message === undefined;
    error.textContent = message ?? '';
    if (message === undefined) input.removeAttribute('aria-invalid');
    else {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  };
  return {
    element: h(
      'div',
      { class: 'field' },
      h(
        'label',
        { for: 'decision-document' },
        tx(wanted.label),
        ' ',
        h('span', { class: 'muted' }, `(${t('neededToApprove')})`),
      ),
      h('p', { class: 'hint', id: 'decision-document-hint' }, t('documentHint')),
      input,
      error,
    ),
    file: () => input.files?.[0],
    show,
    missing: () => show(t('documentRequired', { document: tx(wanted.label) })),
  };
}

function decisionForm(request: RequestView, stage: Stage): HTMLElement {
  const choice = (value: string, text: string, checked = false) =>
    h(
      'div',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'decision', id: `decision-${value}`, value, checked }),
      h('label', { for: `decision-${value}`, class: 'inline' }, text),
    );
  const note = h('textarea', {
    id: 'decision-note',
    name: 'note',
    rows: 3,
    maxlength: 1000,
    'aria-describedby': 'decision-note-hint decision-note-error',
  });
  const noteError = h('p', { class: 'field-error', id: 'decision-note-error', hidden: true });
  const records = stage.records && stage.records.length > 0 ? recordInputs(stage.records) : undefined;
  const attach = stage.attachesDocument ? documentInput(stage.attachesDocument) : undefined;
  const signature = signatureInputs();
  const failure = h('div');
  const button = h('button', { type: 'submit', class: 'primary' }, t('save'));
  const form = h(
    'form',
    { class: 'decision', novalidate: true },
    h(
      'fieldset',
      null,
      h('legend', null, t('decision')),
      choice('approve', t('approve'), true),
      choice('return', t('returnIt')),
      choice('reject', t('reject')),
    ),
    records?.element,
    attach?.element,
    signature.element,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'decision-note' }, t('note')),
      h('p', { class: 'hint', id: 'decision-note-hint' }, t('noteHint')),
      note,
      noteError,
    ),
    failure,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    failure.replaceChildren();
    const decision =
      (form.querySelector('input[name="decision"]:checked') as HTMLInputElement | null)?.value ?? 'approve';
    const missingNote = decision !== 'approve' && note.value.trim() === '';
    noteError.hidden = !missingNote;
    noteError.textContent = missingNote ? t('noteRequired') : '';
    if (missingNote) {
      note.setAttribute('aria-invalid', 'true');
      note.focus();
      return;
    }
    note.removeAttribute('aria-invalid');
    // What the stage records and attaches is kept on approval only (applyDecision).
    const approving = decision === 'approve';
    if (approving && records?.check()) return;
    const file = attach?.file();
    if (approving && attach && !file) {
      attach.missing();
      return;
    }
    attach?.show(undefined);
    button.disabled = true;
    try {
      const attachments =
        approving && file && stage.attachesDocument
          ? [
              {
                requirementCode: stage.attachesDocument.requirementCode,
                uploadId: await uploadAttachment(
                  request.serviceCode,
                  stage.attachesDocument.requirementCode,
                  file,
                ),
              },
            ]
          : undefined;
      // A regency that signs through BSrE: the signing stage is approved with the approver's certificate.
      if (approving && signature.shown()) {
        await api(`/v1/requests/${request.id}/signed-approval`, {
          method: 'POST',
          body: { ...signature.read(), note: note.value.trim(), stage: stage.key },
        });
      } else {
        await api(`/v1/requests/${request.id}/decisions`, {
          method: 'POST',
          body: {
            decision,
            note: note.value.trim(),
            stage: stage.key,
            ...(approving && records ? { records: records.read() } : {}),
            ...(attachments ? { attachments } : {}),
          },
        });
      }
      flash(
        t('decided', {
          decision: label('event', `DECISION_${decision.toUpperCase()}`),
          code: request.trackingCode,
        }),
      );
      go('/');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SIGNATURE_REQUIRED') {
        signature.reveal();
        button.textContent = t('bsreSave');
        button.disabled = false;
        return;
      }
      signature.clearPassphrase();
      const shown =
        error instanceof ApiError &&
        (signature.show(error.issues) || (records ? records.show(error.issues) : false));
      if (error instanceof ApiError && error.issues.some((issue) => issue.field === 'attachments')) {
        attach?.show(errorText(error));
      } else if (!shown) {
        failure.replaceChildren(h('p', { class: 'banner error', role: 'alert' }, errorText(error)));
      }
      button.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'decide-title' },
    h('h2', { id: 'decide-title' }, t('decideTitle')),
    form,
  );
}
