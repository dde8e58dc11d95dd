import { createHash, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KmsDocumentSigner } from '../../../functions/adapters/signing/kms-signer.js';
import { type FakeKms, startFakeKms } from './fake-kms.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const DIGEST = sha256('surat keterangan usaha 500.2/007/TMP/XI/2026');

/** Flips one bit of a base64 value (a signature or a digest's bytes). */
const flipBit = (base64: string, index = 10) => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return bytes.toString('base64');
};

describe('KmsDocumentSigner, over the real SDK against a local KMS speaking its JSON protocol', () => {
  let kms: FakeKms;
  let signer: KmsDocumentSigner;

  beforeEach(async () => {
    kms = await startFakeKms();
    signer = new KmsDocumentSigner('alias/test-signing', kms.client);
  });
  afterEach(() => kms.stop());

  it('asks KMS to sign the 32 digest bytes as a RAW message with ECDSA_SHA_256, signed with SigV4', async () => {
    // Act
    await signer.sign(DIGEST);
    // Assess
    const [call] = kms.calls;
    expect(call).toMatchObject({
      target: 'TrentService.Sign',
      contentType: 'application/x-amz-json-1.1',
      body: {
        KeyId: 'alias/test-signing',
        MessageType: 'RAW',
        SigningAlgorithm: 'ECDSA_SHA_256',
        Message: Buffer.from(DIGEST, 'hex').toString('base64'),
      },
    });
    expect(call?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/ap-southeast-3\/kms\//,
    );
  });

  it('returns a DER signature, base64, named by the key ARN, that the public key verifies', async () => {
    // Act
    const signature = await signer.sign(DIGEST);
    // Assess
    expect(signature).toMatchObject({ algorithm: 'ECDSA_SHA_256', keyId: kms.keyArn });
    const der = Buffer.from(signature.value, 'base64');
    expect(der[0]).toBe(0x30); // an ASN.1 SEQUENCE of r and s
    expect(
      verify('sha256', Buffer.from(DIGEST, 'hex'), { key: kms.publicKey, dsaEncoding: 'der' }, der),
    ).toBe(true);
  });

  it('verifies locally with the public key fetched once, never calling KMS Verify', async () => {
    // Prepare
    const signature = await signer.sign(DIGEST);
    // Act
    const results = await Promise.all([1, 2, 3].map(() => signer.verify(DIGEST, signature)));
    // Assess
    expect(results).toEqual([true, true, true]);
    expect(kms.calls.map((call) => call.target)).toEqual(['TrentService.Sign', 'TrentService.GetPublicKey']);
  });

  it('refuses a signature with a flipped bit, over another digest, or made by another key', async () => {
    // Prepare
    const signature = await signer.sign(DIGEST);
    const otherDigest = Buffer.from(DIGEST, 'hex');
    otherDigest[0] = (otherDigest[0] ?? 0) ^ 0x80;
    // Act / Assess
    expect(await signer.verify(DIGEST, { ...signature, value: flipBit(signature.value) })).toBe(false);
    expect(await signer.verify(otherDigest.toString('hex'), signature)).toBe(false);
    expect(await signer.verify(DIGEST, { ...signature, keyId: `${kms.keyArn}-old` })).toBe(false);
    expect(await signer.verify(DIGEST, { ...signature, value: 'bm90IGEgc2lnbmF0dXJl' })).toBe(false);
  });

  it('publishes the public key as PEM', async () => {
    expect(await signer.publicKeyPem()).toBe(kms.publicKey.export({ type: 'spki', format: 'pem' }));
  });

  it('refuses what is not a SHA-256 digest before calling KMS', async () => {
    await expect(signer.sign('not-a-digest')).rejects.toThrow(RangeError);
    expect(kms.calls).toEqual([]);
  });

  it('surfaces KMS errors (an unknown key) instead of signing nothing', async () => {
    // Prepare
    const unknown = new KmsDocumentSigner('alias/missing', kms.client);
    // Act / Assess
    await expect(unknown.sign(DIGEST)).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(unknown.verify(DIGEST, await signer.sign(DIGEST))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });
});

describe('KmsDocumentSigner with a key that is not for signing', () => {
  it('refuses to verify with it', async () => {
    // Prepare
    const kms = await startFakeKms({ keySpec: 'RSA_2048' });
    const signer = new KmsDocumentSigner('alias/test-signing', kms.client);
    try {
      // Act / Assess
      await expect(
        signer.verify(DIGEST, { algorithm: 'ECDSA_SHA_256', keyId: kms.keyArn, value: '' }),
      ).rejects.toThrow(/not ECC_NIST_P256\/SIGN_VERIFY/);
    } finally {
      await kms.stop();
    }
  });
});
