import { api } from '../shared/api.js';
import { errorText } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { dateTime } from '../shared/format.js';
import type { ConsoleContext } from './main.js';
import { t } from './strings.js';

/** Who may issue activation codes and who may undo a link (the route table's access, said again for the page). */
const ISSUERS = ['operator', 'village_secretary'];
const UNLINKERS = ['operator', 'village_head'];
const NIK = /^\d{16}$/;
const PHONE = /^(\+62|62|0)8\d{7,12}$/;

interface Activation {
  readonly code: string;
  readonly villageCode: string;
  readonly name: string;
  readonly expiresAt: string;
  readonly contact?: { readonly phone?: string; readonly email?: string };
}

/**
 * "Aktivasi NIK" at the counter (issue 10): after seeing the person's KTP, the operator issues the one-time
 * code with which the person links their NIK to their own account, shows it once and prints the slip; a
 * wrong link is undone here, with a reason.
 */
export function nikPage(root: HTMLElement, ctx: ConsoleContext): void {
  const may = (roles: readonly string[]) => ctx.roles.some((role) => roles.includes(role));
  mount(
    root,
    h('h1', null, t('nikTitle', { village: ctx.village.name })),
    h('p', null, t('nikIntro')),
    may(ISSUERS) ? issueSection(ctx) : null,
    may(UNLINKERS) ? unlinkSection(ctx) : null,
  );
}

function field(id: string, labelText: string, control: HTMLElement, hint?: string) {
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  control.setAttribute('aria-describedby', [hint ? `${id}-hint` : '', error.id].filter(Boolean).join(' '));
  const show = (message: string | undefined) => {
    error.hidden = !message;
    error.textContent = message ?? '';
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
    return message ? 1 : 0;
  };
  return {
    show,
    element: h(
      'div',
      { class: 'field' },
      h('label', { for: id }, labelText),
      hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
      control,
      error,
    ),
  };
}

const input = (id: string, extra: Record<string, unknown> = {}) =>
  h('input', { id, type: 'text', autocomplete: 'off', ...extra });

function issueSection(ctx: ConsoleContext): HTMLElement {
  const nik = input('nik-issue-nik', { inputmode: 'numeric', maxlength: 16 });
  const name = input('nik-issue-name', { maxlength: 100 });
  const phone = input('nik-issue-phone', { type: 'tel', inputmode: 'tel' });
  const rows = {
    nik: field('nik-issue-nik', t('nikNumber'), nik, t('nikFromKtp')),
    name: field('nik-issue-name', t('nikName'), name),
    phone: field('nik-issue-phone', t('nikPhone'), phone, t('nikPhoneHint')),
  };
  const result = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('nikIssue'));
  const form = h(
    'form',
    { novalidate: true, id: 'nik-issue' },
    rows.nik.element,
    rows.name.element,
    rows.phone.element,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.replaceChildren();
    const values = { nik: nik.value.trim(), name: name.value.trim(), phone: phone.value.trim() };
    const problems =
      rows.nik.show(NIK.test(values.nik) ? undefined : t('nikBadNumber')) +
      rows.name.show(values.name.length >= 2 ? undefined : t('nikNeedName')) +
      rows.phone.show(!values.phone || PHONE.test(values.phone) ? undefined : t('badPhone'));
    if (problems > 0) return;
    button.disabled = true;
    try {
      const issued = await api<Activation>(`/v1/villages/${ctx.village.code}/nik-activations`, {
        method: 'POST',
        body: { nik: values.nik, name: values.name, ...(values.phone ? { phone: values.phone } : {}) },
      });
      // Shown once: the form is emptied, the code lives only on this page and the printed slip.
      form.reset();
      mount(result, slip(ctx, issued, values.nik));
      result.querySelector<HTMLElement>('#nik-slip-title')?.focus();
    } catch (error) {
      result.replaceChildren(h('p', { class: 'banner error', role: 'alert' }, errorText(error)));
    } finally {
      button.disabled = false;
    }
  });
  return h(
    'section',
    { 'aria-labelledby': 'nik-issue-title' },
    h('h2', { id: 'nik-issue-title' }, t('nikIssueTitle')),
    form,
    result,
  );
}

/** The slip handed to the person (always in Indonesian: it is the paper they keep), with a print button. */
function slip(ctx: ConsoleContext, issued: Activation, nik: string): HTMLElement {
  return h(
    'section',
    { class: 'notice ok slip', id: 'nik-slip', 'aria-labelledby': 'nik-slip-title' },
    h('h2', { id: 'nik-slip-title', tabindex: '-1' }, 'Kode Aktivasi NIK — Desa Digital'),
    h('p', { class: 'muted no-print' }, t('nikShownOnce')),
    h(
      'dl',
      null,
      h('dt', null, 'Desa'),
      h('dd', null, ctx.village.name),
      h('dt', null, 'Nama'),
      h('dd', null, issued.name),
      h('dt', null, 'NIK'),
      h('dd', null, `${nik.slice(0, 6)}**********`),
      h('dt', null, 'Kode aktivasi'),
      h('dd', { class: 'code big', id: 'nik-activation-code' }, issued.code),
      h('dt', null, 'Berlaku sampai'),
      h('dd', null, dateTime(issued.expiresAt)),
    ),
    h(
      'ol',
      null,
      h('li', null, 'Buka portal Desa Digital dan masuk dengan akun Anda sendiri.'),
      h('li', null, 'Pilih "Permohonan saya", lalu "Hubungkan NIK".'),
      h('li', null, 'Ketik NIK Anda dan kode di atas. Kode hanya berlaku sekali.'),
    ),
    h(
      'p',
      null,
      'Jangan berikan kode ini kepada siapa pun. Petugas tidak akan pernah memintanya. ' +
        'Jika NIK Anda terhubung dengan akun yang bukan milik Anda, datanglah ke kantor desa membawa KTP.',
    ),
    h(
      'button',
      { type: 'button', class: 'secondary no-print', onclick: () => window.print() },
      t('nikPrint'),
    ),
  );
}

function unlinkSection(ctx: ConsoleContext): HTMLElement {
  const nik = input('nik-unlink-nik', { inputmode: 'numeric', maxlength: 16 });
  const reason = h('textarea', { id: 'nik-unlink-reason', rows: 2, maxlength: 500 });
  const rows = {
    nik: field('nik-unlink-nik', t('nikNumber'), nik),
    reason: field('nik-unlink-reason', t('nikReason'), reason, t('nikReasonHint')),
  };
  const result = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'secondary' }, t('nikUnlink'));
  const form = h(
    'form',
    { novalidate: true, id: 'nik-unlink' },
    rows.nik.element,
    rows.reason.element,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.replaceChildren();
    const values = { nik: nik.value.trim(), reason: reason.value.trim() };
    const problems =
      rows.nik.show(NIK.test(values.nik) ? undefined : t('nikBadNumber')) +
      rows.reason.show(values.reason.length >= 5 ? undefined : t('nikNeedReason'));
    if (problems > 0) return;
    button.disabled = true;
    try {
      await api(`/v1/villages/${ctx.village.code}/nik-unlinks`, { method: 'POST', body: values });
      form.reset();
      result.replaceChildren(h('p', { class: 'banner ok', role: 'status' }, t('nikUnlinked')));
    } catch (error) {
      result.replaceChildren(h('p', { class: 'banner error', role: 'alert' }, errorText(error)));
    } finally {
      button.disabled = false;
    }
  });
  return h(
    'section',
    { 'aria-labelledby': 'nik-unlink-title' },
    h('h2', { id: 'nik-unlink-title' }, t('nikUnlinkTitle')),
    h('p', { class: 'hint' }, t('nikUnlinkIntro')),
    form,
    result,
  );
}
