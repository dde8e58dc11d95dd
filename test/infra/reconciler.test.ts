import type { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { RECONCILE_STUCK_MESSAGE, SCHEDULED_JOBS } from '../../functions/workflow/scheduled-jobs.js';
import { buildApp } from '../../lib/app.js';
import { ENTRY_METADATA_KEY } from '../../lib/constructs/service-function.js';
import { mergedTemplate } from '../support/templates.js';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON
type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> };

/** The scheduled reconciler in the stack: when it runs, what it may touch, and who hears when it fails. */
describe('the reconciler in the stack', () => {
  let resources: Record<string, Resource>;
  let functionId: string;

  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const actionsOf = (id: string) => {
    const roleId = resources[id]?.Properties.Role['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap((statement) => [statement.Action].flat() as string[]);
  };

  beforeAll(() => {
    // Prepare
    const app = buildApp({ deploymentId: 'jatim', bundling: false });
    resources = mergedTemplate(app.node.findChild('DesaDigital-jatim') as Stack).Resources;
    const found = ofType('AWS::Lambda::Function').find(
      ([, fn]) => fn.Metadata?.[ENTRY_METADATA_KEY] === SCHEDULED_JOBS.Reconcile.entry,
    );
    if (!found) throw new Error('no reconciler function');
    functionId = found[0];
  });

  it('runs every five minutes, with how old a request must be, when it counts as stuck, and the execution timeout; hourly, it also counts the open requests', () => {
    const rules = ofType('AWS::Events::Rule').filter(([, rule]) =>
      rule.Properties.Targets.some((target: { Arn: unknown }) =>
        JSON.stringify(target.Arn).includes(functionId),
      ),
    );
    expect(rules).toHaveLength(2);
    const reconcileInput = {
      olderThanSeconds: 120,
      stuckAfterSeconds: 3600,
      executionTimeoutSeconds: 30 * 24 * 3600,
    };
    const schedules = rules.map(([, rule]) => ({
      schedule: rule.Properties.ScheduleExpression,
      input: JSON.parse(rule.Properties.Targets[0].Input),
    }));
    expect(schedules).toEqual(
      expect.arrayContaining([
        { schedule: 'rate(5 minutes)', input: reconcileInput },
        { schedule: 'rate(1 hour)', input: { ...reconcileInput, measure: true } },
      ]),
    );
    for (const [, rule] of rules) {
      expect(rule.Properties.Targets[0].RetryPolicy).toEqual({
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 600,
      });
    }
  });

  it('may read and write the table, start, describe and signal executions, notify, and nothing else', () => {
    const actions = actionsOf(functionId);
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:Query',
        'dynamodb:GetItem',
        'dynamodb:UpdateItem', // clears a signal that was delivered
        'dynamodb:PutItem', // closes a request whose execution ended (with its event and notifications)
        'states:StartExecution',
        'states:SendTaskSuccess',
        'states:DescribeExecution',
        'sns:Publish',
      ]),
    );
    expect(actions.filter((action) => /^s3:/.test(action))).toEqual([]);
    expect(actions.filter((action) => /^kms:Sign|^cognito-idp:/.test(action))).toEqual([]);
    expect(actions.filter((action) => /^states:/.test(action)).sort()).toEqual([
      'states:DescribeExecution',
      'states:SendTaskFailure',
      'states:SendTaskHeartbeat',
      'states:SendTaskSuccess',
      'states:StartExecution',
    ]);
  });

  it('describes only the executions of the approval workflow', () => {
    const roleId = resources[functionId]?.Properties.Role['Fn::GetAtt'][0];
    const describe = ofType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .find((statement) => [statement.Action].flat().includes('states:DescribeExecution'));
    const [machineId] = ofType('AWS::StepFunctions::StateMachine').map(([id]) => id);
    expect(JSON.stringify(describe?.Resource)).toContain(`"Ref":"${machineId}"`);
    expect(JSON.stringify(describe?.Resource)).toMatch(/:execution:/);
  });

  it('raises an alarm when a run fails and when a request stays SUBMITTED', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    expect(alarms).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          MetricName: 'Errors',
          Namespace: 'AWS/Lambda',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
          Threshold: 1,
        }),
        expect.objectContaining({
          MetricName: 'ReconcilerStuckRuns',
          Namespace: 'DesaDigital',
          Threshold: 1,
        }),
      ]),
    );
    const [[, filter] = []] = ofType('AWS::Logs::MetricFilter');
    expect(filter?.Properties.FilterPattern).toBe(`{ $.message = "${RECONCILE_STUCK_MESSAGE}" }`);
  });
});
