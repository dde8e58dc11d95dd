import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import type { DocumentSignature } from '../../core/shared/ports.js';

/**
 * The one signature format of both signers (KMS in AWS, a local key on a laptop):
 * ECDSA on P-256 with SHA-256 over the 32 bytes of the document's SHA-256 digest, DER-encoded, base64.
 *
 * Why the digest bytes are signed as a message (KMS MessageType RAW) and not as a pre-computed digest
 * (MessageType DIGEST): Node's crypto (OpenSSL's EVP_DigestSign/Verify) always hashes what it is given and
 * cannot sign or verify a pre-computed digest. With RAW over the digest bytes, the local signer produces
 * exactly what KMS produces, and verification runs locally with the public key. Anyone holding the public
 * key checks a letter with standard tools:
 *   openssl dgst -sha256 -binary letter.pdf > digest.bin
 *   openssl dgst -sha256 -verify public.pem -signature signature.der digest.bin
 */
export const SIGNING_ALGORITHM = 'ECDSA_SHA_256' as const;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The digest a signature covers, from the lower-case hex the registry stores. */
export function digestBytes(sha256Hex: string): Buffer {
  if (!SHA256_HEX.test(sha256Hex)) {
    throw new RangeError(`Expected a SHA-256 digest as 64 lower-case hex digits, got "${sha256Hex}"`);
  }
  return Buffer.from(sha256Hex, 'hex');
}

/** Signs with a local private key (the local signer; tests playing KMS). */
export function signDigest(privateKey: KeyObject, sha256Hex: string): string {
  return sign('sha256', digestBytes(sha256Hex), { key: privateKey, dsaEncoding: 'der' }).toString('base64');
}

/** True when `signature` is this key's signature over the digest; false for anything malformed. */
export function verifyDigest(publicKey: KeyObject, sha256Hex: string, signature: DocumentSignature): boolean {
  if (signature.algorithm !== SIGNING_ALGORITHM) return false;
  try {
    return verify(
      'sha256',
      digestBytes(sha256Hex),
      { key: publicKey, dsaEncoding: 'der' },
      Buffer.from(signature.value, 'base64'),
    );
  } catch {
    return false; // not DER, not a digest: not a signature of ours
  }
}

/** SHA-256 of the public key's SubjectPublicKeyInfo (DER), hex: names a local key. */
export function fingerprint(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** A P-256 public key from SubjectPublicKeyInfo DER (what KMS GetPublicKey returns); refuses other keys. */
export function p256PublicKey(spkiDer: Uint8Array): KeyObject {
  const key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
  assertP256(key);
  return key;
}

export function assertP256(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('The document signing key must be an EC P-256 (prime256v1) key');
  }
}
