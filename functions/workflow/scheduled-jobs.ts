import { type ResourceNeed, TABLE_NEEDS } from '../api/route-types.js';

/**
 * Functions that run on a schedule rather than as a step of the workflow or a route of the API. The CDK
 * stack creates one function and one schedule each; the local runtime runs the same modules on a timer.
 *
 * - Reconcile  in { olderThanSeconds?, stuckAfterSeconds?, executionTimeoutSeconds? }  out ReconcileSummary
 *   Closes requests whose execution ended (a timeout never runs RecordFailure), sends again the workflow
 *   signals of decisions and corrections that failed after their write, and starts the workflow of every
 *   request left in SUBMITTED (a crash between writing it and starting it).
 */
export const SCHEDULED_JOBS = {
  Reconcile: {
    entry: 'functions/workflow/reconcile.ts',
    needs: [
      // The village directory (gsi2), each village's requests by status and age (gsi1), pending signals (gsi5).
      { table: ['Query'], indexes: ['gsi1', 'gsi2', 'gsi5'] },
      // A request, and its service (a village's own programme is in VILLAGE#).
      { table: ['GetItem', 'Query'], partitions: ['REQ#', 'VILLAGE#'] },
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
} as const satisfies Record<string, { entry: string; needs: readonly ResourceNeed[]; everyMinutes: number }>;

export type ScheduledJobName = keyof typeof SCHEDULED_JOBS;

/** What the reconciler logs (as `message`) for requests it could not move on; an alarm watches for it. */
export const RECONCILE_STUCK_MESSAGE = 'Requests stuck in SUBMITTED';
