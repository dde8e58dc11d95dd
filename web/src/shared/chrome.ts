import { ApiError, NetworkError } from './api.js';
import { type Session, type SignInResult, signIn } from './auth.js';
import { runtimeConfig } from './config.js';
import { h, uid } from './dom.js';
import { common, lang, setLang, tx } from './i18n.js';

/** The language switch: a real button, labelled in the language it switches to. */
export function langSwitch(): HTMLButtonElement {
  const other = lang() === 'id' ? 'en' : 'id';
  return h(
    'button',
    {
      type: 'button',
      class: 'link-button lang-switch',
      lang: other,
      'aria-label': common('switchLangLabel'),
      onclick: () => setLang(other),
    },
    common('switchLang'),
  );
}

/** A banner that appears while the device is offline. */
export function offlineBanner(): HTMLElement {
  const banner = h(
    'p',
    { class: 'banner offline', role: 'status', hidden: navigator.onLine },
    common('offline'),
  );
  window.addEventListener('offline', () => {
    banner.hidden = false;
  });
  window.addEventListener('online', () => {
    banner.hidden = true;
  });
  return banner;
}

/** A message for any failure: the API's own words, or the network's. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return tx(error.text);
  if (error instanceof NetworkError) return common('networkError');
  return String(error instanceof Error ? error.message : error);
}

export const errorBox = (error: unknown): HTMLElement =>
  h('p', { class: 'banner error', role: 'alert' }, errorText(error));

/** The sign-in form: username and password, then a code or a new password if the identity service asks. */
export function signInForm(onSignedIn: (session: Session) => void): HTMLElement {
  const userId = uid('user');
  const passwordId = uid('password');
  const message = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const username = h('input', {
    id: userId,
    name: 'username',
    autocomplete: 'username',
    required: true,
    autocapitalize: 'none',
  });
  const password = h('input', {
    id: passwordId,
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const button = h('button', { type: 'submit', class: 'primary' }, common('signIn'));
  const demo = h('div', { class: 'demo-accounts' });
  const form = h(
    'form',
    { class: 'sign-in', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: userId }, common('username')), username),
    h('div', { class: 'field' }, h('label', { for: passwordId }, common('password')), password),
    message,
    button,
    demo,
  );
  let pending: ((answer: string) => Promise<SignInResult>) | undefined;
  const handle = (result: SignInResult) => {
    button.disabled = false;
    if (result.kind === 'signedIn') return onSignedIn(result.session);
    if (result.kind === 'failed') {
      message.hidden = false;
      message.textContent = tx(result.message);
      return;
    }
    // A challenge: the password field now asks for the code or the new password.
    pending = result.respond;
    const mfa = result.challenge === 'SOFTWARE_TOKEN_MFA';
    const label = form.querySelector(`label[for="${passwordId}"]`);
    if (label) label.textContent = mfa ? common('mfaCode') : common('newPassword');
    password.value = '';
    password.type = mfa ? 'text' : 'password';
    password.autocomplete = mfa ? 'one-time-code' : 'new-password';
    if (mfa) password.inputMode = 'numeric';
    username.disabled = true;
    message.hidden = mfa;
    message.textContent = mfa ? '' : common('newPasswordNeeded');
    password.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.hidden = true;
    button.disabled = true;
    const attempt = pending ? pending(password.value) : signIn(username.value.trim(), password.value);
    attempt.then(handle).catch((error: unknown) => {
      button.disabled = false;
      message.hidden = false;
      message.textContent = errorText(error instanceof TypeError ? new NetworkError() : error);
    });
  });
  void showDemoAccounts(demo, username, password);
  return form;
}

/** Locally, the demo accounts are listed (they exist only in the local runtime). */
async function showDemoAccounts(
  container: HTMLElement,
  username: HTMLInputElement,
  password: HTMLInputElement,
) {
  const config = await runtimeConfig();
  if (config.auth.kind !== 'local') return;
  const response = await fetch('/local/users').catch(() => undefined);
  if (!response?.ok) return;
  const { password: demoPassword, users } = (await response.json()) as {
    password: string;
    users: { username: string; name: string; role: string }[];
  };
  container.replaceChildren(
    h(
      'details',
      null,
      h('summary', null, common('demoAccounts')),
      h('p', null, common('demoPassword', { password: demoPassword })),
      h(
        'ul',
        null,
        users.map((user) =>
          h(
            'li',
            null,
            h(
              'button',
              {
                type: 'button',
                class: 'link-button',
                onclick: () => {
                  username.value = user.username;
                  password.value = demoPassword;
                },
              },
              user.username,
            ),
            ` — ${user.name} (${user.role})`,
          ),
        ),
      ),
    ),
  );
}
