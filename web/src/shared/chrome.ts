import { ApiError, NetworkError } from './api.js';
import { type MfaSetup, type Session, type SignInResult, signIn } from './auth.js';
import { runtimeConfig } from './config.js';
import { h, uid } from './dom.js';
import { common, lang, setLang, translator, tx } from './i18n.js';
import type { SetupExit } from './mfa-setup.js';

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

/**
 * A sign-in stopped for an authenticator setup (staff without TOTP, Cognito only), with the credentials to
 * sign in again once it is set up. Kept outside the form so a re-render (a language switch) resumes it
 * rather than starting over with a new key; dropped when the setup ends.
 */
let setupUnderWay:
  | { readonly setup: MfaSetup; readonly username: string; readonly password: string }
  | undefined;

/**
 * The sign-in form: username and password, then a code or a new password if the identity service asks,
 * or the one-time setup of an authenticator app (mfa-setup.ts, loaded only then).
 */
export function signInForm(onSignedIn: (session: Session) => void): HTMLElement {
  const userId = uid('user');
  const passwordId = uid('password');
  const message = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const note = h('p', { class: 'notice', role: 'status', hidden: true });
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
  const passwordLabel = h('label', { for: passwordId }, common('password'));
  const button = h('button', { type: 'submit', class: 'primary' }, common('signIn'));
  const demo = h('div', { class: 'demo-accounts' });
  const form = h(
    'form',
    { class: 'sign-in', novalidate: true },
    note,
    h('div', { class: 'field' }, h('label', { for: userId }, common('username')), username),
    h('div', { class: 'field' }, passwordLabel, password),
    message,
    button,
    demo,
  );
  // The form, or the authenticator setup in its place.
  const step = h('div', null, form);
  let pending: ((answer: string) => Promise<SignInResult>) | undefined;
  const showError = (text: string) => {
    button.disabled = false;
    message.hidden = false;
    message.textContent = text;
  };
  const attempt = (result: Promise<SignInResult>) =>
    result.then(handle).catch((error: unknown) => {
      showError(errorText(error instanceof TypeError ? new NetworkError() : error));
    });
  const handle = (result: SignInResult) => {
    button.disabled = false;
    if (result.kind === 'signedIn') return onSignedIn(result.session);
    if (result.kind === 'failed') return showError(tx(result.message));
    if (result.kind === 'mfaSetup') {
      return showSetup({ setup: result.setup, username: username.value.trim(), password: password.value });
    }
    // A challenge: the password field now asks for the code or the new password.
    pending = result.respond;
    const mfa = result.challenge === 'SOFTWARE_TOKEN_MFA';
    passwordLabel.textContent = mfa ? common('mfaCode') : common('newPassword');
    password.value = '';
    password.type = mfa ? 'text' : 'password';
    password.autocomplete = mfa ? 'one-time-code' : 'new-password';
    if (mfa) password.inputMode = 'numeric';
    username.disabled = true;
    message.hidden = mfa;
    message.textContent = mfa ? '' : common('newPasswordNeeded');
    password.focus();
  };
  const showSetup = (underWay: NonNullable<typeof setupUnderWay>) => {
    setupUnderWay = underWay;
    import('./mfa-setup.js')
      .then(({ mfaSetupView }) => {
        if (setupUnderWay !== underWay) return;
        step.replaceChildren(
          mfaSetupView(underWay.setup, (exit) => leaveSetup(underWay, exit), { h, uid, tx, translator }),
        );
        step.querySelector<HTMLElement>('h2')?.focus();
      })
      .catch(() => {
        setupUnderWay = undefined;
        showError(common('networkError'));
      });
  };
  // Back to the form; once set up, the same credentials sign in again and Cognito asks for a code.
  const leaveSetup = (underWay: NonNullable<typeof setupUnderWay>, exit: SetupExit) => {
    // A form replaced by a re-render (a language switch) leaves it to the new one, which shows the setup.
    if (!step.isConnected) return;
    setupUnderWay = undefined;
    pending = undefined;
    passwordLabel.textContent = common('password');
    password.type = 'password';
    password.autocomplete = 'current-password';
    password.removeAttribute('inputmode');
    password.value = exit.signInAgain ? underWay.password : '';
    username.value = underWay.username;
    username.disabled = false;
    message.hidden = true;
    note.hidden = !exit.signInAgain;
    note.textContent = exit.signInAgain ? (exit.text ?? '') : '';
    step.replaceChildren(form);
    if (exit.signInAgain) {
      button.disabled = true;
      void attempt(signIn(underWay.username, underWay.password));
      return;
    }
    if (exit.text) showError(exit.text);
    password.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.hidden = true;
    button.disabled = true;
    void attempt(pending ? pending(password.value) : signIn(username.value.trim(), password.value));
  });
  if (setupUnderWay) showSetup(setupUnderWay);
  void showDemoAccounts(demo, username, password);
  return step;
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
