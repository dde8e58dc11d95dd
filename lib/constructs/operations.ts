import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITable, Operation } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { StateTransitionMetric } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  BUSINESS_NAMESPACE,
  OPEN_PAST_TARGET_METRIC,
  OPEN_REQUESTS_METRIC,
} from '../../functions/core/requests/business-metrics.js';

/**
 * Each alarm's entry in docs/runbook.md (a heading `## <key>`): what it means, how to look, what to do.
 * test/infra/operations.test.ts checks that every alarm of the stack has one.
 */
export type RunbookKey =
  | 'workflow-failed'
  | 'workflow-timed-out'
  | 'workflow-aborted'
  | 'workflow-throttled'
  | 'function-errors'
  | 'function-throttles'
  | 'api-rollback'
  | 'api-5xx'
  | 'api-latency'
  | 'table-throttled'
  | 'table-system-errors'
  | 'reconciler-errors'
  | 'reconciler-stuck'
  | 'digest-errors'
  | 'site-render-errors'
  | 'requests-late'
  | 'open-executions'
  | 'requests-open-late';

export const RUNBOOK = 'docs/runbook.md';

/** Step Functions' quota of open Standard executions per account and region (a soft limit: it can be raised). */
export const OPEN_EXECUTIONS_QUOTA = 1_000_000;

/** CloudWatch's limit of metrics in one alarm's metric math. */
const FUNCTIONS_PER_ALARM = 10;

export interface OperationsProps {
  /** Where alarms go by e-mail (Deployment.alarmEmail); without it the topic has no subscriber yet. */
  readonly alarmEmail?: string;
  readonly stateMachine: IStateMachine;
  /** Every function of the stack by a readable name (its route id, task name or job). */
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly httpApi: IHttpApi;
  readonly table: ITable;
  /**
   * The share of OPEN_EXECUTIONS_QUOTA the open requests may reach before the alarm (Deployment.openExecutionsAlarmShare).
   * @default 0.8
   */
  readonly openExecutionsAlarmShare?: number;
  /**
   * Requests open past their target time in one village before the alarm (Deployment.lateRequestsPerVillageAlarm).
   * @default 10
   */
  readonly lateRequestsPerVillageAlarm?: number;
  /** Alarms other constructs made (the scheduled jobs'), with their runbook entries: wired to the same topic. */
  readonly alarms: readonly { readonly alarm: Alarm; readonly runbook: RunbookKey }[];
}

/** The operations the stack's API functions call on the table: the throttle and error metrics cover these. */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.QUERY,
  Operation.TRANSACT_WRITE_ITEMS,
];

/**
 * What a regency's devops watch (issue 15, items 2 and 3): one SNS topic every alarm notifies (e-mail from the
 * deployment's config), alarms on the workflow, every function, the API and the table, and one dashboard
 * with the technical health beside the alarms' states. Each alarm's description names its runbook entry.
 */
export class Operations extends Construct {
  readonly topic: Topic;
  readonly alarms: readonly { readonly alarm: Alarm; readonly runbook: RunbookKey }[];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', { displayName: 'Desa Digital alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const made: { alarm: Alarm; runbook: RunbookKey }[] = [];
    const alarm = (
      name: string,
      runbook: RunbookKey,
      description: string,
      metric: IMetric,
      threshold = 1,
      evaluationPeriods = 1,
    ) => {
      const created = new Alarm(this, name, {
        alarmDescription: `${description} Runbook: ${RUNBOOK}#${runbook}`,
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      made.push({ alarm: created, runbook });
      return created;
    };
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };

    const { stateMachine } = props;
    alarm(
      'WorkflowFailed',
      'workflow-failed',
      'A request workflow failed: its request is FAILED and needs a person.',
      stateMachine.metricFailed(fiveMinutes),
    );
    alarm(
      'WorkflowTimedOut',
      'workflow-timed-out',
      'A request workflow reached its execution timeout.',
      stateMachine.metricTimedOut(fiveMinutes),
    );
    alarm(
      'WorkflowAborted',
      'workflow-aborted',
      'A request workflow was stopped by hand or by a deployment.',
      stateMachine.metricAborted(fiveMinutes),
    );
    alarm(
      'WorkflowThrottled',
      'workflow-throttled',
      'Step Functions throttled state transitions or executions: the account quota is near.',
      new MathExpression({
        expression: 'transitions + executions',
        usingMetrics: {
          transitions: StateTransitionMetric.metricThrottledEvents(fiveMinutes),
          executions: stateMachine.metricThrottled(fiveMinutes),
        },
        period: Duration.minutes(5),
      }),
    );

    // An alarm's metric math takes at most 10 metrics: the functions' alarms go ten functions to an alarm, each
    // naming its functions (one alarm a function would cost 2 resources and 2 alarm fees each).
    const names = Object.keys(props.functions).sort();
    for (let start = 0; start < names.length; start += FUNCTIONS_PER_ALARM) {
      const group = names.slice(start, start + FUNCTIONS_PER_ALARM);
      const sumOf = (metricOf: (fn: IFunction) => Metric) =>
        new MathExpression({
          expression: group.map((_name, index) => `m${index}`).join(' + '),
          usingMetrics: Object.fromEntries(
            group.map((name, index) => [`m${index}`, metricOf(props.functions[name] as IFunction)]),
          ),
          period: Duration.minutes(5),
        });
      const n = start / FUNCTIONS_PER_ALARM + 1;
      alarm(
        `FunctionErrors${n}`,
        'function-errors',
        `One of these functions failed (an unhandled error): ${group.join(', ')}.`,
        sumOf((fn) => fn.metricErrors(fiveMinutes)),
      );
      alarm(
        `FunctionThrottles${n}`,
        'function-throttles',
        `One of these functions was throttled: ${group.join(', ')}.`,
        sumOf((fn) => fn.metricThrottles(fiveMinutes)),
      );
    }

    const api = props.httpApi;
    alarm(
      'Api5xxRate',
      'api-5xx',
      'More than 1% of API calls failed with a 5xx over 15 minutes.',
      new MathExpression({
        expression: '100 * errors / MAX([requests, 1])',
        usingMetrics: {
          errors: api.metricServerError(fiveMinutes),
          requests: api.metricCount(fiveMinutes),
        },
        period: Duration.minutes(5),
        label: '5xx %',
      }),
      1,
      3,
    );
    alarm(
      'ApiLatencyP99',
      'api-latency',
      'API p99 latency above 3 s for 15 minutes (a citizen on a slow phone waits on top of it).',
      api.metricLatency({ period: Duration.minutes(5), statistic: 'p99' }),
      3000,
      3,
    );

    alarm(
      'TableThrottled',
      'table-throttled',
      'DynamoDB throttled requests (on-demand: a partition or the account limit).',
      props.table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, ...fiveMinutes }),
    );
    alarm(
      'TableSystemErrors',
      'table-system-errors',
      'DynamoDB answered with internal errors (retried by the SDK; many mean an AWS event).',
      props.table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, ...fiveMinutes }),
      5,
    );

    // Business measures (functions/adapters/business-metrics.ts): one dimension, the service name.
    const business = (metricName: string, statistic = 'Sum', period = Duration.hours(1)) =>
      new Metric({
        namespace: BUSINESS_NAMESPACE,
        metricName,
        dimensionsMap: { service: 'desa-digital' },
        statistic,
        period,
      });
    alarm(
      'RequestsLate',
      'requests-late',
      "Five or more letters in a day were issued after their service's target time.",
      business('IssuedLate', 'Sum', Duration.days(1)),
      5,
    );

    // The reconciler's hourly gauges (functions/workflow/reconcile.ts measure): the worst of the last two hours,
    // so one missed run neither raises nor clears them.
    const share = props.openExecutionsAlarmShare ?? 0.8;
    alarm(
      'OpenExecutions',
      'open-executions',
      `Open requests (each holds a running execution) reached ${Math.round(share * 100)} % of the account's ` +
        `${OPEN_EXECUTIONS_QUOTA.toLocaleString('en')} open Step Functions executions.`,
      business(OPEN_REQUESTS_METRIC, 'Maximum', Duration.hours(2)),
      Math.round(share * OPEN_EXECUTIONS_QUOTA),
    );
    const perVillage = props.lateRequestsPerVillageAlarm ?? 10;
    alarm(
      'RequestsOpenLate',
      'requests-open-late',
      `A village holds ${perVillage} or more requests still open past their service's target time.`,
      business(OPEN_PAST_TARGET_METRIC, 'Maximum', Duration.hours(2)),
      perVillage,
    );

    this.alarms = [...made, ...props.alarms];
    const action = new SnsAction(this.topic);
    for (const { alarm: each } of this.alarms) each.addAlarmAction(action);

    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(6) });
    const sum = (metrics: Record<string, Metric>, label: string) =>
      new MathExpression({
        expression: Object.keys(metrics).join(' + ') || '0',
        usingMetrics: metrics,
        label,
        period: Duration.minutes(5),
      });
    const functions = Object.values(props.functions);
    const perFunction = (prefix: string, metricOf: (fn: IFunction) => Metric) =>
      Object.fromEntries(functions.map((fn, index) => [`${prefix}${index}`, metricOf(fn)]));
    this.dashboard.addWidgets(
      new AlarmStatusWidget({
        title: 'Alarms',
        alarms: this.alarms.map(({ alarm: each }) => each),
        width: 24,
      }),
      new GraphWidget({
        title: 'Letters: submitted, issued, returned, rejected, escalated (per hour)',
        left: ['Submitted', 'Issued', 'Returned', 'Rejected', 'Escalated'].map((name) => business(name)),
        width: 12,
      }),
      new GraphWidget({
        title: 'Time to issue (hours, p50 and p90) and letters issued late',
        left: ['p50', 'p90'].map(
          (statistic) =>
            new MathExpression({
              expression: `${statistic} / 3600`,
              usingMetrics: { [statistic]: business('SecondsToIssue', statistic) },
              label: `${statistic} hours`,
              period: Duration.hours(1),
            }),
        ),
        right: [business('IssuedLate')],
        width: 12,
      }),
      new GraphWidget({
        title: 'Open requests (= open executions) and the most open past target in one village (hourly)',
        left: [business(OPEN_REQUESTS_METRIC, 'Maximum')],
        right: [business(OPEN_PAST_TARGET_METRIC, 'Maximum')],
        width: 12,
      }),
      new GraphWidget({
        title: 'Requests in the workflow',
        left: [
          stateMachine.metricStarted(fiveMinutes),
          stateMachine.metricSucceeded(fiveMinutes),
          stateMachine.metricFailed(fiveMinutes),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'API calls, 5xx and p99 latency',
        left: [api.metricCount(fiveMinutes), api.metricServerError(fiveMinutes)],
        right: [api.metricLatency({ period: Duration.minutes(5), statistic: 'p99' })],
        width: 12,
      }),
      new GraphWidget({
        title: 'Functions: errors and throttles (all)',
        left: [
          sum(
            perFunction('e', (fn) => fn.metricErrors(fiveMinutes)),
            'errors',
          ),
          sum(
            perFunction('t', (fn) => fn.metricThrottles(fiveMinutes)),
            'throttles',
          ),
        ],
        width: 12,
      }),
      // One widget each: both expressions name their metrics by operation (getitem, putitem…).
      new GraphWidget({
        title: 'DynamoDB: throttled requests',
        left: [
          props.table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, ...fiveMinutes }),
        ],
        width: 6,
      }),
      new GraphWidget({
        title: 'DynamoDB: system errors',
        left: [props.table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, ...fiveMinutes })],
        width: 6,
      }),
    );
  }
}
