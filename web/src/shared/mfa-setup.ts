import type { MfaSetup } from './auth.js';
import { groupSecret } from './cognito.js';
import type { h, uid } from './dom.js';
import type { translator, tx } from './i18n.js';

/**
 * The step a staff member meets once, at a sign-in before they have an authenticator (TOTP): how to add
 * the key to an app, the key itself (blocks of four, and an otpauth:// link for an app on the same phone;
 * no QR code, to keep the download small), then a code of the app to switch it on. Loaded on demand by
 * the sign-in form, only when Cognito's token says the setup is needed.
 */

/**
 * The page's own DOM and language helpers, handed over by the sign-in form rather than imported: a module
 * loaded on demand that imported them would make esbuild split them out of the shared first-load chunk
 * into one more file on every page (dom.ts and i18n.ts are bundled once, with the page).
 */
export interface PageKit {
  readonly h: typeof h;
  readonly uid: typeof uid;
  readonly tx: typeof tx;
  readonly translator: typeof translator;
}

/** How the setup ends: set up (sign in again, with the app's code), given up, or timed out. */
export interface SetupExit {
  /** Set up: sign in again now, the same username and password, then a code of the app. */
  readonly signInAgain: boolean;
  /** A note (after the setup) or an error (it cannot go on) for the sign-in form. */
  readonly text?: string;
}

export function mfaSetupView(setup: MfaSetup, leave: (exit: SetupExit) => void, kit: PageKit): HTMLElement {
  const { h, uid, tx } = kit;
  const t = kit.translator(STRINGS);
  const codeId = uid('totp');
  const message = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const code = h('input', {
    id: codeId,
    name: 'code',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    autocapitalize: 'none',
    required: true,
  });
  const button = h('button', { type: 'submit', class: 'primary' }, t('activate'));
  const copied = h('span', { role: 'status', class: 'hint' });
  const copy =
    navigator.clipboard &&
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          navigator.clipboard.writeText(setup.secret).then(
            () => {
              copied.textContent = ` ${t('copied')}`;
            },
            () => undefined,
          );
        },
      },
      t('copy'),
    );
  const form = h(
    'form',
    { novalidate: true },
    h('div', { class: 'field' }, h('label', { for: codeId }, t('code')), code),
    message,
    button,
    ' ',
    h(
      'button',
      { type: 'button', class: 'link-button', onclick: () => leave({ signInAgain: false }) },
      t('cancel'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.hidden = true;
    button.disabled = true;
    setup
      .verify(code.value)
      .then((result) => {
        button.disabled = false;
        if (result.kind === 'done') return leave({ signInAgain: true, text: t('done') });
        if (result.restart) return leave({ signInAgain: false, text: tx(result.message) });
        message.textContent = tx(result.message);
        message.hidden = false;
        code.setAttribute('aria-invalid', 'true');
        code.select();
        code.focus();
      })
      .catch(() => {
        button.disabled = false;
        message.textContent = t('network');
        message.hidden = false;
      });
  });
  return h(
    'section',
    { class: 'sign-in mfa-setup' },
    h('h2', { tabindex: '-1' }, t('title')),
    h('p', null, t('intro')),
    h('ol', null, h('li', null, t('stepInstall')), h('li', null, t('stepAdd')), h('li', null, t('stepCode'))),
    h(
      'div',
      { class: 'card' },
      h('p', { class: 'meta' }, t('account', { account: `Desa Digital (${setup.account})` })),
      h('p', null, h('strong', null, `${t('key')}: `)),
      h('p', { class: 'code', translate: 'no' }, groupSecret(setup.secret)),
      h('p', null, h('a', { class: 'button', href: setup.uri }, t('openApp')), ' ', copy, copied),
      h('p', { class: 'hint' }, t('keepSafe')),
    ),
    form,
  );
}

/** Read once per staff member: kept here, out of the console's first load. [Indonesian, English] */
const STRINGS = {
  title: ['Pasang aplikasi autentikator', 'Set up your authenticator app'],
  intro: [
    'Akun petugas memakai kode dari aplikasi autentikator setiap kali masuk. Pemasangan ini dilakukan sekali saja.',
    'Staff accounts use a code from an authenticator app at every sign-in. This setup is done once.',
  ],
  stepInstall: [
    'Pasang aplikasi autentikator di ponsel Anda, misalnya Google Authenticator, Microsoft Authenticator atau FreeOTP (gratis di Play Store dan App Store).',
    'Install an authenticator app on your phone, for example Google Authenticator, Microsoft Authenticator or FreeOTP (free in the Play Store and App Store).',
  ],
  stepAdd: [
    'Di aplikasi, tambahkan akun dengan memasukkan kunci penyiapan di bawah (jenis: berbasis waktu; spasi boleh dilewati). Bila halaman ini terbuka di ponsel itu, cukup ketuk "Buka di aplikasi autentikator".',
    'In the app, add an account by entering the setup key below (type: time-based; spaces can be left out). If this page is open on that phone, just tap "Open in the authenticator app".',
  ],
  stepCode: [
    'Ketik kode 6 angka yang tampil di aplikasi, lalu tekan "Aktifkan".',
    'Type the 6-digit code the app shows, then press "Activate".',
  ],
  key: ['Kunci penyiapan', 'Setup key'],
  account: ['Akun: {account}', 'Account: {account}'],
  openApp: ['Buka di aplikasi autentikator', 'Open in the authenticator app'],
  copy: ['Salin kunci', 'Copy the key'],
  copied: ['Kunci tersalin', 'Key copied'],
  code: ['Kode dari aplikasi (6 angka)', 'Code from the app (6 digits)'],
  activate: ['Aktifkan', 'Activate'],
  cancel: ['Batal', 'Cancel'],
  keepSafe: [
    'Jangan berikan kunci ini kepada siapa pun. Bila ponsel hilang atau diganti, minta admin mengatur ulang autentikator Anda.',
    'Do not give this key to anyone. If the phone is lost or replaced, ask your admin to reset your authenticator.',
  ],
  done: [
    'Autentikator terpasang. Untuk masuk, tunggu sampai aplikasi menampilkan kode baru, lalu ketik kode itu di sini.',
    'Authenticator set up. To sign in, wait until the app shows a new code, then type it here.',
  ],
  network: [
    'Tidak dapat terhubung ke server. Periksa koneksi internet Anda.',
    'Cannot reach the server. Check your internet connection.',
  ],
} as const;
