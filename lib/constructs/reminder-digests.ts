import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SCHEDULED_JOBS } from '../../functions/workflow/scheduled-jobs.js';
import type { Notifications } from './notifications.js';
import { ServiceFunction } from './service-function.js';

export interface ReminderDigestsProps {
  readonly table: ITable;
  /** Digests go to deciders by SMS or e-mail. */
  readonly notifications: Notifications;
  /** Every notifier may count messages per destination under a keyed pseudonym (ServiceFunction's rule). */
  readonly pseudonymKey: IKey;
  /**
   * How many closed hours each run looks at: a failed or missed run is made up by the next ones.
   * @default 6
   */
  readonly lookbackHours?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * The hourly reminder digests (issue 11, goal 7): a scheduled function that, a few minutes past every hour,
 * sends each decider ONE message for the reminders held for them in the hours before (the first reminder
 * of an hour goes at once, the later ones wait for this). It may read and settle digests, settle the held
 * reminders' outbox records, and send SMS and e-mail; nothing else. An alarm (without actions: wire it to the
 * deployment's on-call topic) says when a run failed (`errorAlarm`): deciders may then be missing reminders.
 */
export class ReminderDigests extends Construct {
  readonly function: ServiceFunction;
  readonly rule: Rule;
  readonly errorAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ReminderDigestsProps) {
    super(scope, id);
    const job = SCHEDULED_JOBS.ReminderDigest;
    this.function = new ServiceFunction(this, 'Function', {
      entry: job.entry,
      needs: job.needs,
      timeout: Duration.minutes(2),
      logRetention: props.logRetention,
      description: "Sends each decider one digest of the hour's held reminders",
    }).bind({
      table: props.table,
      notifications: props.notifications,
      pseudonymKey: props.pseudonymKey,
    });

    this.rule = new Rule(this, 'Schedule', {
      description: 'Sends the reminder digests of the hour that just ended',
      schedule: Schedule.cron({ minute: String(job.minutePastTheHour) }),
      targets: [
        new LambdaFunction(this.function.function, {
          event: RuleTargetInput.fromObject({ lookbackHours: props.lookbackHours ?? 6 }),
          retryAttempts: 2,
          maxEventAge: Duration.minutes(30), // a late run still beats the next one, an hour later
        }),
      ],
    });

    this.errorAlarm = new Alarm(this, 'ErrorAlarm', {
      alarmDescription: 'The reminder digest job failed: deciders may not have been told of held reminders',
      metric: this.function.function.metricErrors({ period: Duration.hours(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
