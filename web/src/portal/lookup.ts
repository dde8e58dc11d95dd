import { ApiError, api } from '../shared/api.js';
import { errorText } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { dateTime } from '../shared/format.js';
import { tx } from '../shared/i18n.js';
import type { LocalizedText } from '../shared/types.js';
import { t } from './strings.js';

/** What POST /v1/track answers: where a request is, nothing about whom it concerns. */
interface Tracking {
  trackingCode: string;
  service: { code: string; name: LocalizedText };
  village: { code: string; name: string };
  status: string;
  statusLabel: LocalizedText;
  submittedAt: string;
  updatedAt: string;
  expectedBy?: string;
  timeline: { at: string; status: string; label: LocalizedText; stage?: LocalizedText }[];
  nextStep: LocalizedText;
  bring: LocalizedText[];
}

/**
 * Tracking without an account: the code from the counter slip (or the SMS) and the last 6 digits of the
 * applicant's NIK. Sent in a POST body, so the digits never appear in an address, a history or a log; the
 * code may be given in the address (#/lacak/DD-7K3M-Q9XA) to fill it in. Nothing is kept on the device.
 */
export function lookupPage(root: HTMLElement, code?: string): void {
  const codeInput = h('input', {
    id: 'track-code',
    type: 'text',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: 20,
    value: code ? decodeURIComponent(code) : '',
    'aria-describedby': 'track-code-hint track-code-error',
  });
  const digitsInput = h('input', {
    id: 'track-nik',
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    maxlength: 6,
    'aria-describedby': 'track-nik-hint track-nik-error',
  });
  const codeError = h('p', { class: 'field-error', id: 'track-code-error', hidden: true });
  const digitsError = h('p', { class: 'field-error', id: 'track-nik-error', hidden: true });
  const result = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('lookupSubmit'));
  const form = h(
    'form',
    { novalidate: true, class: 'lookup' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'track-code' }, t('trackingCode')),
      h('p', { class: 'hint', id: 'track-code-hint' }, t('lookupCodeHint')),
      codeInput,
      codeError,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'track-nik' }, t('lookupDigits')),
      h('p', { class: 'hint', id: 'track-nik-hint' }, t('lookupDigitsHint')),
      digitsInput,
      digitsError,
    ),
    button,
  );
  const mark = (input: HTMLInputElement, error: HTMLElement, message: string | undefined) => {
    error.hidden = !message;
    error.textContent = message ?? '';
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    return message !== undefined;
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const trackingCode = codeInput.value.trim();
    const nikLast6 = digitsInput.value.replace(/\s/g, '');
    const badCode = mark(
      codeInput,
      codeError,
      /^[A-Za-z0-9 -]{8,20}$/.test(trackingCode) ? undefined : t('lookupCodeInvalid'),
    );
    const badDigits = mark(
      digitsInput,
      digitsError,
      /^\d{6}$/.test(nikLast6) ? undefined : t('lookupDigitsInvalid'),
    );
    if (badCode) return codeInput.focus();
    if (badDigits) return digitsInput.focus();
    button.disabled = true;
    result.replaceChildren(h('p', { class: 'muted' }, t('lookupSearching')));
    try {
      const found = await api<Tracking>('/v1/track', {
        method: 'POST',
        body: { trackingCode, nikLast6 },
        auth: false,
      });
      mount(result, view(found));
      result.querySelector<HTMLElement>('h2')?.focus();
    } catch (error) {
      const message =
        error instanceof ApiError && error.status === 404 ? t('lookupNotFound') : errorText(error);
      mount(result, h('p', { class: 'banner error', role: 'alert' }, message));
    } finally {
      button.disabled = false;
    }
  });
  mount(root, h('h1', null, t('lookupTitle')), h('p', null, t('lookupIntro')), form, result);
}

function view(found: Tracking): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'lookup-result' },
    h('h2', { id: 'lookup-result', tabindex: '-1' }, tx(found.service.name)),
    h(
      'dl',
      { class: 'summary' },
      h('dt', null, t('trackingCode')),
      h('dd', { class: 'code' }, found.trackingCode),
      h('dt', null, t('lookupVillage')),
      h('dd', null, found.village.name),
      h('dt', null, t('status')),
      h('dd', null, h('span', { class: `status status-${found.status}` }, tx(found.statusLabel))),
    ),
    h(
      'p',
      { class: 'meta' },
      t('submittedAt', { at: dateTime(found.submittedAt) }),
      found.expectedBy ? ` · ${t('expected', { at: dateTime(found.expectedBy) })}` : '',
    ),
    h('p', { class: 'next-step' }, tx(found.nextStep)),
    found.bring.length > 0
      ? h(
          'div',
          null,
          h('h3', null, t('lookupBring')),
          h(
            'ul',
            null,
            found.bring.map((item) => h('li', null, tx(item))),
          ),
        )
      : null,
    h('h3', null, t('timeline')),
    h(
      'ol',
      { class: 'timeline' },
      found.timeline.map((line) =>
        h(
          'li',
          null,
          h('time', { datetime: line.at }, dateTime(line.at)),
          h('strong', null, tx(line.label)),
          line.stage ? h('span', null, `: ${tx(line.stage)}`) : null,
        ),
      ),
    ),
  );
}
