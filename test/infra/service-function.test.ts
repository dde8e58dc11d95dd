import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import type { TableNeed } from '../../functions/api/route-types.js';
import {
  REPO_ROOT,
  ServiceFunction,
  STAFF_MANAGE_ACTIONS,
  STAFF_READ_ACTIONS,
} from '../../lib/constructs/service-function.js';
import { unbundledStack } from '../support/cdk.js';

const ENTRY = 'functions/api/list-services.ts'; // any existing handler module: nothing is bundled here
const READ_REQUESTS: TableNeed = { table: ['GetItem'], partitions: ['REQ#'] };

describe('ServiceFunction', () => {
  it('grants the table actions a TableNeed names and the table name, and nothing else', () => {
    // Prepare
    const stack = unbundledStack();
    const table = new TableV2(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    // Act
    new ServiceFunction(stack, 'Reader', { entry: ENTRY, needs: [READ_REQUESTS] }).bind({ table });
    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ TABLE_NAME: Match.anyValue(), DOCUMENTS_BUCKET: Match.absent() }),
      },
    });
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('dynamodb:GetItem');
    expect(policies).not.toMatch(/dynamodb:(PutItem|UpdateItem|DeleteItem)|s3:|states:/);
  });

  /** Binds a function with `need` to a user pool: the policy granted on the pool and the env it gets. */
  function poolGrant(need: 'staff:manage' | 'staff:read') {
    const stack = unbundledStack();
    const userPool = new UserPool(stack, 'Pool');
    new ServiceFunction(stack, 'StaffFunction', { entry: ENTRY, needs: [need] }).bind({ userPool });
    const template = Template.fromStack(stack);
    const [poolId] = Object.keys(template.findResources('AWS::Cognito::UserPool'));
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ USER_POOL_ID: { Ref: poolId } }) },
    });
    const expectGranted = (actions: string | readonly string[]) =>
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            { Action: actions, Effect: 'Allow', Resource: { 'Fn::GetAtt': [poolId, 'Arn'] } },
          ]),
        },
      });
    return { expectGranted, policies: JSON.stringify(template.findResources('AWS::IAM::Policy')) };
  }

  it('lets staff:manage create and place staff accounts in the user pool, and tells it the pool id', () => {
    const { expectGranted, policies } = poolGrant('staff:manage');
    expectGranted([
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
    ]);
    expect(policies).not.toMatch(
      /AdminDeleteUser|AdminSetUserPassword|AdminRemoveUserFromGroup|AdminUpdateUserAttributes|cognito-idp:ListUsers"|cognito-idp:\*/,
    );
    expect(STAFF_MANAGE_ACTIONS).toHaveLength(4);
  });

  it('grants staff:manage and staff:read exactly the Cognito calls their adapters make, no more, no less', () => {
    // The adapter's source names every call as `new <Action>Command(`: the grant must equal that set, so an
    // unused permission (or a call added without its permission, which only AWS would notice) fails here.
    const source = readFileSync(
      path.join(REPO_ROOT, 'functions/adapters/cognito-staff-directory.ts'),
      'utf8',
    );
    const [, directory = '', contacts = ''] = source.split(
      /export class (?:CognitoStaffDirectory|CognitoStaffContacts)\b/,
    );
    const calls = (code: string) =>
      [...new Set([...code.matchAll(/new (\w+)Command\(/g)].map(([, name]) => `cognito-idp:${name}`))].sort();
    expect(calls(directory)).toEqual([...STAFF_MANAGE_ACTIONS].sort());
    expect(calls(contacts)).toEqual([...STAFF_READ_ACTIONS].sort());
  });

  it('lets staff:read list a group of the user pool, read-only, and tells it the pool id', () => {
    const { expectGranted, policies } = poolGrant('staff:read');
    expectGranted('cognito-idp:ListUsersInGroup');
    expect(policies).not.toMatch(/cognito-idp:(Admin|ListUsers"|\*)/);
    expect(STAFF_READ_ACTIONS).toEqual(['cognito-idp:ListUsersInGroup']);
  });

  it('refuses staff:read without the user pool', () => {
    const service = new ServiceFunction(unbundledStack(), 'OpenStage', {
      entry: ENTRY,
      needs: ['staff:read'],
    });
    expect(() => service.bind({})).toThrow(/needs user pool/);
  });

  it('refuses staff:manage without the user pool', () => {
    // Prepare
    const service = new ServiceFunction(unbundledStack(), 'Onboarding', {
      entry: ENTRY,
      needs: ['staff:manage'],
    });
    // Act / Assess
    expect(() => service.bind({})).toThrow(/needs user pool/);
  });

  it('gives the function a role of its own that may write to its own log group only', () => {
    // Prepare
    const stack = unbundledStack();
    // Act
    new ServiceFunction(stack, 'Plain', { entry: ENTRY });
    // Assess
    const template = Template.fromStack(stack);
    const [, role] = Object.entries(template.findResources('AWS::IAM::Role'))[0] ?? [];
    expect(role?.Properties.ManagedPolicyArns).toBeUndefined();
    const [logGroupId] = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
          },
        ]),
      },
    });
  });

  it('refuses to bind when a needed resource is missing', () => {
    // Prepare
    const service = new ServiceFunction(unbundledStack(), 'Writer', {
      entry: ENTRY,
      needs: ['documents:write'],
    });
    // Act / Assess
    expect(() => service.bind({})).toThrow(/needs documents bucket/);
  });

  it('fails synthesis when a function with needs was never bound', () => {
    // Prepare
    const stack = unbundledStack();
    new ServiceFunction(stack, 'Forgotten', { entry: ENTRY, needs: [READ_REQUESTS] });
    // Act / Assess
    expect(() => Template.fromStack(stack)).toThrow(/bind\(\) was never called/);
  });
});
