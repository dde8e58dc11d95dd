import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { DEMO_CLIENTS } from '../../config/demo-clients.js';
import type { DemoUser } from '../../config/demo-users.js';

/**
 * The local stand-in for Cognito's token side: signs RS256 tokens shaped like Cognito's, so every
 * authorization rule runs unchanged.
 * - ID tokens for people (`token_use: id`, `aud` = the web client): `cognito:username`, `cognito:groups`
 *   (omitted when the user is in no group, as Cognito does), `name`, and the user's other attributes
 *   (`custom:area`, `custom:agency`, `email`…).
 * - Access tokens for agencies' systems from the client-credentials grant (`token_use: access`): `client_id`,
 *   `sub` = the client id, `scope` space-separated, and no `aud`, as Cognito issues them.
 * The key pair is kept under the data directory so tokens stay valid across restarts.
 */
export const LOCAL_AUDIENCE = 'desa-digital-local';
const KEY_ID = 'local-1';
const ID_TOKEN_HOURS = 12;
/** Cognito's default access-token lifetime for the client-credentials grant. */
export const ACCESS_TOKEN_SECONDS = 3600;

/** The subject (`sub`) of a demo account: stable across restarts, so stored requests stay theirs. */
export const demoSubject = (username: string) => `local-${username}`;

/** Who an ID token is for: a user of the local user pool (lib/local/cognito-idp.ts) or any demo-shaped account. */
export interface IdTokenUser {
  readonly username: string;
  readonly sub: string;
  readonly groups: readonly string[];
  /** User attributes as Cognito keeps them (name, email, phone_number, custom:area, custom:agency…). */
  readonly attributes: Readonly<Record<string, string>>;
}

export interface LocalIssuer {
  readonly issuer: string;
  readonly jwks: { keys: JWK[] };
  /** Accepted `aud` (ID tokens) or `client_id` (access tokens): the web audience and the demo clients. */
  readonly audiences: readonly string[];
  /** An ID token for a demo-shaped account (tests and benchmarks sign accounts the user pool need not know). */
  sign(user: DemoUser): Promise<string>;
  /** An ID token for a user of the local user pool. */
  signIdToken(user: IdTokenUser): Promise<string>;
  /** An access token for an OAuth client (client-credentials grant) with these scopes. */
  signAccessToken(clientId: string, scopes: readonly string[]): Promise<string>;
}

export async function createLocalIssuer(dataDir: string, issuer: string): Promise<LocalIssuer> {
  const { privateJwk, publicJwk } = await loadOrCreateKeys(join(dataDir, 'issuer'));
  const privateKey = await importJWK(privateJwk, 'RS256');
  const signed = (claims: Record<string, unknown>, subject: string, expiresIn: string) =>
    new SignJWT({ ...claims, jti: randomUUID(), auth_time: Math.floor(Date.now() / 1000) })
      .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(issuer)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(privateKey);
  const signIdToken = (user: IdTokenUser) =>
    signed(
      {
        ...tokenAttributes(user.attributes),
        'cognito:username': user.username,
        ...(user.groups.length > 0 ? { 'cognito:groups': [...user.groups] } : {}),
        aud: LOCAL_AUDIENCE,
        token_use: 'id',
      },
      user.sub,
      `${ID_TOKEN_HOURS}h`,
    );
  return {
    issuer,
    jwks: { keys: [{ ...publicJwk, kid: KEY_ID, alg: 'RS256', use: 'sig' }] },
    audiences: [LOCAL_AUDIENCE, ...DEMO_CLIENTS.map((client) => client.clientId)],
    sign: (user) =>
      signIdToken({
        username: user.username,
        sub: demoSubject(user.username),
        groups: [user.role],
        attributes: {
          name: user.name,
          'custom:area': user.areas.join(','),
          ...(user.agency ? { 'custom:agency': user.agency } : {}),
        },
      }),
    signIdToken,
    signAccessToken: (clientId, scopes) =>
      signed(
        { client_id: clientId, scope: scopes.join(' '), token_use: 'access', version: 2 },
        clientId,
        `${ACCESS_TOKEN_SECONDS}s`,
      ),
  };
}

/** Attributes as ID-token claims: `*_verified` flags are booleans in Cognito's tokens. */
function tokenAttributes(attributes: Readonly<Record<string, string>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      name.endsWith('_verified') ? value === 'true' : value,
    ]),
  );
}

async function loadOrCreateKeys(dir: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const file = join(dir, 'keys.json');
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const keys = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
    await mkdir(dir, { recursive: true });
    await writeFile(file, JSON.stringify(keys), { mode: 0o600 });
    return keys;
  }
}
