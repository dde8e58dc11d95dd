import type { SignInResult } from './auth.js';
import type { AuthConfig } from './config.js';
import { cognitoTimestamp, newSrpClient, passwordAuthenticationKey, passwordClaimSignature } from './srp.js';

/**
 * Cognito sign-in over its JSON API with fetch (no SDK): USER_SRP_AUTH, then the password verifier, then
 * the challenges staff may meet (TOTP code, first-time password). Loaded on demand, never on first paint.
 */
type CognitoConfig = Extract<AuthConfig, { kind: 'cognito' }>;

interface AuthResponse {
  readonly ChallengeName?: string;
  readonly ChallengeParameters?: Record<string, string>;
  readonly Session?: string;
  readonly AuthenticationResult?: { readonly IdToken: string; readonly RefreshToken?: string };
}

class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

async function call(config: CognitoConfig, action: string, body: unknown): Promise<AuthResponse> {
  const response = await fetch(`https://cognito-idp.${config.region}.amazonaws.com/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as AuthResponse & {
    __type?: string;
    message?: string;
  };
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
  readonly refreshToken?: string;
}

export async function signInWithSrp(
  config: CognitoConfig,
  username: string,
  password: string,
  finish: (tokens: Tokens) => SignInResult,
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

function next(
  config: CognitoConfig,
  username: string,
  response: AuthResponse,
  finish: (tokens: Tokens) => SignInResult,
): SignInResult {
  if (response.AuthenticationResult) {
    return finish({
      idToken: response.AuthenticationResult.IdToken,
      ...(response.AuthenticationResult.RefreshToken
        ? { refreshToken: response.AuthenticationResult.RefreshToken }
        : {}),
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
