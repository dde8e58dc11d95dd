import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomUUID,
  sign,
} from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DocumentSignature, DocumentSigner } from '../../core/shared/ports.js';
import { readIfExists } from '../files.js';
import { assertP256, fingerprint, SIGNING_ALGORITHM, signDigest, verifyDigest } from './signature.js';

interface LocalKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/**
 * The local stand-in for the KMS key: a P-256 key pair created on first use and kept as a PKCS#8 PEM file
 * under the local data directory, so letters signed before a restart still verify after it. Same signature
 * format as KMS (signature.ts); keyId is 'local:<SHA-256 of the public key>'.
 * Differs from AWS on purpose: the private key is a file readable by the local user, not held in an HSM.
 */
export class LocalDocumentSigner implements DocumentSigner {
  private key: Promise<LocalKey> | undefined;

  constructor(private readonly keyFile: string) {}

  async sign(sha256Hex: string): Promise<DocumentSignature> {
    const { keyId, privateKey } = await this.load();
    return { algorithm: SIGNING_ALGORITHM, keyId, value: signDigest(privateKey, sha256Hex) };
  }

  async verify(sha256Hex: string, signature: DocumentSignature): Promise<boolean> {
    const { keyId, publicKey } = await this.load();
    return signature.keyId === keyId && verifyDigest(publicKey, sha256Hex, signature);
  }

  async signBytes(message: Uint8Array): Promise<Uint8Array> {
    const { privateKey } = await this.load();
    return sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
  }

  async publicKeyDer(): Promise<Uint8Array> {
    const { publicKey } = await this.load();
    return publicKey.export({ type: 'spki', format: 'der' });
  }

  async publicKeyPem(): Promise<string> {
    const { publicKey } = await this.load();
    return String(publicKey.export({ type: 'spki', format: 'pem' }));
  }

  private load(): Promise<LocalKey> {
    this.key ??= loadOrCreate(this.keyFile).catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }
}

async function loadOrCreate(keyFile: string): Promise<LocalKey> {
  const pem = (await readIfExists(keyFile)) ?? (await create(keyFile));
  const privateKey = createPrivateKey(pem);
  assertP256(privateKey);
  const publicKey = createPublicKey(privateKey);
  return { keyId: `local:${fingerprint(publicKey)}`, privateKey, publicKey };
}

/**
 * Writes a new key without ever exposing a half-written file: the PEM goes to a temporary file that is then
 * hard-linked into place, which fails if another process created the key first (then theirs is used).
 */
async function create(keyFile: string): Promise<string> {
  await mkdir(dirname(keyFile), { recursive: true });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = String(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const temporary = join(dirname(keyFile), `.${randomUUID()}.tmp`);
  await writeFile(temporary, pem, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, keyFile);
    return pem;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFile(keyFile, 'utf8');
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * A P-256 key held in memory only, signing as the local signer does: for a process that needs real signatures
 * and no key kept (the benchmark, the unit tests).
 */
export function memoryKey(keyId = 'memory'): DocumentSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    sign: async (sha256Hex) => ({
      algorithm: SIGNING_ALGORITHM,
      keyId,
      value: signDigest(privateKey, sha256Hex),
    }),
    verify: async (sha256Hex, signature) =>
      signature.keyId === keyId && verifyDigest(publicKey, sha256Hex, signature),
    signBytes: async (message) => sign('sha256', message, { key: privateKey, dsaEncoding: 'der' }),
    publicKeyDer: async () => publicKey.export({ type: 'spki', format: 'der' }),
  };
}
