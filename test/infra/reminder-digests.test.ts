import type { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULED_JOBS } from '../../functions/workflow/scheduled-jobs.js';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks.js';
import { buildApp } from '../../lib/app.js';
import { ENTRY_METADATA_KEY } from '../../lib/constructs/service-function.js';
import { mergedTemplate } from '../support/templates.js';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON
type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> };

/** The hourly reminder digests in the stack: when the job runs, and who may touch the digests. */
describe('the reminder digests in the stack', () => {
  let resources: Record<string, Resource>;

  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const functionIdOf = (entry: string) => {
    const found = ofType('AWS::Lambda::Function').find(
      ([, fn]) => fn.Metadata?.[ENTRY_METADATA_KEY] === entry,
    );
    if (!found) throw new Error(`no function for ${entry}`);
    return found[0];
  };
  const statementsOf = (functionId: string) => {
    const roleId = resources[functionId]?.Properties.Role['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => statement.Effect === 'Allow');
  };
  /** The DynamoDB actions a function may take on DIGEST# items. */
  const digestActions = (entry: string) =>
    statementsOf(functionIdOf(entry))
      .filter((statement) =>
        [statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] ?? []]
          .flat()
          .includes('DIGEST#*'),
      )
      .flatMap((statement) => [statement.Action].flat() as string[])
      .sort();

  beforeAll(() => {
    // Prepare
    const app = buildApp({ deploymentId: 'jatim', bundling: false });
    resources = mergedTemplate(app.node.findChild('DesaDigital-jatim') as Stack).Resources;
  });

  it('runs the job five minutes past every hour, looking back over six hours, with retries', () => {
    // Act
    const functionId = functionIdOf(SCHEDULED_JOBS.ReminderDigest.entry);
    const rules = ofType('AWS::Events::Rule').filter(([, rule]) =>
      rule.Properties.Targets.some((target: { Arn: unknown }) =>
        JSON.stringify(target.Arn).includes(functionId),
      ),
    );
    // Assess
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0] as [string, Resource];
    expect(rule.Properties.ScheduleExpression).toBe('cron(5 * * * ? *)');
    expect(rule.Properties.State).toBe('ENABLED');
    expect(JSON.parse(rule.Properties.Targets[0].Input)).toEqual({ lookbackHours: 6 });
    expect(rule.Properties.Targets[0].RetryPolicy).toEqual({
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 1800,
    });
  });

  it('lets the job read and settle digests, settle outbox records and send SMS, and nothing of the workflow or staff', () => {
    const functionId = functionIdOf(SCHEDULED_JOBS.ReminderDigest.entry);
    const actions = statementsOf(functionId).flatMap((statement) => [statement.Action].flat() as string[]);
    expect(digestActions(SCHEDULED_JOBS.ReminderDigest.entry)).toEqual([
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(actions).toContain('sns:Publish');
    expect(actions.filter((action) => /^(states|s3|cognito-idp):|^kms:Sign/.test(action))).toEqual([]);
    expect(resources[functionId]?.Properties.Environment.Variables.NOTIFY_DELIVERY).toBe('aws');
  });

  it('raises an alarm when a run fails', () => {
    const functionId = functionIdOf(SCHEDULED_JOBS.ReminderDigest.entry);
    const alarms = ofType('AWS::CloudWatch::Alarm').filter(([, alarm]) =>
      JSON.stringify(alarm.Properties.Dimensions ?? []).includes(functionId),
    );
    expect(alarms.map(([, alarm]) => [alarm.Properties.MetricName, alarm.Properties.Threshold])).toEqual([
      ['Errors', 1],
    ]);
  });

  it('lets only the stage task, which reminds deciders, and the job touch the digests', () => {
    const withDigests = ofType('AWS::Lambda::Function')
      .flatMap(([, fn]) => {
        const entry = fn.Metadata?.[ENTRY_METADATA_KEY];
        return typeof entry === 'string' ? [entry] : [];
      })
      .filter((entry) => digestActions(entry).length > 0)
      .sort();
    expect(withDigests).toEqual(
      [WORKFLOW_TASKS.AwaitDecision.entry, SCHEDULED_JOBS.ReminderDigest.entry].sort(),
    );
    expect(digestActions(WORKFLOW_TASKS.AwaitDecision.entry)).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
    ]);
  });
});
