import { runtimeConfig } from './config.js';
import { clearDrafts } from './drafts.js';

/**
 * The signed-in person, kept on the device (localStorage) so a citizen on a phone is not asked again
 * every visit. The API checks every token; the claims read here only shape the screens.
 */
export interface Session {
  readonly token: string;
  /** Expiry, seconds since the epoch (the token's `exp`). */
  readonly exp: number;
  readonly subject: string;
  readonly name: string;
  readonly username: string;
  readonly roles: readonly string[];
  readonly areas: readonly string[];
  /** Cognito only: renews the ID token without asking for the password again. */
  readonly refreshToken?: string;
}

export type SignInResult =
  | { readonly kind: 'signedIn'; readonly session: Session }
  | {
      readonly kind: 'challenge';
      readonly challenge: 'SOFTWARE_TOKEN_MFA' | 'NEW_PASSWORD_REQUIRED';
      readonly respond: (answer: string) => Promise<SignInResult>;
    }
  /** Staff without an authenticator yet (Cognito only): not signed in until it is set up. */
  | { readonly kind: 'mfaSetup'; readonly setup: MfaSetup }
  | { readonly kind: 'failed'; readonly message: { id: string; en: string } };

/** A staff member's authenticator (TOTP) being set up: the key for their app, then a code of the app. */
export interface MfaSetup {
  /** The account name the app shows (what the person signed in with). */
  readonly account: string;
  /** The shared secret (base32) the person adds to the app. */
  readonly secret: string;
  /** The same as an `otpauth://` link, which an authenticator app on the same phone opens. */
  readonly uri: string;
  /** Checks a code of the app and, when right, makes the app the account's second factor. */
  readonly verify: (code: string) => Promise<MfaSetupResult>;
}

export type MfaSetupResult =
  /** Set up: the next sign-in asks for a code, and its token carries the person's groups. */
  | { readonly kind: 'done' }
  /** `restart`: the setup cannot go on (it timed out), the person signs in again; otherwise try again. */
  | { readonly kind: 'failed'; readonly message: { id: string; en: string }; readonly restart: boolean };

/**
 * The claim the pre-token trigger gives staff who have no authenticator yet (functions/identity/staff-mfa.ts):
 * their token has no groups, so no role, until they set one up.
 */
export const MFA_SETUP_REQUIRED_CLAIM = 'mfa_setup_required';

/** Whether a token says its holder must set up an authenticator first. */
export function mfaSetupRequired(token: string): boolean {
  try {
    return claimsOf(token)[MFA_SETUP_REQUIRED_CLAIM] === 'true';
  } catch {
    return false;
  }
}

const KEY = 'dd.session';
const SKEW_SECONDS = 60;

export function currentSession(): Session | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : undefined;
  } catch {
    return undefined;
  }
}

const fresh = (session: Session): boolean => session.exp - SKEW_SECONDS > Date.now() / 1000;

/** A token the API will accept, renewing it when it can; undefined when the person must sign in again. */
export async function validToken(): Promise<string | undefined> {
  const session = currentSession();
  if (!session) return undefined;
  if (fresh(session)) return session.token;
  const config = await runtimeConfig();
  if (config.auth.kind === 'cognito' && session.refreshToken) {
    const { refresh } = await import('./cognito.js');
    const renewed = await refresh(config.auth, session.refreshToken).catch(() => undefined);
    if (renewed && !mfaSetupRequired(renewed)) {
      const next = sessionFrom(renewed, session.refreshToken);
      save(next);
      return next.token;
    }
    // A token that needs an authenticator set up first grants nothing: the person signs in (and sets it up).
    if (renewed) signOut();
  }
  return undefined;
}

export function signedIn(): Session | undefined {
  const session = currentSession();
  return session && (fresh(session) || session.refreshToken) ? session : undefined;
}

export async function signIn(username: string, password: string): Promise<SignInResult> {
  const config = await runtimeConfig();
  if (config.auth.kind === 'local') {
    const response = await fetch('/local/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username, password }),
    });
    if (!response.ok) return failed();
    return done(sessionFrom(await response.text()));
  }
  const cognito = await import('./cognito.js');
  const auth = config.auth;
  // Staff without an authenticator are not signed in (their token grants nothing): they set one up first.
  return cognito.signInWithSrp(auth, username, password, (tokens) =>
    mfaSetupRequired(tokens.idToken)
      ? cognito.startMfaSetup(auth, username, tokens.accessToken)
      : done(sessionFrom(tokens.idToken, tokens.refreshToken)),
  );
}

/** Signs out and discards every form draft on the device (they hold NIKs; see drafts.ts). */
export function signOut(): void {
  localStorage.removeItem(KEY);
  clearDrafts();
}

function done(session: Session): SignInResult {
  clearDrafts(session.subject); // drafts of an account whose session ended without a sign-out
  save(session);
  return { kind: 'signedIn', session };
}

const failed = (): SignInResult => ({
  kind: 'failed',
  message: { id: 'Nama pengguna atau kata sandi salah.', en: 'Wrong username or password.' },
});

function save(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

/** Reads a JWT's payload (no verification: the API verifies; this only shapes the screens). */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(json, (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

export function sessionFrom(token: string, refreshToken?: string): Session {
  const claims = claimsOf(token);
  const list = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.map(String)
      : typeof value === 'string' && value
        ? value.split(/[\s,]+/).filter(Boolean)
        : [];
  const roles = list(claims['cognito:groups']);
  return {
    token,
    exp: Number(claims.exp ?? 0),
    subject: String(claims.sub ?? ''),
    name: String(claims.name ?? claims['cognito:username'] ?? ''),
    username: String(claims['cognito:username'] ?? claims.email ?? ''),
    roles: roles.length > 0 ? roles : ['citizen'],
    areas: list(claims['custom:area']),
    ...(refreshToken ? { refreshToken } : {}),
  };
}

export const isStaff = (session: Session | undefined): boolean =>
  !!session && session.roles.some((role) => role !== 'citizen');
