import { z } from 'zod';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { workflow } from '../adapters/sfn-workflow.js';
import { reconcileSubmitted } from '../core/reconcile.js';
import { RECONCILE_STUCK_MESSAGE } from './scheduled-jobs.js';
import { clock, logger } from './task.js';

const seconds = z.number().int().min(0);
/** The scheduler's event (EventBridge sends its own fields too, ignored), or a manual run's options. */
const eventSchema = z.looseObject({
  olderThanSeconds: seconds.optional(),
  stuckAfterSeconds: seconds.optional(),
});

/** Fails the invocation (so the Lambda Errors metric and its alarm see it) when some village could not be done. */
export class ReconcileIncompleteError extends Error {
  override readonly name = 'ReconcileIncompleteError';
}

/**
 * The periodic reconciler: restarts the workflow of every request left in SUBMITTED. Logs counts and ids
 * only, never request data.
 */
export const handler = async (event: unknown) => {
  const options = eventSchema.parse(event ?? {});
  const report = await reconcileSubmitted(
    { requests: requestStore(), villages: villageDirectory(), workflow: workflow(), clock },
    {
      olderThanSeconds: options.olderThanSeconds ?? envSeconds('RECONCILE_AFTER_SECONDS', 120),
      stuckAfterSeconds: options.stuckAfterSeconds ?? envSeconds('RECONCILE_STUCK_AFTER_SECONDS', 3600),
    },
  );
  const summary = {
    villages: report.villages,
    submitted: report.submitted,
    restarted: report.restarted.length,
    stuck: report.stuck.length,
    failures: report.failures.length,
  };
  if (report.restarted.length > 0) logger.warn('Restarted workflows', { ...summary, ids: report.restarted });
  else logger.info('Nothing to reconcile', summary);
  if (report.stuck.length > 0) logger.error(RECONCILE_STUCK_MESSAGE, { ids: report.stuck });
  if (report.failures.length > 0) {
    logger.error('Reconcile incomplete', { failures: report.failures });
    throw new ReconcileIncompleteError(
      `${report.failures.length} villages or requests could not be reconciled`,
    );
  }
  return { ...summary, restartedIds: report.restarted };
};

export type ReconcileSummary = Awaited<ReturnType<typeof handler>>;

function envSeconds(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= 0 && process.env[name] !== '' ? value : fallback;
}
