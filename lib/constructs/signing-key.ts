import { RemovalPolicy } from 'aws-cdk-lib';
import { AccountRootPrincipal, type IGrantable, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * What the account (its root principal, and through it the IAM policies of the regency's administrators and
 * of CloudFormation's deployment role) may do with the key: administer it, never use it. PutKeyPolicy keeps
 * the key manageable whatever happens to the other statements (KMS also refuses a policy that would lock
 * its caller out); ScheduleKeyDeletion/CancelKeyDeletion and the alias actions are what CloudFormation
 * calls when the stack changes or leaves. No Sign, Verify or GetPublicKey (use is granted to the functions'
 * roles by name, below), and no CreateGrant (a KMS grant could hand out use around the key policy).
 */
export const SIGNING_KEY_ADMIN_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:ListKeyPolicies',
  'kms:ListResourceTags',
  'kms:ListGrants',
  'kms:RevokeGrant',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateKeyDescription',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
] as const;

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
  /** @default the document signing key's description */
  readonly description?: string;
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
 * The key policy is explicit, so CDK adds no default `kms:*` for the account (with the
 * `@aws-cdk/aws-kms:defaultKeyPolicies` behaviour, always on in CDK v2, a given `policy` replaces the default
 * statement): the account keeps administration only (SIGNING_KEY_ADMIN_ACTIONS), and because the key policy
 * no longer delegates use to IAM, an IAM policy alone can never let anyone sign. Use is named in the key
 * policy, per function role, by `grantSign` and `grantVerify`, which also add the matching IAM statement.
 */
export class SigningKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: SigningKeyProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description:
        props.description ?? 'Desa Digital: signs the SHA-256 of every issued letter (ECDSA P-256)',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      alias: props.aliasName,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      policy: new PolicyDocument({
        statements: [
          new PolicyStatement({
            sid: 'AccountAdministersTheKeyOnly',
            principals: [new AccountRootPrincipal()],
            actions: [...SIGNING_KEY_ADMIN_ACTIONS],
            resources: ['*'],
          }),
        ],
      }),
    });
  }
}

/**
 * Lets one function use the key: the key policy names its role (the account's IAM cannot delegate use, see
 * SigningKey) and its role's policy names the key. The grantee's stack must hold the key (one stack here):
 * KMS checks that a principal named in a key policy exists, which CloudFormation orders by the reference.
 */
const grantUse = (key: IKey, grantee: IGrantable, ...actions: string[]) => {
  key.addToResourcePolicy(
    new PolicyStatement({ principals: [grantee.grantPrincipal], actions, resources: ['*'] }),
  );
  return key.grant(grantee, ...actions);
};

/** Signing a document hash: kms:Sign, and kms:GetPublicKey (the signer verifies with the public key). */
export const grantSign = (key: IKey, grantee: IGrantable) =>
  grantUse(key, grantee, 'kms:Sign', 'kms:GetPublicKey');

/** Checking a signature: the public key only; verification runs in the function, not as a KMS call. */
export const grantVerify = (key: IKey, grantee: IGrantable) => grantUse(key, grantee, 'kms:GetPublicKey');
