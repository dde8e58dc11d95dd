import { Duration } from 'aws-cdk-lib';
import {
  BackupPlan,
  BackupPlanRule,
  BackupResource,
  BackupSelection,
  BackupVault,
  BackupVaultEvents,
} from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Deployment.backupRetentionDays's default: as long as the table's own point-in-time recovery reaches. */
export const DEFAULT_BACKUP_RETENTION_DAYS = 35;

export interface BackupsProps {
  readonly table: ITable;
  /** The documents bucket (versioned, as AWS Backup for S3 requires). */
  readonly documents: IBucket;
  /** @default DEFAULT_BACKUP_RETENTION_DAYS */
  readonly retentionDays?: number;
  /** Where a failed backup job (or one that could not run in its window) is told: the alarm topic. */
  readonly topic: ITopic;
}

/** The AWS managed policies AWS Backup's service role needs to back up DynamoDB tables and S3 buckets. */
export const BACKUP_ROLE_POLICIES = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'AWSBackupServiceRolePolicyForS3Backup',
];

/**
 * A daily AWS Backup of the table and the documents bucket into the deployment's own vault (issue 15, item
 * 4). Point-in-time recovery covers the table's last 35 days to the second; the vault keeps copies apart
 * from the table and the bucket, which nobody can delete before their retention ends (the vault's access
 * policy denies deleting recovery points), so a deleted table or a purged bucket can still be restored.
 * docs/runbook.md "Restoring data" says how; docs/deploy.md states the cost.
 */
export class Backups extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;

  constructor(scope: Construct, id: string, props: BackupsProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? DEFAULT_BACKUP_RETENTION_DAYS;
    // The vault stays when the stack goes (the default removal policy of a vault is RETAIN).
    this.vault = new BackupVault(this, 'Vault', {
      blockRecoveryPointDeletion: true,
      notificationTopic: props.topic,
      notificationEvents: [BackupVaultEvents.BACKUP_JOB_FAILED, BackupVaultEvents.BACKUP_JOB_EXPIRED],
    });
    this.plan = new BackupPlan(this, 'Plan', {
      backupVault: this.vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'Daily',
          // 17:00 UTC: midnight in Western Indonesia (WIB), when offices are closed.
          scheduleExpression: Schedule.cron({ hour: '17', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: Duration.days(retentionDays),
        }),
      ],
    });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('backup.amazonaws.com'),
      managedPolicies: BACKUP_ROLE_POLICIES.map((name) => ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    new BackupSelection(this, 'Selection', {
      backupPlan: this.plan,
      role,
      disableDefaultBackupPolicy: true, // the role above carries it, beside the S3 one
      resources: [
        BackupResource.fromDynamoDbTable(props.table),
        BackupResource.fromArn(props.documents.bucketArn),
      ],
    });
  }
}
