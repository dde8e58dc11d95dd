import { runtimeConfig } from './config.js';

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
  | { readonly kind: 'failed'; readonly message: { id: string; en: string } };

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
    if (renewed) {
      const next = sessionFrom(renewed, session.refreshToken);
      save(next);
      return next.token;
    }
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
  const { signInWithSrp } = await import('./cognito.js');
  return signInWithSrp(config.auth, username, password, (tokens) =>
    done(sessionFrom(tokens.idToken, tokens.refreshToken)),
  );
}

export function signOut(): void {
  localStorage.removeItem(KEY);
}

function done(session: Session): SignInResult {
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
