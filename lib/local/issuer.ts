import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { DemoUser } from '../../config/demo-users.js';

/**
 * The local stand-in for Cognito: signs RS256 ID tokens with the claims Cognito issues in AWS
 * (`cognito:groups`, `custom:area`, `token_use: id`), so every authorization rule runs unchanged.
 * The key pair is kept under the data directory so tokens stay valid across restarts.
 */
export const LOCAL_AUDIENCE = 'desa-digital-local';
const KEY_ID = 'local-1';
const TOKEN_HOURS = 12;

export interface LocalIssuer {
  readonly issuer: string;
  readonly jwks: { keys: JWK[] };
  sign(user: DemoUser): Promise<string>;
}

export async function createLocalIssuer(dataDir: string, issuer: string): Promise<LocalIssuer> {
  const { privateJwk, publicJwk } = await loadOrCreateKeys(join(dataDir, 'issuer'));
  const privateKey = await importJWK(privateJwk, 'RS256');
  return {
    issuer,
    jwks: { keys: [{ ...publicJwk, kid: KEY_ID, alg: 'RS256', use: 'sig' }] },
    sign: (user) =>
      new SignJWT({
        name: user.name,
        'cognito:username': user.username,
        'cognito:groups': [user.role],
        'custom:area': user.areas.join(','),
        ...(user.agency ? { 'custom:agency': user.agency } : {}),
        token_use: 'id',
      })
        .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
        .setSubject(`local-${user.username}`)
        .setIssuer(issuer)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${TOKEN_HOURS}h`)
        .sign(privateKey),
  };
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
