import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MfaSetup, SignInResult } from '../../../web/src/shared/auth.js';
import { G, modPow, N } from '../../../web/src/shared/srp.js';

/**
 * A staff member without an authenticator signs in to the console (in AWS): Cognito's token says so
 * (`mfa_setup_required`, functions/identity/staff-mfa.ts), and instead of a session they get the setup —
 * AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference — after which the next sign-in asks for a
 * code and carries their groups. Cognito is a fake `fetch` here, with just enough state to play its part;
 * the SRP arithmetic itself is tested in srp.test.ts (this fake does not check the password claim).
 */
const REGION = 'ap-southeast-3';
const COGNITO_URL = `https://cognito-idp.${REGION}.amazonaws.com/`;
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const GOOD_CODE = '123456';
const ACCESS_TOKEN = 'access-token-of-this-sign-in';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: Record<string, unknown>) =>
  `${base64url({ alg: 'RS256', kid: 'k1' })}.${base64url(claims)}.sig`;

const staffClaims = {
  sub: 'd2c1f0e4-0000-4000-8000-000000000001',
  'cognito:username': 'operator.tampo',
  name: 'Operator Tampo',
  'custom:area': '73.13.05.2001',
  exp: Math.floor(Date.now() / 1000) + 3600,
  // Characters whose base64 uses the URL-safe alphabet (- and _), as real payloads may.
  note: '???>>>~~~',
};
/** What the pre-token trigger gives staff without TOTP: no groups, and the claim. */
const setupToken = jwt({ ...staffClaims, mfa_setup_required: 'true' });
const staffToken = jwt({ ...staffClaims, 'cognito:groups': ['operator'] });

interface Call {
  readonly target: string;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;
}

type Failure = { status: number; type: string; message: string } | 'network';

/** The Cognito user pool, for one staff account: the calls it receives and how it answers them. */
function fakeCognito(account: { totp: boolean; claim?: boolean } = { totp: false, claim: true }) {
  const calls: Call[] = [];
  const failures = new Map<string, Failure>();
  const answer = (target: string, body: Record<string, unknown>): unknown => {
    switch (target) {
      case 'InitiateAuth':
        if (body.AuthFlow === 'REFRESH_TOKEN_AUTH') {
          return { AuthenticationResult: { IdToken: account.claim ? setupToken : staffToken } };
        }
        return {
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeParameters: {
            USERNAME: 'operator.tampo',
            USER_ID_FOR_SRP: 'operator.tampo',
            SRP_B: modPow(G, 7n, N).toString(16),
            SALT: 'a1b2c3d4e5f6',
            SECRET_BLOCK: Buffer.from('secret-block').toString('base64'),
          },
        };
      case 'RespondToAuthChallenge': {
        if (body.ChallengeName === 'PASSWORD_VERIFIER' && account.totp) {
          return { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'mfa-session', ChallengeParameters: {} };
        }
        const answers = body.ChallengeResponses as Record<string, string>;
        if (body.ChallengeName === 'SOFTWARE_TOKEN_MFA' && answers.SOFTWARE_TOKEN_MFA_CODE !== GOOD_CODE) {
          return { status: 400, type: 'CodeMismatchException', message: 'Invalid code received for user' };
        }
        return {
          AuthenticationResult: {
            IdToken: account.claim && !account.totp ? setupToken : staffToken,
            AccessToken: ACCESS_TOKEN,
            RefreshToken: 'refresh-token',
          },
        };
      }
      case 'AssociateSoftwareToken':
        return { SecretCode: SECRET };
      case 'VerifySoftwareToken':
        return body.UserCode === GOOD_CODE
          ? { Status: 'SUCCESS' }
          : { status: 400, type: 'EnableSoftwareTokenMFAException', message: 'Code mismatch' };
      case 'SetUserMFAPreference':
        account.totp = true;
        return {};
      default:
        return { status: 400, type: 'UnknownOperationException', message: target };
    }
  };
  const fetch = vi.fn(async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    if (url === '/config.json') {
      return Response.json({
        auth: { kind: 'cognito', region: REGION, userPoolId: `${REGION}_Abc123XyZ`, clientId: 'client-1' },
      });
    }
    if (url !== COGNITO_URL) throw new TypeError(`unexpected fetch ${url}`);
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const target = (headers['x-amz-target'] ?? '').replace('AWSCognitoIdentityProviderService.', '');
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    calls.push({ target, body, headers });
    const failure = failures.get(target);
    if (failure) {
      failures.delete(target);
      if (failure === 'network') throw new TypeError('Failed to fetch');
      return Response.json(
        { __type: `com.amazonaws.cognito.identity.idp.model#${failure.type}`, message: failure.message },
        { status: failure.status },
      );
    }
    const result = answer(target, body) as { status?: number; type?: string; message?: string };
    if (result.status) {
      return Response.json({ __type: result.type, message: result.message }, { status: result.status });
    }
    return Response.json(result);
  });
  return {
    fetch,
    account,
    /** The Cognito operations called, in order. */
    targets: () => calls.map((call) => call.target),
    calls,
    /** The next call of `target` fails this way. */
    failNext: (target: string, failure: Failure) => failures.set(target, failure),
  };
}

/** localStorage, as the browser has it. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => {
      items.delete(key);
    },
    setItem: (key, value) => {
      items.set(key, String(value));
    },
  };
}

let storage: Storage;

beforeEach(() => {
  // A fresh module each test: runtimeConfig caches /config.json.
  vi.resetModules();
  storage = memoryStorage();
  vi.stubGlobal('localStorage', storage);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function useCognito(cognito: ReturnType<typeof fakeCognito>) {
  vi.stubGlobal('fetch', cognito.fetch);
  return import('../../../web/src/shared/auth.js');
}

function setupOf(result: SignInResult): MfaSetup {
  if (result.kind !== 'mfaSetup') throw new Error(`expected the authenticator setup, got ${result.kind}`);
  return result.setup;
}

describe('the mfa_setup_required claim', () => {
  it('is read from the ID token payload (base64url JSON)', async () => {
    const { mfaSetupRequired } = await import('../../../web/src/shared/auth.js');
    expect(setupToken.split('.')[1]).toMatch(/[-_]/);
    expect(mfaSetupRequired(setupToken)).toBe(true);
    expect(mfaSetupRequired(staffToken)).toBe(false);
    expect(mfaSetupRequired(jwt({ ...staffClaims, mfa_setup_required: 'false' }))).toBe(false);
    expect(mfaSetupRequired(jwt({ ...staffClaims, mfa_setup_required: true }))).toBe(false);
    expect(mfaSetupRequired('not-a-token')).toBe(false);
  });
});

describe('staff without an authenticator set it up at sign-in (Cognito)', () => {
  it('get the setup instead of a session: the secret, grouped, and an otpauth link', async () => {
    const cognito = fakeCognito();
    const { signIn, signedIn } = await useCognito(cognito);
    const { groupSecret } = await import('../../../web/src/shared/cognito.js');

    const setup = setupOf(await signIn('operator.tampo', 'Kata-Sandi-Desa-2026!'));

    expect(signedIn()).toBeUndefined();
    expect(storage.length).toBe(0);
    expect(cognito.targets()).toEqual(['InitiateAuth', 'RespondToAuthChallenge', 'AssociateSoftwareToken']);
    expect(cognito.calls[2]?.body).toEqual({ AccessToken: ACCESS_TOKEN });
    expect(setup.secret).toBe(SECRET);
    expect(groupSecret(setup.secret)).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
    expect(setup.uri).toBe(
      `otpauth://totp/Desa%20Digital:operator.tampo?secret=${SECRET}&issuer=Desa%20Digital`,
    );
  });

  it('verify a code of the app, then make TOTP their second factor: three calls, in order', async () => {
    const cognito = fakeCognito();
    const { signIn } = await useCognito(cognito);
    const setup = setupOf(await signIn('operator.tampo', 'Kata-Sandi-Desa-2026!'));

    const result = await setup.verify(' 123 456 ');

    expect(result).toEqual({ kind: 'done' });
    const setupCalls = cognito.calls.slice(2);
    expect(setupCalls.map((call) => call.headers['x-amz-target'])).toEqual([
      'AWSCognitoIdentityProviderService.AssociateSoftwareToken',
      'AWSCognitoIdentityProviderService.VerifySoftwareToken',
      'AWSCognitoIdentityProviderService.SetUserMFAPreference',
    ]);
    for (const call of setupCalls) expect(call.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(setupCalls[1]?.body).toEqual({
      AccessToken: ACCESS_TOKEN,
      UserCode: GOOD_CODE,
      FriendlyDeviceName: 'Desa Digital',
    });
    expect(setupCalls[2]?.body).toEqual({
      AccessToken: ACCESS_TOKEN,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
  });

  it('then sign in again with a code of the app, and their token carries their groups', async () => {
    const cognito = fakeCognito();
    const { signIn, signedIn, isStaff } = await useCognito(cognito);
    const setup = setupOf(await signIn('operator.tampo', 'Kata-Sandi-Desa-2026!'));
    await setup.verify(GOOD_CODE);

    const again = await signIn('operator.tampo', 'Kata-Sandi-Desa-2026!');
    if (again.kind !== 'challenge') throw new Error(`expected the code challenge, got ${again.kind}`);
    expect(again.challenge).toBe('SOFTWARE_TOKEN_MFA');
    const result = await again.respond(GOOD_CODE);

    expect(result.kind).toBe('signedIn');
    expect(signedIn()?.roles).toEqual(['operator']);
    expect(isStaff(signedIn())).toBe(true);
  });

  it.each(['EnableSoftwareTokenMFAException', 'CodeMismatchException'])(
    'are told, in both languages, that a wrong code is wrong (%s), and may try again',
    async (type) => {
      const cognito = fakeCognito();
      const { signIn } = await useCognito(cognito);
      const setup = setupOf(await signIn('operator.tampo', 'Kata-Sandi-Desa-2026!'));
      cognito.failNext('VerifySoftwareToken', {
        status: 400,
        type,
        message: 'Code mismatch and fail enable',
      });

      const wrong = await setup.verify('654321');

      expect(wrong).toEqual({ kind: 'failed', restart: false, message: expect.any(Object) });
      if (wrong.kind !== 'failed') return;
      expect(wrong.message.id).toMatch(/^Kode salah\./);
      expect(wrong.message.en).toMatch(/^Wrong code\./);
      expect(JSON.stringify(wrong.message)).not.toMatch(/Exception|__type|mismatch/);
      expect(cognito.targets()).not.toContain('SetUserMFAPreference');

      expect(await setup.verify(GOOD_CODE)).toEqual({ kind: 'done' });
      expect(cognito.targets().filter((target) => target === 'SetUserMFAPreference')).toHaveLength(1);
    },
  );

  it('are told a code has 6 digits without asking Cognito', async () => {
    const cognito = fakeCognito();
    const { signIn } = await useCognito(cognito);
    const setup = setupOf(await signIn('operator.tampo', 'Kata-Sandi-Desa-2026!'));

    const result = await setup.verify('12345a');

    expect(result).toMatchObject({
      kind: 'failed',
      restart: false,
      message: { en: 'The code has 6 digits.' },
    });
    expect(cognito.targets()).not.toContain('VerifySoftwareToken');
  });

  it('sign in again when the setup has timed out (the access token expired)', async () => {
    const cognito = fakeCognito();
    const { signIn } = await useCognito(cognito);
    const setup = setupOf(await signIn('operator.tampo', 'Kata-Sandi-Desa-2026!'));
    cognito.failNext('VerifySoftwareToken', {
      status: 400,
      type: 'NotAuthorizedException',
      message: 'Access Token has expired',
    });

    const result = await setup.verify(GOOD_CODE);

    expect(result).toMatchObject({ kind: 'failed', restart: true });
    if (result.kind !== 'failed') return;
    expect(result.message.id).toMatch(/Masuk lagi/);
    expect(result.message.en).toMatch(/Sign in again/);
    expect(cognito.targets()).not.toContain('SetUserMFAPreference');
  });

  it('after a dropped connection while saving, only the preference is sent again', async () => {
    const cognito = fakeCognito();
    const { signIn } = await useCognito(cognito);
    const setup = setupOf(await signIn('operator.tampo', 'Kata-Sandi-Desa-2026!'));
    cognito.failNext('SetUserMFAPreference', 'network');

    const first = await setup.verify(GOOD_CODE);
    expect(first).toMatchObject({ kind: 'failed', restart: false, message: { en: /Check the connection/ } });
    const second = await setup.verify('000000');

    expect(second).toEqual({ kind: 'done' });
    expect(cognito.targets().slice(2)).toEqual([
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'SetUserMFAPreference',
      'SetUserMFAPreference',
    ]);
  });

  it('see a readable message when Cognito cannot start the setup', async () => {
    const cognito = fakeCognito();
    const { signIn, signedIn } = await useCognito(cognito);
    cognito.failNext('AssociateSoftwareToken', {
      status: 500,
      type: 'InternalErrorException',
      message: 'boom',
    });

    const result = await signIn('operator.tampo', 'Kata-Sandi-Desa-2026!');

    expect(result).toEqual({
      kind: 'failed',
      message: {
        id: 'Autentikator tidak dapat dipasang saat ini. Periksa koneksi dan coba lagi.',
        en: 'The authenticator cannot be set up right now. Check the connection and try again.',
      },
    });
    expect(signedIn()).toBeUndefined();
  });

  it('are signed out when a renewed token says the setup is needed', async () => {
    const cognito = fakeCognito({ totp: false, claim: true });
    const { validToken, signedIn } = await useCognito(cognito);
    const expired = jwt({ ...staffClaims, 'cognito:groups': ['operator'], exp: 1 });
    storage.setItem(
      'dd.session',
      JSON.stringify({ token: expired, exp: 1, roles: ['operator'], refreshToken: 'refresh-token' }),
    );

    expect(await validToken()).toBeUndefined();
    expect(signedIn()).toBeUndefined();
  });
});

describe('a token without the claim', () => {
  it('goes straight to the console: a session with the groups, no setup call', async () => {
    const cognito = fakeCognito({ totp: false, claim: false });
    const { signIn, signedIn } = await useCognito(cognito);

    const result = await signIn('operator.tampo', 'Kata-Sandi-Desa-2026!');

    expect(result.kind).toBe('signedIn');
    expect(signedIn()).toMatchObject({ username: 'operator.tampo', roles: ['operator'] });
    expect(cognito.targets()).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
  });

  it('in the local runtime, sign-in stays the local token form post (no Cognito)', async () => {
    const fetch = vi.fn(async (input: string | URL) => {
      const url = String(input);
      if (url === '/config.json') return Response.json({ auth: { kind: 'local' } });
      if (url === '/local/token') return new Response(staffToken);
      throw new TypeError(`unexpected fetch ${url}`);
    });
    vi.stubGlobal('fetch', fetch);
    const { signIn } = await import('../../../web/src/shared/auth.js');

    const result = await signIn('operator.tampo', 'demo');

    expect(result).toMatchObject({ kind: 'signedIn', session: { roles: ['operator'] } });
    expect(fetch.mock.calls.map(([url]) => String(url))).toEqual(['/config.json', '/local/token']);
  });
});
