import type { Clock, RequestStore, VillageDirectory, Workflow } from './ports.js';

export interface ReconcileDeps {
  readonly requests: RequestStore;
  readonly villages: VillageDirectory;
  readonly workflow: Workflow;
  readonly clock: Clock;
}

export interface ReconcileOptions {
  /** Requests submitted more recently than this are left alone: their workflow is probably starting. */
  readonly olderThanSeconds: number;
  /**
   * A request still SUBMITTED this long after it was written is reported as stuck (an operator should look:
   * restarting it has not helped, e.g. its execution ended without moving it on).
   */
  readonly stuckAfterSeconds: number;
  /** Villages queried at once. @default 8 */
  readonly concurrency?: number;
}

export interface ReconcileReport {
  readonly villages: number;
  /** Requests found in SUBMITTED, young ones included. */
  readonly submitted: number;
  /** Requests whose workflow was (re)started: starting is idempotent, so a running one is left as it is. */
  readonly restarted: readonly string[];
  readonly stuck: readonly string[];
  readonly failures: readonly {
    readonly requestId?: string;
    readonly villageCode: string;
    readonly error: string;
  }[];
}

const PAGE_SIZE = 100;

/**
 * Finds requests left in SUBMITTED and starts their workflow again (DESIGN.md §2: "submitting is never lost").
 * Primary course: for every village of the directory, query its SUBMITTED inbox (one index partition per
 * village, no Scan), and for each request older than `olderThanSeconds` start the workflow with the
 * request id as execution name. A request normally leaves SUBMITTED within a second, so these partitions
 * are nearly always empty; the cost is one small query per village per run.
 * One village or request failing does not stop the others: failures are reported.
 */
export async function reconcileSubmitted(
  deps: ReconcileDeps,
  options: ReconcileOptions,
): Promise<ReconcileReport> {
  const now = deps.clock.now().getTime();
  const restartBefore = new Date(now - options.olderThanSeconds * 1000).toISOString();
  const stuckBefore = new Date(now - options.stuckAfterSeconds * 1000).toISOString();
  const villages = await deps.villages.list();
  const restarted: string[] = [];
  const stuck: string[] = [];
  const failures: { requestId?: string; villageCode: string; error: string }[] = [];
  let submitted = 0;

  const reconcileVillage = async (villageCode: string) => {
    let cursor: string | undefined;
    do {
      const page = await deps.requests.listByVillage({
        villageCode,
        status: 'SUBMITTED',
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      submitted += page.items.length;
      for (const request of page.items) {
        if (request.status !== 'SUBMITTED' || request.createdAt > restartBefore) continue;
        if (request.createdAt <= stuckBefore) stuck.push(request.id);
        try {
          await deps.workflow.start(request.id);
          restarted.push(request.id);
        } catch (error) {
          failures.push({ requestId: request.id, villageCode, error: errorName(error) });
        }
      }
      cursor = page.cursor;
    } while (cursor);
  };

  await forEachLimited(
    villages.map((village) => village.code),
    options.concurrency ?? 8,
    async (villageCode) => {
      try {
        await reconcileVillage(villageCode);
      } catch (error) {
        failures.push({ villageCode, error: errorName(error) });
      }
    },
  );
  return { villages: villages.length, submitted, restarted, stuck, failures };
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : 'Error');

async function forEachLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
