import { forEachLimited } from '../shared/limited.js';
import type { ExecutionStatus, RequestStore, VillageDirectory, Workflow } from '../shared/ports.js';
import { stepAt } from './approvals.js';
import { OPEN_STATUSES } from './open-requests.js';
import { closeEnded, type EndedExecution, type ReviewDeps } from './review.js';
import { deliverSignal } from './signals.js';

export interface ReconcileDeps extends ReviewDeps {
  readonly requests: RequestStore;
  readonly villages: VillageDirectory;
  readonly workflow: Workflow;
}

export interface ReconcileOptions {
  /**
   * Requests submitted, and signals written, more recently than this are left alone: their workflow is
   * probably starting, or being signalled right now.
   */
  readonly olderThanSeconds: number;
  /**
   * A request still SUBMITTED this long after it was written is reported as stuck (an operator should look:
   * restarting it has not helped, e.g. its execution ended without moving it on).
   */
  readonly stuckAfterSeconds: number;
  /**
   * The state machine's timeout: a request older than this that is not final may have lost its execution
   * (timed out, failed or aborted without RecordFailure), so its execution is looked up.
   */
  readonly executionTimeoutSeconds: number;
  /** Villages queried at once. @default 8 */
  readonly concurrency?: number;
}

export interface ReconcileReport {
  readonly villages: number;
  /** Requests found in SUBMITTED, young ones included. */
  readonly submitted: number;
  /** Requests whose workflow was (re)started: starting is idempotent, so a running one is left as it is. */
  readonly restarted: readonly string[];
  /** Requests whose pending signal (a decision's, a correction's) was sent again and went through. */
  readonly resent: readonly string[];
  /** Requests whose pending signal was dropped: no task waited for it any more. */
  readonly dropped: readonly string[];
  /** Requests closed because their execution had ended (EXPIRED after a timeout, else FAILED). */
  readonly closed: readonly string[];
  readonly stuck: readonly string[];
  readonly failures: readonly {
    readonly requestId?: string;
    readonly villageCode: string;
    readonly error: string;
  }[];
}

const PAGE_SIZE = 100;
const ENDED: ReadonlySet<ExecutionStatus> = new Set<EndedExecution>(['TIMED_OUT', 'FAILED', 'ABORTED']);

/**
 * Nothing stuck, nothing lost (DESIGN.md §2). For every village of the directory, without a Scan:
 * 1. requests not final and older than the execution timeout (one index query per open status, bounded by
 *    creation time, so nearly always empty): if their execution ended, they are closed visibly;
 * 2. pending signals older than `olderThanSeconds` (a sparse index, empty unless SendTaskSuccess failed
 *    after a decision): sent again;
 * 3. requests left in SUBMITTED older than `olderThanSeconds`: their workflow is started again, with the
 *    request id as execution name.
 * Every step is idempotent. One village or request failing does not stop the others: failures are reported.
 */
export async function reconcile(deps: ReconcileDeps, options: ReconcileOptions): Promise<ReconcileReport> {
  const now = deps.clock.now().getTime();
  const secondsAgo = (seconds: number) => new Date(now - seconds * 1000).toISOString();
  const restartBefore = secondsAgo(options.olderThanSeconds);
  const stuckBefore = secondsAgo(options.stuckAfterSeconds);
  const timedOutBefore = secondsAgo(options.executionTimeoutSeconds);
  const villages = await deps.villages.list();
  const report = {
    restarted: [] as string[],
    resent: [] as string[],
    dropped: [] as string[],
    closed: [] as string[],
    stuck: [] as string[],
    failures: [] as { requestId?: string; villageCode: string; error: string }[],
  };
  let submitted = 0;

  const attempt = async (villageCode: string, requestId: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      report.failures.push({ requestId, villageCode, error: errorName(error) });
    }
  };

  const closeEndedExecutions = async (villageCode: string) => {
    for (const status of OPEN_STATUSES) {
      await eachPage(
        (cursor) =>
          deps.requests.listByVillage({
            villageCode,
            status,
            createdBefore: timedOutBefore,
            limit: PAGE_SIZE,
            ...(cursor ? { cursor } : {}),
          }),
        async ({ items }) => {
          for (const request of items) {
            await attempt(villageCode, request.id, async () => {
              const execution = await deps.workflow.executionStatus(request.id);
              if (!execution || !ENDED.has(execution)) return;
              if (await closeEnded(deps, request.id, execution as EndedExecution)) {
                report.closed.push(request.id);
              }
            });
          }
        },
      );
    }
  };

  const resendSignals = async (villageCode: string) => {
    await eachPage(
      (cursor) =>
        deps.requests.pendingSignals({
          villageCode,
          before: restartBefore,
          limit: PAGE_SIZE,
          ...(cursor ? { cursor } : {}),
        }),
      async ({ ids }) => {
        for (const id of ids) {
          await attempt(villageCode, id, async () => {
            const request = await deps.requests.get(id);
            const outcome = request ? await deliverSignal(deps, request) : 'none';
            if (outcome === 'sent') report.resent.push(id);
            if (outcome === 'gone') report.dropped.push(id);
          });
        }
      },
    );
  };

  const restartSubmitted = async (villageCode: string) => {
    await eachPage(
      (cursor) =>
        deps.requests.listByVillage({
          villageCode,
          status: 'SUBMITTED',
          limit: PAGE_SIZE,
          ...(cursor ? { cursor } : {}),
        }),
      async ({ items }) => {
        submitted += items.length;
        for (const request of items) {
          if (request.status !== 'SUBMITTED' || request.createdAt > restartBefore) continue;
          if (report.closed.includes(request.id)) continue;
          if (request.createdAt <= stuckBefore) report.stuck.push(request.id);
          await attempt(villageCode, request.id, async () => {
            const service = await deps.catalog.definitionOf(request);
            await deps.workflow.start(request.id, stepAt(service, 0, request.data));
            report.restarted.push(request.id);
          });
        }
      },
    );
  };

  await forEachLimited(
    villages.map((village) => village.code),
    options.concurrency ?? 8,
    async (villageCode) => {
      for (const step of [closeEndedExecutions, resendSignals, restartSubmitted]) {
        try {
          await step(villageCode);
        } catch (error) {
          report.failures.push({ villageCode, error: errorName(error) });
        }
      }
    },
  );
  return { villages: villages.length, submitted, ...report };
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : 'Error');

/** Runs `each` on every page of a paginated query. */
async function eachPage<P extends { cursor?: string }>(
  query: (cursor: string | undefined) => Promise<P>,
  each: (page: P) => Promise<void>,
) {
  let cursor: string | undefined;
  do {
    const page = await query(cursor);
    await each(page);
    cursor = page.cursor;
  } while (cursor);
}
