import { api } from '../shared/api.js';
import { errorText } from '../shared/chrome.js';
import { h } from '../shared/dom.js';
import { dateTime } from '../shared/format.js';
import { t } from './strings.js';

interface Me {
  readonly nik?: { readonly masked: string; readonly name: string; readonly linkedAt: string };
}

const NIK = /^\d{16}$/;
const CODE = /^[A-Za-z0-9 -]{10,20}$/;

/**
 * "Hubungkan NIK" (issue 10): the citizen links their NIK to their account with the activation code the
 * village office gave them after seeing their KTP; then they also see what the counter submitted for them.
 * `onLinked` re-renders the page, so those requests appear at once.
 */
export async function linkNikSection(onLinked: () => void): Promise<HTMLElement> {
  const me = await api<Me>('/v1/me').catch(() => undefined);
  const title = h('h2', { id: 'link-nik-title' }, t('linkNikTitle'));
  if (me?.nik) {
    return h(
      'section',
      { 'aria-labelledby': 'link-nik-title', id: 'link-nik' },
      title,
      h(
        'p',
        { id: 'linked-nik' },
        t('linkedNik', { nik: me.nik.masked, name: me.nik.name, at: dateTime(me.nik.linkedAt) }),
      ),
      h('p', { class: 'hint' }, t('linkedNikHint')),
    );
  }
  const row = (id: string, labelText: string, control: HTMLInputElement, hint: string) => {
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    control.setAttribute('aria-describedby', `${id}-hint ${error.id}`);
    const show = (message: string | undefined) => {
      error.hidden = !message;
      error.textContent = message ?? '';
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
      return message ? 1 : 0;
    };
    const element = h(
      'div',
      { class: 'field' },
      h('label', { for: id }, labelText),
      h('p', { class: 'hint', id: `${id}-hint` }, hint),
      control,
      error,
    );
    return { element, show };
  };
  const nik = h('input', {
    id: 'link-nik-nik',
    type: 'text',
    inputmode: 'numeric',
    maxlength: 16,
    autocomplete: 'off',
  });
  const code = h('input', {
    id: 'link-nik-code',
    type: 'text',
    autocomplete: 'one-time-code',
    autocapitalize: 'characters',
    maxlength: 20,
  });
  const rows = {
    nik: row('link-nik-nik', t('linkNikNumber'), nik, t('linkNikNumberHint')),
    code: row('link-nik-code', t('linkNikCode'), code, t('linkNikCodeHint')),
  };
  const failure = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('linkNikSubmit'));
  const form = h('form', { novalidate: true }, rows.nik.element, rows.code.element, failure, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    failure.replaceChildren();
    const values = { nik: nik.value.trim(), activationCode: code.value.trim() };
    const problems =
      rows.nik.show(NIK.test(values.nik) ? undefined : t('linkNikBadNumber')) +
      rows.code.show(CODE.test(values.activationCode) ? undefined : t('linkNikBadCode'));
    if (problems > 0) return;
    button.disabled = true;
    try {
      await api('/v1/me/nik', { method: 'PUT', body: values });
      onLinked();
    } catch (error) {
      failure.replaceChildren(h('p', { class: 'banner error', role: 'alert' }, errorText(error)));
      button.disabled = false;
    }
  });
  return h(
    'section',
    { 'aria-labelledby': 'link-nik-title', id: 'link-nik' },
    title,
    h('p', null, t('linkNikIntro')),
    form,
  );
}
