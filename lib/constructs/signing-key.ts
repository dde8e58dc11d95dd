import { RemovalPolicy } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface SigningKeyProps {
  /**
   * Alias of the key, one per deployment (e.g. `alias/desa-digital/jatim/document-signing`), so people and
   * runbooks can find it; functions are given the key's ARN, never the alias.
   */
  readonly aliasName: string;
  /**
   * What happens to the key when it leaves the stack. Every letter ever issued is verified with it, so it is
   * kept by default: a deleted key would make every signature unverifiable.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The platform's document signing key (DESIGN.md §1 "Documents"): an asymmetric KMS key, ECC_NIST_P256 for
 * SIGN_VERIFY. The private key never leaves KMS; the public key can be published so anyone can check a
 * letter's signature offline.
 *
 * Rotation: KMS does not rotate asymmetric keys automatically (`enableKeyRotation` is only for symmetric
 * keys, and CDK refuses it here). Rotating means a new key: signatures carry their key's ARN (keyId), so a
 * new key can sign while the old one is kept, with GetPublicKey granted, to verify what it signed.
 *
 * The key policy is the default (the account's IAM decides); functions get exactly the actions their needs
 * call for, on this key only (see `grantSign` and `grantVerify`).
 */
export class SigningKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: SigningKeyProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Desa Digital: signs the SHA-256 of every issued letter (ECDSA P-256)',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      alias: props.aliasName,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }
}

/** Signing a document hash: kms:Sign, and kms:GetPublicKey (the signer verifies with the public key). */
export const grantSign = (key: IKey, grantee: IGrantable) =>
  key.grant(grantee, 'kms:Sign', 'kms:GetPublicKey');

/** Checking a signature: the public key only; verification runs in the function, not as a KMS call. */
export const grantVerify = (key: IKey, grantee: IGrantable) => key.grant(grantee, 'kms:GetPublicKey');
