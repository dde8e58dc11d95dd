import { ApiError, newIdempotencyKey } from '../shared/api.js';
import { loadServices } from '../shared/catalog.js';
import { errorBox, errorText } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { applicationForm } from '../shared/form.js';
import { common, tx } from '../shared/i18n.js';
import { offeredBy } from '../shared/offered.js';
import { send } from '../shared/outbox.js';
import type { Service } from '../shared/types.js';
import type { ConsoleContext } from './main.js';
import { t } from './strings.js';

/** Assisted submission at the village office, for a citizen who came in person: same form, same rules. */
export async function counterPage(root: HTMLElement, ctx: ConsoleContext): Promise<void> {
  let services: Service[];
  try {
    services = offeredBy(ctx.village, await loadServices(ctx.village.code));
  } catch (error) {
    mount(root, h('h1', null, t('counterTitle')), errorBox(error));
    return;
  }
  const formArea = h('div');
  const select = h(
    'select',
    { id: 'counter-service', onchange: () => showForm() },
    h('option', { value: '' }, t('chooseService')),
    services.map((service) => h('option', { value: service.code }, tx(service.name))),
  );
  const showForm = () => {
    const service = services.find((candidate) => candidate.code === select.value);
    if (!service) return formArea.replaceChildren();
    const form = applicationForm(service, { attachments: true });
    const consent = consentFields();
    const failure = h('div');
    const button = h('button', { type: 'submit', class: 'primary' }, t('submit'));
    const element = h('form', { novalidate: true }, form.element, consent.element, failure, button);
    const key = newIdempotencyKey(); // one per form: a double click or a retry records one request
    element.addEventListener('submit', async (event) => {
      event.preventDefault();
      failure.replaceChildren();
      const data = form.read();
      const fullName = typeof data.fullName === 'string' ? data.fullName : '';
      const problems = form.check().length + consent.check(fullName);
      if (problems > 0) return;
      button.disabled = true;
      try {
        const created = await send({
          key,
          createdAt: new Date().toISOString(),
          serviceCode: service.code,
          serviceName: service.name,
          villageCode: ctx.village.code,
          data,
          files: [...form.files()].map(([requirementCode, blob]) => ({ requirementCode, blob })),
          uploads: {},
          assisted: consent.read(fullName),
        });
        mount(
          formArea,
          h(
            'section',
            { class: 'notice ok', 'aria-labelledby': 'counter-done' },
            h('h2', { id: 'counter-done', tabindex: '-1' }, t('submittedFor')),
            h('p', { class: 'code big' }, created.trackingCode),
            h(
              'p',
              null,
              h('a', { href: `#/r/${created.id}` }, t('openRequest')),
              ' · ',
              h(
                'button',
                { type: 'button', class: 'link-button', onclick: () => void counterPage(root, ctx) },
                t('another'),
              ),
            ),
          ),
        );
        formArea.querySelector<HTMLElement>('#counter-done')?.focus();
      } catch (error) {
        if (error instanceof ApiError && error.issues.length > 0) form.show(error.issues);
        else failure.replaceChildren(h('p', { class: 'banner error', role: 'alert' }, errorText(error)));
        button.disabled = false;
      }
    });
    formArea.replaceChildren(element);
  };
  mount(
    root,
    h('h1', null, t('counterTitle')),
    h('p', null, t('counterIntro')),
    h('div', { class: 'field' }, h('label', { for: 'counter-service' }, t('service')), select),
    formArea,
  );
  if (services.length === 1 && services[0]) {
    select.value = services[0].code;
    showForm();
  }
}

const CONSENT_METHODS = ['signed-form', 'thumbprint', 'verbal-witnessed'] as const;
const PHONE = /^(\+62|62|0)8\d{7,12}$/;

/** "YYYY-MM-DDTHH:mm" in local time, what a datetime-local input shows. */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * The citizen served and their consent (UU 27/2022): how they gave it, when, and who witnessed verbal
 * consent. The API refuses a counter submission without it; these checks only say so sooner.
 */
function consentFields() {
  const row = (id: string, labelText: string, control: HTMLElement, required: boolean, hint?: string) => {
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    control.setAttribute('aria-describedby', [hint ? `${id}-hint` : '', error.id].filter(Boolean).join(' '));
    return {
      error,
      element: h(
        'div',
        { class: 'field' },
        h(
          'label',
          { for: id },
          labelText,
          ' ',
          h('span', { class: 'muted' }, `(${required ? common('required') : common('optional')})`),
        ),
        hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
        control,
        error,
      ),
    };
  };
  const name = h('input', { id: 'c-citizen-name', type: 'text', autocomplete: 'off', maxlength: 100 });
  const phone = h('input', { id: 'c-citizen-phone', type: 'tel', inputmode: 'tel', autocomplete: 'off' });
  const method = h(
    'select',
    { id: 'c-consent-method', onchange: () => toggleWitness() },
    h('option', { value: '' }, t('consent_choose')),
    CONSENT_METHODS.map((value) => h('option', { value }, t(`consent_${value}`))),
  );
  const time = h('input', { id: 'c-consent-time', type: 'datetime-local', value: localNow() });
  const witness = h('input', { id: 'c-consent-witness', type: 'text', autocomplete: 'off', maxlength: 100 });
  const rows = {
    name: row('c-citizen-name', t('citizenName'), name, false, t('citizenNameHint')),
    phone: row('c-citizen-phone', t('citizenPhone'), phone, false),
    method: row('c-consent-method', t('consentMethod'), method, true),
    time: row('c-consent-time', t('consentTime'), time, true),
    witness: row('c-consent-witness', t('witnessName'), witness, true),
  };
  const toggleWitness = () => {
    rows.witness.element.hidden = method.value !== 'verbal-witnessed';
  };
  toggleWitness();
  const element = h(
    'fieldset',
    null,
    h('legend', null, t('consentTitle')),
    h('p', { class: 'hint' }, t('consentIntro')),
    rows.name.element,
    rows.phone.element,
    rows.method.element,
    rows.time.element,
    rows.witness.element,
  );
  const mark = (
    control: HTMLInputElement | HTMLSelectElement,
    error: HTMLElement,
    message: string | undefined,
  ) => {
    error.hidden = !message;
    error.textContent = message ?? '';
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
    return message ? 1 : 0;
  };
  return {
    element,
    /** Shows what is missing; returns how many problems there are. */
    check(fullName: string): number {
      return (
        mark(name, rows.name.error, name.value.trim() || fullName.trim() ? undefined : t('needCitizen')) +
        mark(
          phone,
          rows.phone.error,
          phone.value.trim() && !PHONE.test(phone.value.trim()) ? t('badPhone') : undefined,
        ) +
        mark(method, rows.method.error, method.value ? undefined : t('needMethod')) +
        mark(
          time,
          rows.time.error,
          time.value && !Number.isNaN(Date.parse(time.value)) ? undefined : t('needTime'),
        ) +
        mark(
          witness,
          rows.witness.error,
          method.value === 'verbal-witnessed' && !witness.value.trim() ? t('needWitness') : undefined,
        )
      );
    },
    /** The body's citizen and consent; the name defaults to the form's full name. */
    read(fullName: string) {
      const citizenName = name.value.trim() || fullName.trim();
      return {
        citizen: { name: citizenName, ...(phone.value.trim() ? { phone: phone.value.trim() } : {}) },
        consent: {
          method: method.value,
          recordedAt: new Date(time.value).toISOString(),
          ...(method.value === 'verbal-witnessed' ? { witnessName: witness.value.trim() } : {}),
        },
      };
    },
  };
}
