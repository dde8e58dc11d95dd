import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEPLOYMENTS } from '../../config/deployments.js';
import { Backups, DEFAULT_BACKUP_RETENTION_DAYS } from '../../lib/constructs/backups.js';
import { NONCURRENT_VERSION_DAYS } from '../../lib/constructs/data.js';
import { DesaDigitalStack } from '../../lib/stack.js';
import { HEAVY_SETUP_BUDGET_MS } from '../support/budgets.js';
import { mergedTemplate } from '../support/templates.js';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON
type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

const RETENTION_DAYS = 90;

/** Backups (issue 15, item 4): the AWS Backup plan, the table's recovery settings, the documents' versions. */
describe('backups in the stack', () => {
  let resources: Record<string, Resource>;
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const only = (type: string): [string, Resource] => {
    const [first, ...rest] = ofType(type);
    if (!first || rest.length > 0) throw new Error(`Expected exactly one ${type}`);
    return first;
  };
  const idOf = (type: string, idPrefix: string) => {
    const found = ofType(type).find(([id]) => id.startsWith(idPrefix));
    if (!found) throw new Error(`No ${type} ${idPrefix}…`);
    return found[0];
  };

  beforeAll(() => {
    // Prepare: a deployment that sets its retention (the stack as `cdk synth` builds it, without bundling)
    const app = new App();
    app.node.setContext('aws:cdk:bundling-stacks', []);
    const deployment = {
      ...(DEPLOYMENTS[0] as (typeof DEPLOYMENTS)[number]),
      backupRetentionDays: RETENTION_DAYS,
    };
    const stack = new DesaDigitalStack(app, 'Backups', { deployment, env: { region: deployment.region } });
    // Act
    resources = mergedTemplate(stack).Resources;
  }, HEAVY_SETUP_BUDGET_MS);

  it('backs up daily at midnight WIB and keeps each copy as long as the deployment says', () => {
    const [, plan] = only('AWS::Backup::BackupPlan');
    const [rule] = plan.Properties.BackupPlan.BackupPlanRule;
    expect(rule.ScheduleExpression).toBe('cron(0 17 * * ? *)');
    expect(rule.Lifecycle).toEqual({ DeleteAfterDays: RETENTION_DAYS });
    expect(rule.TargetBackupVault).toEqual({
      'Fn::GetAtt': [only('AWS::Backup::BackupVault')[0], 'BackupVaultName'],
    });
  });

  it('selects the table and the documents bucket', () => {
    const [, selection] = only('AWS::Backup::BackupSelection');
    const selected = JSON.stringify(selection.Properties.BackupSelection.Resources);
    expect(selected).toContain(idOf('AWS::DynamoDB::GlobalTable', 'DataTable'));
    expect(selected).toContain(idOf('AWS::S3::Bucket', 'DataDocuments'));
    expect(selection.Properties.BackupSelection.Resources).toHaveLength(2);
  });

  it('keeps the vault when the stack goes, refuses deleting recovery points, and reports failed jobs', () => {
    const [, vault] = only('AWS::Backup::BackupVault');
    expect(vault.DeletionPolicy).toBe('Retain');
    const [deny] = vault.Properties.AccessPolicy.Statement;
    expect(deny.Effect).toBe('Deny');
    expect(deny.Action).toContain('backup:DeleteRecoveryPoint');
    expect(vault.Properties.Notifications.BackupVaultEvents).toEqual([
      'BACKUP_JOB_FAILED',
      'BACKUP_JOB_EXPIRED',
    ]);
    const topic = idOf('AWS::SNS::Topic', 'OperationsAlarms');
    expect(vault.Properties.Notifications.SNSTopicArn).toEqual({ Ref: topic });
    // The topic lets AWS Backup publish to it.
    const [, policy] = only('AWS::SNS::TopicPolicy');
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sns:Publish',
        Principal: { Service: 'backup.amazonaws.com' },
        Resource: { Ref: topic },
      }),
    );
  });

  it('keeps the table: point-in-time recovery on, deletion protection on, retained', () => {
    const [, table] = only('AWS::DynamoDB::GlobalTable');
    expect(table.DeletionPolicy).toBe('Retain');
    const [replica] = table.Properties.Replicas;
    expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(replica.DeletionProtectionEnabled).toBe(true);
  });

  it('versions the documents: old versions kept a year, current letters never expire', () => {
    const [, bucket] = ofType('AWS::S3::Bucket').find(([id]) => id.startsWith('DataDocuments')) as [
      string,
      Resource,
    ];
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const rules = bucket.Properties.LifecycleConfiguration.Rules as Record<string, unknown>[];
    const everything = rules.filter((rule) => rule.Prefix === undefined);
    expect(everything).toHaveLength(1);
    expect(everything[0]).toMatchObject({
      NoncurrentVersionExpiration: { NoncurrentDays: NONCURRENT_VERSION_DAYS },
    });
    // Only never-attached uploads expire; nothing else does.
    expect(rules.filter((rule) => rule.ExpirationInDays !== undefined).map((rule) => rule.Prefix)).toEqual([
      'uploads/',
    ]);
  });
});

describe('the Backups construct', () => {
  it(`keeps copies ${DEFAULT_BACKUP_RETENTION_DAYS} days when the deployment does not say`, () => {
    // Prepare
    const stack = new Stack(new App());
    const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    // Act
    new Backups(stack, 'Backups', {
      table,
      documents: new Bucket(stack, 'Documents', { versioned: true }),
      topic: new Topic(stack, 'Topic'),
    });
    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: { BackupPlanRule: [{ Lifecycle: { DeleteAfterDays: DEFAULT_BACKUP_RETENTION_DAYS } }] },
    });
  });
});
