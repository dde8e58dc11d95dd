import { type ResourceNeed, TABLE_NEEDS } from '../api/route-types.js';

/**
 * Functions that run on a schedule rather than as a step of the workflow or a route of the API. The CDK
 * stack creates one function and one schedule each; the local runtime runs the same modules on a timer.
 *
 * - Reconcile  in { olderThanSeconds?, stuckAfterSeconds?, executionTimeoutSeconds? }  out ReconcileSummary
 *   Closes requests whose execution ended (a timeout never runs RecordFailure), sends again the workflow
 *   signals of decisions and corrections that failed after their write, and starts the workflow of every
 *   request left in SUBMITTED (a crash between writing it and starting it).
 * - ReminderDigest  in { at?, lookbackHours? }  out DigestRun
 *   Hourly, a few minutes past the hour: for each decider with reminders held in a closed hour, ONE message
 *   (SMS, else e-mail) naming them; their outbox records become 'digested' (notifications/index.ts).
 * - RenderSites  in { all? }  out StaleRenderSummary
 *   Every five minutes: renders again each village website marked stale by a change it shows (a legal
 *   product, the adopted budget, its realisation) and clears the mark unless marked again meanwhile. Once
 *   a day, just after midnight WIB, with `all`: every village (the agenda's "upcoming" and dates roll over).
 */
export const SCHEDULED_JOBS = {
  Reconcile: {
    entry: 'functions/workflow/reconcile.ts',
    needs: [
      // The village directory (gsi2), each village's requests by status and age (gsi1), pending signals (gsi5).
      { table: ['Query'], indexes: ['gsi1', 'gsi2', 'gsi5'] },
      // A request, and its service (a village's own programme is in VILLAGE#; the definition it was submitted
      // under, when changed since, in SERVICEVERSION#).
      { table: ['GetItem', 'Query'], partitions: ['REQ#', 'VILLAGE#'] },
      TABLE_NEEDS.serviceVersions,
      // Closing a request whose execution ended (record, event, notices), clearing a delivered signal.
      TABLE_NEEDS.requestWrites,
      // Messages to the applicants of the requests it closes are counted per destination.
      TABLE_NEEDS.rateCounts,
      'workflow:start',
      'workflow:signal',
      'workflow:describe',
      'notify',
      'pseudonym:key',
    ],
    everyMinutes: 5,
  },
  ReminderDigest: {
    entry: 'functions/workflow/reminder-digest.ts',
    needs: [
      // An hour's digests and held reminders (one partition per hour), claimed and settled like outbox items.
      { table: ['Query', 'UpdateItem'], partitions: ['DIGEST#'] },
      // Each held reminder's outbox record gets the digest's outcome (REQ#, with every notifier's needs).
      TABLE_NEEDS.requestWrites,
      TABLE_NEEDS.rateCounts,
      'notify',
      'pseudonym:key',
    ],
    // After the hour's digests close (DIGEST_GRACE_MS, two minutes), with a margin for clock skew.
    minutePastTheHour: 5,
  },
  RenderSites: {
    entry: 'functions/workflow/render-sites.ts',
    needs: [
      // The marks: read, cleared if not marked again; the daily run marks every village first.
      { table: ['Query', 'UpdateItem', 'DeleteItem'], partitions: ['SITESTALE#'] },
      // The village directory, for the daily run (gsi2).
      { table: ['Query'], indexes: ['gsi2'] },
      // What a render reads (as the publish routes): the village, its news and agenda, budget and products.
      { table: ['GetItem'], partitions: ['VILLAGE#'] },
      { table: ['Query'], partitions: ['SITE#'] },
      TABLE_NEEDS.siteTransparency,
      'site:publish',
    ],
    everyMinutes: 5,
    // The daily run of every village: five minutes past midnight WIB (UTC+7), once the date has turned.
    daily: { hourUtc: 17, minute: 5 },
  },
} as const satisfies Record<
  string,
  { entry: string; needs: readonly ResourceNeed[] } & (
    | { everyMinutes: number; daily?: { hourUtc: number; minute: number } }
    | { minutePastTheHour: number }
  )
>;

export type ScheduledJobName = keyof typeof SCHEDULED_JOBS;

/** What the reconciler logs (as `message`) for requests it could not move on; an alarm watches for it. */
export const RECONCILE_STUCK_MESSAGE = 'Requests stuck in SUBMITTED';
