import type { ResourceNeed } from '../api/route-types.js';

/**
 * Functions that run on a schedule rather than as a step of the workflow or a route of the API. The CDK
 * stack creates one function and one schedule each; the local runtime runs the same modules on a timer.
 *
 * - Reconcile  in { olderThanSeconds?, stuckAfterSeconds? }  out ReconcileSummary
 *   Starts the workflow of every request left in SUBMITTED (a crash between writing it and starting it).
 */
export const SCHEDULED_JOBS = {
  Reconcile: {
    entry: 'functions/workflow/reconcile.ts',
    // villageDirectory().list() (gsi2) and each village's SUBMITTED requests (gsi1); reads no item itself.
    needs: [{ table: ['Query'], indexes: ['gsi1', 'gsi2'] }, 'workflow:start'],
    everyMinutes: 5,
  },
} as const satisfies Record<string, { entry: string; needs: readonly ResourceNeed[]; everyMinutes: number }>;

export type ScheduledJobName = keyof typeof SCHEDULED_JOBS;

/** What the reconciler logs (as `message`) for requests it could not move on; an alarm watches for it. */
export const RECONCILE_STUCK_MESSAGE = 'Requests stuck in SUBMITTED';
