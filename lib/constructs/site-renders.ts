import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SCHEDULED_JOBS } from '../../functions/workflow/scheduled-jobs.js';
import { ServiceFunction } from './service-function.js';

export interface SiteRendersProps {
  readonly table: ITable;
  /** The villages' websites bucket and the origin it is served from (as the publish routes get it). */
  readonly sites: { readonly bucket: IBucket; readonly baseUrl: string };
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * The scheduled village website renders (issue 12): every five minutes, the sites marked stale by a change
 * they show (a legal product, the adopted budget, its realisation) are rendered again and their marks
 * cleared; once a day, just after midnight WIB, every village's (the agenda's "upcoming" and the dates roll
 * over). It may read what a site shows, read, write and clear the marks, list the villages and write under
 * desa/ in the sites bucket; nothing else. An alarm (without actions: wire it to the deployment's on-call
 * topic) says when a run failed (`errorAlarm`): some sites may be behind until a run succeeds.
 */
export class SiteRenders extends Construct {
  readonly function: ServiceFunction;
  /** Every five minutes: the stale sites. */
  readonly rule: Rule;
  /** Daily: every site. */
  readonly dailyRule: Rule;
  readonly errorAlarm: Alarm;

  constructor(scope: Construct, id: string, props: SiteRendersProps) {
    super(scope, id);
    const job = SCHEDULED_JOBS.RenderSites;
    this.function = new ServiceFunction(this, 'Function', {
      entry: job.entry,
      needs: job.needs,
      // A run stops starting renders shortly before this (RENDER_MARGIN_MS); the next run goes on.
      timeout: Duration.minutes(5),
      logRetention: props.logRetention,
      description: 'Renders again the village websites marked stale, and every one once a day',
    }).bind({ table: props.table, sites: props.sites });

    const target = (event: Record<string, unknown>, maxEventAge: Duration) =>
      new LambdaFunction(this.function.function, {
        event: RuleTargetInput.fromObject(event),
        retryAttempts: 2,
        maxEventAge,
      });
    this.rule = new Rule(this, 'Schedule', {
      description: 'Renders the village websites marked stale',
      schedule: Schedule.rate(Duration.minutes(job.everyMinutes)),
      targets: [target({}, Duration.minutes(10))], // the next run comes soon enough
    });
    this.dailyRule = new Rule(this, 'DailySchedule', {
      description: 'Renders every village website after midnight WIB',
      schedule: Schedule.cron({ hour: String(job.daily.hourUtc), minute: String(job.daily.minute) }),
      targets: [target({ all: true }, Duration.hours(2))], // a late run still beats the next day's
    });

    this.errorAlarm = new Alarm(this, 'ErrorAlarm', {
      alarmDescription: 'The village website render failed: some sites may not show the latest changes',
      metric: this.function.function.metricErrors({ period: Duration.minutes(15) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
