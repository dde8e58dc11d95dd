import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from '../../config/deployments.js';
import { ROUTES } from '../../functions/api/routes.js';
import {
  BUSINESS_NAMESPACE,
  OPEN_PAST_TARGET_METRIC,
  OPEN_REQUESTS_METRIC,
} from '../../functions/core/requests/business-metrics.js';
import { ROLLBACK_RUNBOOK } from '../../lib/constructs/api.js';
import { OPEN_EXECUTIONS_QUOTA } from '../../lib/constructs/operations.js';
import { DesaDigitalStack } from '../../lib/stack.js';
import { mergedTemplate } from '../support/templates.js';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON
type Resource = { Type: string; Properties: Record<string, any> };

const DEPLOYMENT: Deployment = {
  id: 'opstest',
  region: 'ap-southeast-3',
  regencies: [{ code: '35.10', name: 'Banyuwangi' }],
  alarmEmail: 'devops@banyuwangikab.go.id',
  openExecutionsAlarmShare: 0.6,
  lateRequestsPerVillageAlarm: 4,
};
const RUNBOOK = readFileSync(new URL('../../docs/runbook.md', import.meta.url), 'utf8');

/** What devops get in the stack (issue 15, items 2 and 3): alarms to one topic, each with its runbook entry. */
describe('alarms, their topic and the dashboard', () => {
  let resources: Record<string, Resource>;
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  let topicId: string;

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new DesaDigitalStack(app, 'Operations', {
      deployment: DEPLOYMENT,
      env: { region: DEPLOYMENT.region },
    });
    resources = mergedTemplate(stack).Resources;
    const topics = ofType('AWS::SNS::Topic').filter(
      ([, topic]) => topic.Properties.DisplayName === 'Desa Digital alarms',
    );
    expect(topics).toHaveLength(1);
    topicId = topics[0]?.[0] ?? '';
  });

  it("subscribes the deployment's alarm e-mail to the topic, which takes TLS only", () => {
    const subscriptions = ofType('AWS::SNS::Subscription').map(([, subscription]) => subscription.Properties);
    expect(subscriptions).toContainEqual(
      expect.objectContaining({
        Protocol: 'email',
        Endpoint: DEPLOYMENT.alarmEmail,
        TopicArn: { Ref: topicId },
      }),
    );
    const policy = ofType('AWS::SNS::TopicPolicy').find(([, each]) =>
      JSON.stringify(each.Properties.Topics).includes(topicId),
    );
    expect(JSON.stringify(policy?.[1].Properties.PolicyDocument)).toContain('aws:SecureTransport');
  });

  it('sends every alarm of the stack to the topic, and names a runbook entry that exists', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThan(20);
    // A route's rollback alarm stops its deployments (CodeDeploy reads it); its errors reach the topic
    // through the function's errors alarm, so it notifies nobody itself.
    const rollbackAlarms = new Set(
      ofType('AWS::CodeDeploy::DeploymentGroup').flatMap(([, group]) =>
        group.Properties.AlarmConfiguration.Alarms.map((alarm: { Name: { Ref: string } }) => alarm.Name.Ref),
      ),
    );
    expect(rollbackAlarms.size).toBe(ROUTES.length);
    for (const [id, alarm] of alarms) {
      if (rollbackAlarms.has(id)) {
        expect(alarm.Properties.AlarmActions, id).toBeUndefined();
        expect(alarm.Properties.AlarmDescription, id).toContain(
          `Runbook: docs/runbook.md#${ROLLBACK_RUNBOOK}`,
        );
      } else {
        expect(alarm.Properties.AlarmActions, id).toEqual([{ Ref: topicId }]);
      }
      const entry = /Runbook: docs\/runbook\.md#([a-z0-9-]+)/.exec(String(alarm.Properties.AlarmDescription));
      const runbookOf = entry?.[1] ?? jobRunbook(id);
      expect(runbookOf, `${id}: ${alarm.Properties.AlarmDescription}`).toBeDefined();
      expect(RUNBOOK, `${id} → ${runbookOf}`).toContain(`\n## ${runbookOf}\n`);
    }
  });

  it('watches the workflow (failed, timed out, aborted, throttled) and every function (errors, throttles)', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const onMetric = (name: string) =>
      alarms.filter(
        (alarm) =>
          alarm.MetricName === name ||
          (alarm.Metrics ?? []).some(
            (query: { MetricStat?: { Metric: { MetricName: string } } }) =>
              query.MetricStat?.Metric.MetricName === name,
          ),
      );
    for (const name of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted', 'ThrottledEvents']) {
      expect(onMetric(name).length, name).toBeGreaterThanOrEqual(1);
    }
    // Every function of ours is named in one errors alarm and one throttles alarm (ten to an alarm).
    const named = (kind: string) =>
      alarms
        .filter((alarm) => String(alarm.AlarmDescription).startsWith(`One of these functions ${kind}`))
        .flatMap((alarm) => /: (.*)\. Runbook/.exec(alarm.AlarmDescription)?.[1]?.split(', ') ?? []);
    const ours = [...named('failed')].sort();
    expect(ours).toEqual([...named('was throttled')].sort());
    expect(new Set(ours).size).toBe(ours.length);
    expect(ours).toEqual(
      expect.arrayContaining(['submitRequest', 'decideRequest', 'IssueDocument', 'Reconciler']),
    );
    expect(ours.length).toBeGreaterThanOrEqual(ofType('AWS::Lambda::Function').length - 3);
    expect(onMetric('5xx')).toHaveLength(1);
    expect(onMetric('Latency')).toHaveLength(1);
    expect(onMetric('ThrottledRequests')).toHaveLength(1);
    expect(onMetric('SystemErrors')).toHaveLength(1);
  });

  it("alarms on the open requests' hourly gauges: open executions near the quota, late requests in a village", () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const on = (metricName: string) => alarms.filter((alarm) => alarm.MetricName === metricName);
    // The deployment's config sets both thresholds (60 % of the quota, 4 requests in one village).
    expect(on(OPEN_REQUESTS_METRIC)).toEqual([
      expect.objectContaining({
        Namespace: BUSINESS_NAMESPACE,
        Statistic: 'Maximum',
        Threshold: 0.6 * OPEN_EXECUTIONS_QUOTA,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmDescription: expect.stringContaining('Runbook: docs/runbook.md#open-executions'),
      }),
    ]);
    expect(on(OPEN_PAST_TARGET_METRIC)).toEqual([
      expect.objectContaining({
        Namespace: BUSINESS_NAMESPACE,
        Statistic: 'Maximum',
        Threshold: 4,
        AlarmDescription: expect.stringContaining('Runbook: docs/runbook.md#requests-open-late'),
      }),
    ]);
  });

  it('has one dashboard with the alarms and the technical health', () => {
    const dashboards = ofType('AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]?.[1].Properties.DashboardBody);
    for (const title of ['Alarms', 'Requests in the workflow', 'API calls', 'DynamoDB']) {
      expect(body).toContain(title);
    }
  });
});

/** The scheduled jobs' own alarms carry their description from their constructs: their entries by construct. */
function jobRunbook(alarmId: string): string | undefined {
  if (alarmId.startsWith('ReconcilerErrorAlarm')) return 'reconciler-errors';
  if (alarmId.startsWith('ReconcilerStuckAlarm')) return 'reconciler-stuck';
  if (alarmId.startsWith('ReminderDigestsErrorAlarm')) return 'digest-errors';
  if (alarmId.startsWith('SiteRendersErrorAlarm')) return 'site-render-errors';
  return undefined;
}
