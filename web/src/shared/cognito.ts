import type { MfaSetupResult, SignInResult } from './auth.js';
import type { AuthConfig } from './config.js';
import { cognitoTimestamp, newSrpClient, passwordAuthenticationKey, passwordClaimSignature } from './srp.js';

/**
 * Cognito sign-in over its JSON API with fetch (no SDK): USER_SRP_AUTH, then the password verifier, then
 * the challenges staff may meet (TOTP code, first-time password), and the one-time setup of a staff
 * member's authenticator app (TOTP). Loaded on demand, never on first paint.
 */
type CognitoConfig = Extract<AuthConfig, { kind: 'cognito' }>;
type Text = { readonly id: string; readonly en: string };

interface AuthResponse {
  readonly ChallengeName?: string;
  readonly ChallengeParameters?: Record<string, string>;
  readonly Session?: string;
  readonly AuthenticationResult?: {
    readonly IdToken: string;
    readonly AccessToken?: string;
    readonly RefreshToken?: string;
  };
}

class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T = AuthResponse>(config: CognitoConfig, action: string, body: unknown): Promise<T> {
  const response = await fetch(`https://cognito-idp.${config.region}.amazonaws.com/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as T & { __type?: string; message?: string };
  if (!response.ok)
    throw new CognitoError(
      String(json.__type ?? 'Error')
        .split('#')
        .pop() ?? 'Error',
      json.message ?? '',
    );
  return json;
}

export interface Tokens {
  readonly idToken: string;
  /** For calls on the person's own account (the authenticator setup). */
  readonly accessToken?: string;
  readonly refreshToken?: string;
}

type Finish = (tokens: Tokens) => SignInResult | Promise<SignInResult>;

export async function signInWithSrp(
  config: CognitoConfig,
  username: string,
  password: string,
  finish: Finish,
): Promise<SignInResult> {
  try {
    const poolName = config.userPoolId.split('_')[1] ?? '';
    const client = newSrpClient();
    const started = await call(config, 'InitiateAuth', {
      ClientId: config.clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: username, SRP_A: client.largeA.toString(16) },
    });
    const parameters = started.ChallengeParameters ?? {};
    const challenge = {
      userId: parameters.USER_ID_FOR_SRP ?? username,
      serverBHex: parameters.SRP_B ?? '',
      saltHex: parameters.SALT ?? '',
      secretBlock: parameters.SECRET_BLOCK ?? '',
    };
    const key = await passwordAuthenticationKey(client, poolName, challenge, password);
    const timestamp = cognitoTimestamp(new Date());
    const verified = await call(config, 'RespondToAuthChallenge', {
      ClientId: config.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: {
        USERNAME: parameters.USERNAME ?? challenge.userId,
        PASSWORD_CLAIM_SECRET_BLOCK: challenge.secretBlock,
        PASSWORD_CLAIM_SIGNATURE: await passwordClaimSignature(key, poolName, challenge, timestamp),
        TIMESTAMP: timestamp,
      },
    });
    return next(config, parameters.USERNAME ?? challenge.userId, verified, finish);
  } catch (error) {
    return failure(error);
  }
}

async function next(
  config: CognitoConfig,
  username: string,
  response: AuthResponse,
  finish: Finish,
): Promise<SignInResult> {
  const result = response.AuthenticationResult;
  if (result) {
    return finish({
      idToken: result.IdToken,
      ...(result.AccessToken ? { accessToken: result.AccessToken } : {}),
      ...(result.RefreshToken ? { refreshToken: result.RefreshToken } : {}),
    });
  }
  const name = response.ChallengeName;
  if (name === 'SOFTWARE_TOKEN_MFA' || name === 'NEW_PASSWORD_REQUIRED') {
    const answerKey = name === 'SOFTWARE_TOKEN_MFA' ? 'SOFTWARE_TOKEN_MFA_CODE' : 'NEW_PASSWORD';
    return {
      kind: 'challenge',
      challenge: name,
      respond: async (answer) => {
        try {
          const answered = await call(config, 'RespondToAuthChallenge', {
            ClientId: config.clientId,
            ChallengeName: name,
            Session: response.Session,
            ChallengeResponses: { USERNAME: username, [answerKey]: answer },
          });
          return next(config, username, answered, finish);
        } catch (error) {
          return failure(error);
        }
      },
    };
  }
  return {
    kind: 'failed',
    message: {
      id: `Langkah masuk "${name ?? '?'}" belum didukung di sini; hubungi admin.`,
      en: `Sign-in step "${name ?? '?'}" is not supported here; contact your admin.`,
    },
  };
}

function failure(error: unknown): SignInResult {
  const type = error instanceof CognitoError ? error.type : 'NetworkError';
  const messages: Record<string, { id: string; en: string }> = {
    NotAuthorizedException: { id: 'Nama pengguna atau kata sandi salah.', en: 'Wrong username or password.' },
    UserNotConfirmedException: {
      id: 'Akun belum dikonfirmasi. Periksa SMS atau email Anda.',
      en: 'Account not confirmed yet. Check your SMS or email.',
    },
    PasswordResetRequiredException: {
      id: 'Kata sandi perlu diatur ulang; hubungi admin desa.',
      en: 'Your password must be reset; contact the village admin.',
    },
    CodeMismatchException: { id: 'Kode salah.', en: 'Wrong code.' },
    InvalidPasswordException: {
      id: 'Kata sandi baru tidak memenuhi ketentuan (minimal 12 karakter, huruf besar, kecil, angka, simbol).',
      en: 'The new password does not meet the rules (12+ characters, upper and lower case, digit, symbol).',
    },
  };
  return {
    kind: 'failed',
    message: messages[type] ?? {
      id: 'Tidak dapat masuk saat ini. Periksa koneksi dan coba lagi.',
      en: 'Cannot sign in right now. Check the connection and try again.',
    },
  };
}

/** A new ID token from the refresh token (REFRESH_TOKEN_AUTH). */
export async function refresh(config: CognitoConfig, refreshToken: string): Promise<string | undefined> {
  const response = await call(config, 'InitiateAuth', {
    ClientId: config.clientId,
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  return response.AuthenticationResult?.IdToken;
}

/** The issuer the authenticator app shows next to the account. */
const ISSUER = 'Desa Digital';
/** The name Cognito keeps for the registered authenticator. */
const DEVICE_NAME = 'Desa Digital';

/** The key URI an authenticator app opens (Google's Key URI format): issuer, account and the secret. */
export const otpauthUri = (account: string, secret: string): string =>
  `otpauth://totp/${encodeURIComponent(ISSUER)}:${encodeURIComponent(account)}?secret=${encodeURIComponent(secret)}&issuer=${encodeURIComponent(ISSUER)}`;

/** The secret in blocks of four, easier to read out and type into an app (`ABCD EFGH …`). */
export const groupSecret = (secret: string): string => secret.match(/.{1,4}/g)?.join(' ') ?? '';

/**
 * The setup of a staff member's authenticator, for a token that says it is missing (`mfa_setup_required`):
 * AssociateSoftwareToken gives the secret the person adds to their app; `verify` then checks a code of
 * the app (VerifySoftwareToken) and makes TOTP the account's second factor (SetUserMFAPreference). From
 * then on Cognito asks for a code at every sign-in, and the token carries the person's groups.
 * @param account the name the person signed in with, shown by the app
 * @param accessToken the access token of this sign-in (its calls act on the person's own account)
 */
export async function startMfaSetup(
  config: CognitoConfig,
  account: string,
  accessToken: string | undefined,
): Promise<SignInResult> {
  try {
    if (!accessToken) throw new CognitoError('Error', 'no access token');
    const { SecretCode: secret } = await call<{ SecretCode?: string }>(config, 'AssociateSoftwareToken', {
      AccessToken: accessToken,
    });
    if (!secret) throw new CognitoError('Error', 'no secret');
    let verified = false;
    const verify = async (answer: string): Promise<MfaSetupResult> => {
      const code = answer.replace(/\s+/g, '');
      if (!/^\d{6}$/.test(code)) return setupFailure('CodeFormat');
      try {
        // A code already accepted is not asked again when only the preference is left (a dropped connection).
        if (!verified) {
          const checked = await call<{ Status?: string }>(config, 'VerifySoftwareToken', {
            AccessToken: accessToken,
            UserCode: code,
            FriendlyDeviceName: DEVICE_NAME,
          });
          if (checked.Status !== 'SUCCESS') return setupFailure('CodeMismatchException');
          verified = true;
        }
        await call(config, 'SetUserMFAPreference', {
          AccessToken: accessToken,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
        });
        return { kind: 'done' };
      } catch (error) {
        return setupFailure(error instanceof CognitoError ? error.type : '');
      }
    };
    return { kind: 'mfaSetup', setup: { account, secret, uri: otpauthUri(account, secret), verify } };
  } catch (error) {
    const failed = setupFailure(error instanceof CognitoError ? error.type : '');
    return { kind: 'failed', message: failed.restart ? SETUP_UNAVAILABLE : failed.message };
  }
}

const WRONG_CODE: Text = {
  id: 'Kode salah. Ketik kode 6 angka yang sedang tampil di aplikasi autentikator, lalu coba lagi. Bila tetap salah, pastikan tanggal dan jam ponsel diatur otomatis.',
  en: "Wrong code. Type the 6-digit code your authenticator app shows now, then try again. If it keeps failing, make sure the phone's date and time are set automatically.",
};
const SETUP_UNAVAILABLE: Text = {
  id: 'Autentikator tidak dapat dipasang saat ini. Periksa koneksi dan coba lagi.',
  en: 'The authenticator cannot be set up right now. Check the connection and try again.',
};
const TOO_MANY: Text = {
  id: 'Terlalu banyak percobaan. Tunggu beberapa menit, lalu coba lagi.',
  en: 'Too many attempts. Wait a few minutes, then try again.',
};
const SIGN_IN_AGAIN: Text = {
  id: 'Waktu pemasangan habis. Masuk lagi untuk memulai ulang; hapus kunci lama dari aplikasi bila sudah ditambahkan.',
  en: 'The setup timed out. Sign in again to start over; remove the old key from the app if you added it.',
};

type SetupFailure = Extract<MfaSetupResult, { kind: 'failed' }>;

/** A person-readable message for a failed setup step; `restart` when only a new sign-in can go on. */
function setupFailure(type: string): SetupFailure {
  const retry: Record<string, Text> = {
    CodeFormat: { id: 'Kode terdiri dari 6 angka.', en: 'The code has 6 digits.' },
    CodeMismatchException: WRONG_CODE,
    EnableSoftwareTokenMFAException: WRONG_CODE,
    TooManyRequestsException: TOO_MANY,
    LimitExceededException: TOO_MANY,
  };
  const restart: Record<string, Text> = {
    NotAuthorizedException: SIGN_IN_AGAIN,
    SoftwareTokenMFANotFoundException: SIGN_IN_AGAIN,
  };
  const again = restart[type];
  if (again) return { kind: 'failed', message: again, restart: true };
  return { kind: 'failed', message: retry[type] ?? SETUP_UNAVAILABLE, restart: false };
}
