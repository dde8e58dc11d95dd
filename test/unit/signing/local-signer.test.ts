import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDocumentSigner } from '../../../functions/adapters/signing/local-signer.js';

const DIGEST = createHash('sha256').update('surat keterangan domisili').digest('hex');

describe('LocalDocumentSigner', () => {
  let dir: string;
  let keyFile: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'desa-signing-'));
    keyFile = join(dir, 'signing', 'document-signing-key.pem');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('signs a digest so that it verifies, and creates its key file on first use, readable by its owner only', async () => {
    // Prepare
    const signer = new LocalDocumentSigner(keyFile);
    // Act
    const signature = await signer.sign(DIGEST);
    // Assess
    expect(await signer.verify(DIGEST, signature)).toBe(true);
    expect(signature.algorithm).toBe('ECDSA_SHA_256');
    expect(signature.keyId).toMatch(/^local:[0-9a-f]{64}$/);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('fails after one flipped bit in the signature or in the digest', async () => {
    // Prepare
    const signer = new LocalDocumentSigner(keyFile);
    const signature = await signer.sign(DIGEST);
    const value = Buffer.from(signature.value, 'base64');
    value[value.length - 1] = (value[value.length - 1] ?? 0) ^ 0x01;
    const digest = Buffer.from(DIGEST, 'hex');
    digest[31] = (digest[31] ?? 0) ^ 0x01;
    // Act / Assess
    expect(await signer.verify(DIGEST, { ...signature, value: value.toString('base64') })).toBe(false);
    expect(await signer.verify(digest.toString('hex'), signature)).toBe(false);
  });

  it('keeps its key across restarts: a signature made before still verifies after', async () => {
    // Prepare
    const signature = await new LocalDocumentSigner(keyFile).sign(DIGEST);
    // Act
    const restarted = new LocalDocumentSigner(keyFile);
    // Assess
    expect(await restarted.verify(DIGEST, signature)).toBe(true);
    expect((await restarted.sign(DIGEST)).keyId).toBe(signature.keyId);
  });

  it("refuses another key's signature", async () => {
    // Prepare
    const signature = await new LocalDocumentSigner(join(dir, 'other.pem')).sign(DIGEST);
    // Act / Assess
    expect(await new LocalDocumentSigner(keyFile).verify(DIGEST, signature)).toBe(false);
    expect(
      await new LocalDocumentSigner(keyFile).verify(DIGEST, {
        ...signature,
        keyId: (await new LocalDocumentSigner(keyFile).sign(DIGEST)).keyId,
      }),
    ).toBe(false);
  });

  it('creates one key when several instances start at once', async () => {
    // Act
    const signatures = await Promise.all(
      Array.from({ length: 8 }, () => new LocalDocumentSigner(keyFile).sign(DIGEST)),
    );
    // Assess
    expect(new Set(signatures.map((signature) => signature.keyId)).size).toBe(1);
  });

  it('signs in the same format as KMS: ECDSA P-256, SHA-256 over the digest bytes, DER, base64', async () => {
    // Prepare
    const signer = new LocalDocumentSigner(keyFile);
    // Act
    const signature = await signer.sign(DIGEST);
    // Assess: checked with nothing but the published public key and node:crypto (as openssl would)
    const publicKey = createPublicKey(await signer.publicKeyPem());
    expect(publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const der = Buffer.from(signature.value, 'base64');
    expect(verify('sha256', Buffer.from(DIGEST, 'hex'), { key: publicKey, dsaEncoding: 'der' }, der)).toBe(
      true,
    );
  });

  it('refuses a key file that does not hold a P-256 key', async () => {
    // Prepare
    const { generateKeyPairSync } = await import('node:crypto');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    await writeFile(join(dir, 'rsa.pem'), rsa.export({ type: 'pkcs8', format: 'pem' }));
    // Act / Assess
    await expect(new LocalDocumentSigner(join(dir, 'rsa.pem')).sign(DIGEST)).rejects.toThrow(/P-256/);
  });
});
