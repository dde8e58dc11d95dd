import { RemovalPolicy } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface PseudonymKeyProps {
  /**
   * What happens to the key when it leaves the stack. Every person lookup, NIK link and audit target in the
   * table is keyed by pseudonyms made with it: a deleted key would orphan them all.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The key behind NIK and contact pseudonyms (functions/core/privacy/person-pseudonym.ts, issue 10): a KMS HMAC key
 * (HMAC_256, GENERATE_VERIFY_MAC) whose material never leaves KMS. A function derives its working key with
 * one GenerateMac per cold start (functions/adapters/pseudonym-key.ts) rather than calling KMS per
 * pseudonym: a call per NIK would add latency and $0.03 per 10,000 to every request path.
 *
 * Chosen over a Secrets Manager secret: no extra SDK in the bundles, no secret string to leak through a
 * misconfigured GetSecretValue, and the grant (kms:GenerateMac on this key) is narrower than reading a
 * secret. Rotation: KMS does not rotate HMAC keys; a new key means new pseudonyms, and so a migration
 * (scripts/migrate-pseudonyms.ts shows the pattern).
 */
export class PseudonymKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: PseudonymKeyProps = {}) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Desa Digital: keys the pseudonyms of NIKs and contacts (HMAC-SHA-256)',
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }
}

/** Deriving the working key: kms:GenerateMac on this key only. */
export const grantPseudonyms = (key: IKey, grantee: IGrantable) => key.grant(grantee, 'kms:GenerateMac');
