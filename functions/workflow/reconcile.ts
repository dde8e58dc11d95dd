import * as z from 'zod/mini';
import { publishOpenRequests } from '../adapters/business-metrics.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { oneLineLogger } from '../adapters/log-redaction.js';
import { workflow } from '../adapters/sfn-workflow.js';
import { countOpenRequests, type OpenRequestsDeps } from '../core/approvals/open-requests.js';
import { type ReconcileReport, reconcile } from '../core/approvals/reconcile.js';
import type { ReviewDeps } from '../core/approvals/review.js';
import { RECONCILE_STUCK_MESSAGE } from './scheduled-jobs.js';
import { reviewDeps } from './task.js';

const seconds = z.number().check(z.int(), z.minimum(0));
/** The scheduler's event (EventBridge sends its own fields too, ignored), or a manual run's options. */
const eventSchema = z.looseObject({
  olderThanSeconds: z.optional(seconds),
  stuckAfterSeconds: z.optional(seconds),
  executionTimeoutSeconds: z.optional(seconds),
  /** Also count the open requests and publish their gauges (the hourly schedule's runs). */
  measure: z.optional(z.boolean()),
  /** Counts as of this time (ISO): a manual run's or a test's. @default now */
  at: z.optional(z.iso.datetime()),
});

/** Runs every few minutes: one line per run, and only when it did something (or failed to). */
const logger = oneLineLogger('desa-digital-reconciler');

/** The state machine's default timeout (ApprovalWorkflowProps.timeout). */
const THIRTY_DAYS = 30 * 24 * 3600;

/** Fails the invocation (so the Lambda Errors metric and its alarm see it) when some village could not be done. */
export class ReconcileIncompleteError extends Error {
  override readonly name = 'ReconcileIncompleteError';
}

/**
 * The periodic reconciler: closes requests whose execution ended, re-sends lost workflow signals, restarts
 * the workflow of requests left in SUBMITTED (core/reconcile.ts). Logs counts and ids only, never request data.
 */
export const handler = async (event: unknown) => {
  const options = eventSchema.parse(event ?? {});
  const deps = {
    ...reviewDeps(),
    requests: requestStore(),
    villages: villageDirectory(),
    workflow: workflow(),
  };
  const report = await reconcile(deps, {
    olderThanSeconds: options.olderThanSeconds ?? envSeconds('RECONCILE_AFTER_SECONDS', 120),
    stuckAfterSeconds: options.stuckAfterSeconds ?? envSeconds('RECONCILE_STUCK_AFTER_SECONDS', 3600),
    executionTimeoutSeconds:
      options.executionTimeoutSeconds ?? envSeconds('EXECUTION_TIMEOUT_SECONDS', THIRTY_DAYS),
  });
  const summary = {
    villages: report.villages,
    submitted: report.submitted,
    restarted: report.restarted.length,
    resent: report.resent.length,
    dropped: report.dropped.length,
    closed: report.closed.length,
    stuck: report.stuck.length,
    failures: report.failures.length,
  };
  logRun(report, summary);
  // After the run's own work, so a failing count never keeps a request from being reconciled.
  const measured = options.measure ? await measure(deps, options.at) : undefined;
  if (report.failures.length > 0) {
    throw new ReconcileIncompleteError(
      `${report.failures.length} villages or requests could not be reconciled`,
    );
  }
  return {
    ...summary,
    restartedIds: report.restarted,
    resentIds: report.resent,
    droppedIds: report.dropped,
    closedIds: report.closed,
    ...(measured ? { measured } : {}),
  };
};

/** Counts the open requests (open executions, and per village those past target) and publishes the gauges. */
async function measure(deps: OpenRequestsDeps & Pick<ReviewDeps, 'clock'>, at: string | undefined) {
  const count = await countOpenRequests(deps, at ? new Date(at) : deps.clock.now());
  publishOpenRequests(count);
  return {
    open: count.open,
    pastTarget: count.pastTarget.reduce((sum, village) => sum + village.count, 0),
    villagesPastTarget: count.pastTarget.length,
  };
}

export type ReconcileSummary = Awaited<ReturnType<typeof handler>>;

/**
 * One line when the run acted or found trouble, none otherwise. Its message says the worst: requests stuck
 * in SUBMITTED (an alarm watches for RECONCILE_STUCK_MESSAGE), then failures, then what was done.
 */
function logRun(report: ReconcileReport, summary: Record<string, number>): void {
  const acted =
    report.restarted.length + report.resent.length + report.dropped.length + report.closed.length > 0;
  const troubled = report.stuck.length + report.failures.length > 0;
  if (!acted && !troubled) return;
  const line = {
    ...summary,
    ...ids('restartedIds', report.restarted),
    ...ids('resentIds', report.resent),
    ...ids('droppedIds', report.dropped),
    ...ids('closedIds', report.closed),
    ...ids('stuckIds', report.stuck),
    ...(report.failures.length > 0 ? { failedItems: report.failures } : {}),
  };
  if (report.stuck.length > 0) logger.error(RECONCILE_STUCK_MESSAGE, line);
  else if (report.failures.length > 0) logger.error('Reconcile incomplete', line);
  else logger.warn('Reconciled', line);
}

const ids = (name: string, list: readonly string[]) => (list.length > 0 ? { [name]: list } : {});

function envSeconds(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= 0 && process.env[name] !== '' ? value : fallback;
}
