import type { KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { DocumentSignature, DocumentSigner } from '../../core/shared/ports.js';
import { cachedClient } from '../clients.js';
import { digestBytes, p256PublicKey, SIGNING_ALGORITHM, verifyDigest } from './signature.js';

export const kms = cachedClient('AWS_ENDPOINT_URL_KMS', () => new KMSClient({}));

/**
 * Signs document hashes with an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY); the private key never
 * leaves KMS. Verification runs here with the key's public key, fetched once per container with
 * GetPublicKey: cheaper and faster than a KMS Verify call per check, and the same key can be published.
 * `keyId` of a signature is the key ARN KMS answers with, so a signature names the key that made it.
 */
export class KmsDocumentSigner implements DocumentSigner {
  private publicKey: Promise<{ keyArn: string; key: KeyObject }> | undefined;

  /** @param keyId the key's id, ARN or alias (SIGNING_KEY_ID) */
  constructor(
    private readonly keyId: string,
    private readonly client: () => KMSClient = kms,
  ) {}

  async sign(sha256Hex: string): Promise<DocumentSignature> {
    const result = await this.client().send(
      new SignCommand({
        KeyId: this.keyId,
        Message: digestBytes(sha256Hex),
        MessageType: 'RAW', // KMS hashes the 32 digest bytes with SHA-256, as Node does locally (signature.ts)
        SigningAlgorithm: SIGNING_ALGORITHM,
      }),
    );
    if (!result.Signature || !result.KeyId) throw new Error('KMS Sign answered without a signature');
    return {
      algorithm: SIGNING_ALGORITHM,
      keyId: result.KeyId,
      value: Buffer.from(result.Signature).toString('base64'),
    };
  }

  /** ECDSA over SHA-256 of `message` (certificates, CMS signed attributes): KMS hashes it (RAW, ≤ 4 KB). */
  async signBytes(message: Uint8Array): Promise<Uint8Array> {
    const result = await this.client().send(
      new SignCommand({
        KeyId: this.keyId,
        Message: message,
        MessageType: 'RAW',
        SigningAlgorithm: SIGNING_ALGORITHM,
      }),
    );
    if (!result.Signature) throw new Error('KMS Sign answered without a signature');
    return result.Signature;
  }

  async publicKeyDer(): Promise<Uint8Array> {
    const { key } = await this.loadPublicKey();
    return key.export({ type: 'spki', format: 'der' });
  }

  /** False for a signature of another key: keys are not rotated in place (see lib/constructs/signing-key.ts). */
  async verify(sha256Hex: string, signature: DocumentSignature): Promise<boolean> {
    const { keyArn, key } = await this.loadPublicKey();
    return signature.keyId === keyArn && verifyDigest(key, sha256Hex, signature);
  }

  /** The public key as PEM, for publishing (anyone can then check a letter's signature offline). */
  async publicKeyPem(): Promise<string> {
    const { key } = await this.loadPublicKey();
    return String(key.export({ type: 'spki', format: 'pem' }));
  }

  private loadPublicKey() {
    this.publicKey ??= this.fetchPublicKey().catch((error: unknown) => {
      this.publicKey = undefined; // a failed fetch is retried on the next call, not cached
      throw error;
    });
    return this.publicKey;
  }

  private async fetchPublicKey() {
    const result = await this.client().send(new GetPublicKeyCommand({ KeyId: this.keyId }));
    if (!result.PublicKey || !result.KeyId) throw new Error('KMS GetPublicKey answered without a key');
    if (result.KeySpec !== 'ECC_NIST_P256' || result.KeyUsage !== 'SIGN_VERIFY') {
      throw new Error(
        `KMS key ${result.KeyId} is ${result.KeySpec}/${result.KeyUsage}, not ECC_NIST_P256/SIGN_VERIFY`,
      );
    }
    return { keyArn: result.KeyId, key: p256PublicKey(result.PublicKey) };
  }
}
