import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnKey } from 'aws-cdk-lib/aws-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes.js';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks.js';
import { buildApp } from '../../lib/app.js';
import { ENTRY_METADATA_KEY, ServiceFunction } from '../../lib/constructs/service-function.js';
import { SIGNING_KEY_ADMIN_ACTIONS, SigningKey } from '../../lib/constructs/signing-key.js';
import { unbundledStack } from '../support/cdk.js';
import { mergedTemplate } from '../support/templates.js';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON; the assertions check its shape
type Json = any;
type Resource = {
  Type: string;
  Properties: Record<string, Json>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: Record<string, unknown>;
};

const DEPLOYMENT = 'jatim';

/** The document signing key and who may use it, in the synthesized stack. */
describe('document signing key', () => {
  let resources: Record<string, Resource>;
  let webUrl: unknown;
  let keyId: string;
  let authorityId: string;

  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const entryOf = (fn: Resource) => String(fn.Metadata?.[ENTRY_METADATA_KEY]);
  /** Every Allow statement of the policies attached to the function's role. */
  const statementsOf = (fn: Resource): Json[] => {
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => statement.Effect === 'Allow');
  };
  const kmsActionsOf = (fn: Resource) =>
    statementsOf(fn)
      .flatMap((statement) => [statement.Action].flat())
      .filter((action: string) => action.startsWith('kms:'))
      .sort();
  const functionsWith = (action: string) =>
    ofType('AWS::Lambda::Function')
      .filter(([, fn]) => kmsActionsOf(fn).includes(action))
      .map(([, fn]) => entryOf(fn))
      .sort();
  const entryOfRoute = (id: string) => ROUTES.find((route) => route.id === id)?.entry;

  beforeAll(() => {
    // Prepare
    const app = buildApp({ deploymentId: DEPLOYMENT, bundling: false });
    // Act
    const template = mergedTemplate(app.node.findChild(`DesaDigital-${DEPLOYMENT}`) as Stack);
    resources = template.Resources;
    webUrl = template.Outputs.WebUrl.Value;
    // Two signing keys: the document key and the certificate authority's (the third KMS key is the pseudonym
    // key: HMAC, pseudonym-key.test.ts). The same rules hold for both; the document key is the one below.
    const keys = ofType('AWS::KMS::Key').filter(([, key]) => key.Properties.KeyUsage === 'SIGN_VERIFY');
    expect(keys).toHaveLength(2);
    const aliased = (name: string) =>
      ofType('AWS::KMS::Alias').find(([, alias]) => String(alias.Properties.AliasName).endsWith(name))?.[1]
        .Properties.TargetKeyId['Fn::GetAtt'][0];
    keyId = aliased('/document-signing');
    authorityId = aliased('/certificate-authority');
    expect(keys.map(([id]) => id).sort()).toEqual([keyId, authorityId].sort());
  });

  it('are asymmetric ECC P-256 keys for signing, retained when the stack goes, with no (unsupported) rotation', () => {
    for (const id of [keyId, authorityId]) {
      const key = resources[id] as Resource;
      expect(key.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      expect(key.Properties.Enabled ?? true).toBe(true);
      expect(key.Properties.EnableKeyRotation ?? false).toBe(false);
      expect(key.DeletionPolicy).toBe('Retain');
      expect(key.UpdateReplacePolicy).toBe('Retain');
    }
  });

  it('have explicit key policies: the account administers each key, no statement grants kms:*', () => {
    for (const id of [keyId, authorityId]) {
      const statements: Json[] = (resources[id] as Resource).Properties.KeyPolicy.Statement;
      const actionsOf = (statement: Json): string[] => [statement.Action].flat();
      expect(statements.flatMap(actionsOf)).not.toContain('kms:*');
      const root = statements.filter((statement) => JSON.stringify(statement.Principal).includes(':root'));
      expect(root).toHaveLength(1);
      // Administration only, with PutKeyPolicy so the key can never become unmanageable; no use, no grants.
      expect(actionsOf(root[0]).sort()).toEqual([...SIGNING_KEY_ADMIN_ACTIONS].sort());
      expect(actionsOf(root[0])).toContain('kms:PutKeyPolicy');
      expect(
        actionsOf(root[0]).filter((action) => /Sign|Verify|GetPublicKey|CreateGrant|\*/.test(action)),
      ).toEqual([]);
    }
  });

  it("lets only the signing functions' roles use each key in its policy: Sign for them, the public key for verifiers", () => {
    const roleOf = (entry: string | undefined) =>
      ofType('AWS::Lambda::Function').find(([, fn]) => entryOf(fn) === entry)?.[1].Properties.Role[
        'Fn::GetAtt'
      ][0];
    const signers = [WORKFLOW_TASKS.IssueDocument.entry, entryOfRoute('reissueDocument')].map(roleOf).sort();
    const verifiers = [entryOfRoute('verifyDocument'), entryOfRoute('verifyDocumentUpload')].map(roleOf);
    for (const id of [keyId, authorityId]) {
      const statements: Json[] = (resources[id] as Resource).Properties.KeyPolicy.Statement;
      const rolesWith = (action: string) =>
        statements
          .filter((statement) => [statement.Action].flat().includes(action))
          .flatMap((statement) => [statement.Principal.AWS].flat())
          .map((principal: Json) => principal['Fn::GetAtt']?.[0])
          .sort();
      expect(rolesWith('kms:Sign')).toEqual(signers);
      expect(rolesWith('kms:GetPublicKey')).toEqual([...signers, ...verifiers].sort());
      expect(rolesWith('kms:Verify')).toEqual([]);
    }
  });

  it('has one alias per key and deployment', () => {
    const aliases = ofType('AWS::KMS::Alias').map(([, alias]) => alias.Properties);
    expect(aliases).toEqual(
      expect.arrayContaining([
        {
          AliasName: `alias/desa-digital/${DEPLOYMENT}/document-signing`,
          TargetKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
        },
        {
          AliasName: `alias/desa-digital/${DEPLOYMENT}/certificate-authority`,
          TargetKeyId: { 'Fn::GetAtt': [authorityId, 'Arn'] },
        },
      ]),
    );
    expect(aliases).toHaveLength(2);
  });

  it('lets only the functions that sign letters (first issue, reissue) call kms:Sign', () => {
    expect(functionsWith('kms:Sign')).toEqual(
      [WORKFLOW_TASKS.IssueDocument.entry, entryOfRoute('reissueDocument')].sort(),
    );
  });

  it('gives the public verification functions the public key only: no Sign, no Verify (they verify locally)', () => {
    for (const routeId of ['verifyDocument', 'verifyDocumentUpload']) {
      const [, fn] =
        ofType('AWS::Lambda::Function').find(
          ([, candidate]) => entryOf(candidate) === entryOfRoute(routeId),
        ) ?? [];
      expect(fn, routeId).toBeDefined();
      // One GetPublicKey per key: the document key's and the certificate authority's.
      expect(kmsActionsOf(fn as Resource), routeId).toEqual(['kms:GetPublicKey', 'kms:GetPublicKey']);
    }
    expect(functionsWith('kms:Verify')).toEqual([]);
  });

  it('grants on these keys only, and tells each function their ARNs (not the aliases): SIGNING_KEY_ID, CA_KEY_ID', () => {
    const keyArn = { 'Fn::GetAtt': [keyId, 'Arn'] };
    const authorityArn = { 'Fn::GetAtt': [authorityId, 'Arn'] };
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      // The signing key's statements (the pseudonym key's kms:GenerateMac is pseudonym-key.test.ts's).
      const kmsStatements = statementsOf(fn).filter((statement) =>
        [statement.Action].flat().some((action: string) => /^kms:(Sign|Verify|GetPublicKey)/.test(action)),
      );
      if (kmsStatements.length === 0) {
        expect(fn.Properties.Environment.Variables.SIGNING_KEY_ID, entryOf(fn)).toBeUndefined();
        continue;
      }
      for (const statement of kmsStatements) {
        expect([keyArn, authorityArn], entryOf(fn)).toContainEqual(statement.Resource);
      }
      expect(fn.Properties.Environment.Variables.SIGNING_KEY_ID, entryOf(fn)).toEqual(keyArn);
      expect(fn.Properties.Environment.Variables.CA_KEY_ID, entryOf(fn)).toEqual(authorityArn);
    }
  });

  it('keeps staff revocation away from the key', () => {
    const [, revoke] =
      ofType('AWS::Lambda::Function').find(([, fn]) => entryOf(fn) === entryOfRoute('revokeDocument')) ?? [];
    expect(kmsActionsOf(revoke as Resource)).toEqual([]);
  });

  it('tells the reissue function the web URL for the QR code, as the first issue is told', () => {
    const [, reissue] =
      ofType('AWS::Lambda::Function').find(([, fn]) => entryOf(fn) === entryOfRoute('reissueDocument')) ?? [];
    expect((reissue as Resource).Properties.Environment.Variables.PUBLIC_BASE_URL).toEqual(webUrl);
  });
});

describe('ServiceFunction bound to the signing key', () => {
  const ENTRY = 'functions/api/verify-document.ts';

  it('refuses to bind a function that signs or verifies without the key', () => {
    for (const need of ['documents:sign', 'documents:verify'] as const) {
      const service = new ServiceFunction(unbundledStack(), 'Signer', { entry: ENTRY, needs: [need] });
      expect(() => service.bind({})).toThrow(/needs signing key/);
    }
  });

  it('grants documents:sign kms:Sign and kms:GetPublicKey on the two keys, nothing else', () => {
    // Prepare
    const stack = unbundledStack();
    const { key } = new SigningKey(stack, 'Signing', { aliasName: 'alias/test/document-signing' });
    const authority = new SigningKey(stack, 'Authority', { aliasName: 'alias/test/certificate-authority' });
    // Act
    new ServiceFunction(stack, 'Signer', { entry: ENTRY, needs: ['documents:sign'] }).bind({
      signingKey: key,
      certificateAuthorityKey: authority.key,
    });
    // Assess
    const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
    const kmsStatements = ((policy?.Properties.PolicyDocument.Statement ?? []) as Json[]).filter(
      (statement) => [statement.Action].flat().some((action: string) => action.startsWith('kms:')),
    );
    const arnOf = (signing: { node: { defaultChild?: unknown } }) => ({
      'Fn::GetAtt': [stack.getLogicalId(signing.node.defaultChild as CfnKey), 'Arn'],
    });
    expect(kmsStatements).toEqual([
      { Effect: 'Allow', Action: ['kms:Sign', 'kms:GetPublicKey'], Resource: arnOf(key) },
      { Effect: 'Allow', Action: ['kms:Sign', 'kms:GetPublicKey'], Resource: arnOf(authority.key) },
    ]);
  });

  it('refuses to bind a function that signs or verifies without the certificate authority key', () => {
    for (const need of ['documents:sign', 'documents:verify'] as const) {
      const stack = unbundledStack();
      const { key } = new SigningKey(stack, 'Signing', { aliasName: 'alias/test/document-signing' });
      const service = new ServiceFunction(stack, 'Signer', { entry: ENTRY, needs: [need] });
      expect(() => service.bind({ signingKey: key })).toThrow(/needs certificate authority key/);
    }
  });
});
