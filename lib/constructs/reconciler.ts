import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { FilterPattern, MetricFilter, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RECONCILE_STUCK_MESSAGE, SCHEDULED_JOBS } from '../../functions/workflow/scheduled-jobs.js';
import type { Notifications } from './notifications.js';
import { ServiceFunction } from './service-function.js';

export interface ReconcilerProps {
  readonly table: ITable;
  readonly stateMachine: IStateMachine;
  /** Where the applicant of a request closed by the reconciler is told. */
  readonly notifications: Notifications;
  /** Message limits per destination are counted under a keyed pseudonym of the phone or e-mail. */
  readonly pseudonymKey: IKey;
  /**
   * The state machine's timeout: requests older than this that are not final have their execution looked
   * up, and are closed if it ended.
   * @default Duration.days(30)
   */
  readonly executionTimeout?: Duration;
  /**
   * How often the reconciler runs.
   * @default - every SCHEDULED_JOBS.Reconcile.everyMinutes (5) minutes
   */
  readonly every?: Duration;
  /**
   * How often a run also counts the open requests and publishes their gauges (open executions, requests past
   * their target time per village): a second schedule, as counting reads every open request.
   * @default Duration.hours(1)
   */
  readonly measureEvery?: Duration;
  /**
   * Requests younger than this are left alone: their workflow is probably still starting.
   * @default Duration.minutes(2)
   */
  readonly restartAfter?: Duration;
  /**
   * A request still SUBMITTED this long after it was written is logged as stuck, which raises `stuckAlarm`.
   * @default Duration.hours(1)
   */
  readonly stuckAfter?: Duration;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * The periodic reconciler (DESIGN.md §2): a scheduled function that closes requests whose execution ended
 * (timed out, failed or aborted without RecordFailure), sends again workflow signals that failed after a
 * decision, and starts the workflow of every request left in SUBMITTED. It may read and write the table,
 * start, describe and signal executions, and notify applicants; nothing else. Two alarms (without actions:
 * wire them to the deployment's on-call topic): the run failed for some village (`errorAlarm`), or a request
 * stayed SUBMITTED past `stuckAfter` (`stuckAlarm`).
 */
export class Reconciler extends Construct {
  readonly function: ServiceFunction;
  readonly rule: Rule;
  /** The hourly runs that also count the open requests (`measure`). */
  readonly measureRule: Rule;
  readonly errorAlarm: Alarm;
  readonly stuckAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ReconcilerProps) {
    super(scope, id);
    const job = SCHEDULED_JOBS.Reconcile;
    this.function = new ServiceFunction(this, 'Function', {
      entry: job.entry,
      needs: job.needs,
      timeout: Duration.minutes(2),
      logRetention: props.logRetention,
      description: 'Closes requests whose execution ended, re-sends lost signals, restarts SUBMITTED ones',
    }).bind({
      table: props.table,
      stateMachine: props.stateMachine,
      notifications: props.notifications,
      pseudonymKey: props.pseudonymKey,
    });

    const runs = (extra: Record<string, unknown>) =>
      new LambdaFunction(this.function.function, {
        event: RuleTargetInput.fromObject({
          olderThanSeconds: (props.restartAfter ?? Duration.minutes(2)).toSeconds(),
          stuckAfterSeconds: (props.stuckAfter ?? Duration.hours(1)).toSeconds(),
          executionTimeoutSeconds: (props.executionTimeout ?? Duration.days(30)).toSeconds(),
          ...extra,
        }),
        retryAttempts: 2,
        maxEventAge: Duration.minutes(10), // the next run comes soon enough
      });
    this.rule = new Rule(this, 'Schedule', {
      description: 'Runs the reconciler',
      schedule: Schedule.rate(props.every ?? Duration.minutes(job.everyMinutes)),
      targets: [runs({})],
    });
    this.measureRule = new Rule(this, 'MeasureSchedule', {
      description: 'Runs the reconciler and counts the open requests (open executions, requests past target)',
      schedule: Schedule.rate(props.measureEvery ?? Duration.hours(1)),
      targets: [runs({ measure: true })],
    });

    this.errorAlarm = new Alarm(this, 'ErrorAlarm', {
      alarmDescription:
        'The reconciler failed for some village or request: requests may be left in SUBMITTED',
      metric: this.function.function.metricErrors({ period: Duration.minutes(15) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const stuck = new MetricFilter(this, 'StuckFilter', {
      logGroup: this.function.logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', RECONCILE_STUCK_MESSAGE),
      metricNamespace: 'DesaDigital',
      metricName: 'ReconcilerStuckRuns',
      metricValue: '1',
    });
    this.stuckAlarm = new Alarm(this, 'StuckAlarm', {
      alarmDescription: 'Requests stayed SUBMITTED although the reconciler restarted them',
      metric: stuck.metric({ period: Duration.minutes(15), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
