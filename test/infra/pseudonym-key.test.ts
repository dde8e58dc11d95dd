import type { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes.js';
import { SCHEDULED_JOBS } from '../../functions/workflow/scheduled-jobs.js';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks.js';
import { buildApp } from '../../lib/app.js';
import { ENTRY_METADATA_KEY } from '../../lib/constructs/service-function.js';
import { mergedTemplate } from '../support/templates.js';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON; the assertions check its shape
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json>; DeletionPolicy?: string; Metadata?: Json };

/** The pseudonym key (issue 10) and who may derive pseudonyms with it, in the synthesized stack. */
describe('pseudonym key', () => {
  let resources: Record<string, Resource>;
  let keyId: string;
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const entryOf = (fn: Resource) => String(fn.Metadata?.[ENTRY_METADATA_KEY]);
  const allowsOf = (fn: Resource): Json[] => {
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => statement.Effect === 'Allow');
  };

  beforeAll(() => {
    const app = buildApp({ deploymentId: 'jatim', bundling: false });
    resources = mergedTemplate(app.node.findChild('DesaDigital-jatim') as Stack).Resources;
    const keys = ofType('AWS::KMS::Key').filter(
      ([, key]) => key.Properties.KeyUsage === 'GENERATE_VERIFY_MAC',
    );
    expect(keys).toHaveLength(1);
    keyId = keys[0]?.[0] ?? '';
  }, 600_000); // one synthesis; slow on a busy machine

  it('is a KMS HMAC-256 key, kept when the stack goes (every pseudonym in the table was made with it)', () => {
    const key = resources[keyId] as Resource;
    expect(key.Properties).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    expect(key.DeletionPolicy).toBe('Retain');
  });

  it("lets exactly the functions whose route needs 'pseudonym:key' derive it (kms:GenerateMac on this key only)", () => {
    const expected = [...ROUTES, ...Object.values(WORKFLOW_TASKS), ...Object.values(SCHEDULED_JOBS)]
      .filter((fn) => (fn.needs as readonly string[]).includes('pseudonym:key'))
      .map((fn) => fn.entry)
      .sort();
    expect(expected).toEqual(
      expect.arrayContaining([
        'functions/api/submit-request.ts',
        'functions/api/create-data-subject-export.ts',
      ]),
    );
    const granted = ofType('AWS::Lambda::Function')
      .filter(([, fn]) =>
        allowsOf(fn).some((statement) => [statement.Action].flat().includes('kms:GenerateMac')),
      )
      .map(([, fn]) => entryOf(fn))
      .sort();
    expect(granted).toEqual(expected);
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      const statements = allowsOf(fn).filter((statement) =>
        [statement.Action].flat().includes('kms:GenerateMac'),
      );
      for (const statement of statements)
        expect(statement.Resource).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      const variables = fn.Properties.Environment?.Variables ?? {};
      expect('PSEUDONYM_KEY_ID' in variables, entryOf(fn)).toBe(expected.includes(entryOf(fn)));
    }
  });
});
