import { describe, expect, it } from 'vitest';
import type { Village } from '../../../functions/core/places.js';
import type {
  RequestStore,
  VillageDirectory,
  VillageQuery,
  Workflow,
} from '../../../functions/core/ports.js';
import { reconcileSubmitted } from '../../../functions/core/reconcile.js';
import type { RequestStatus, ServiceRequest } from '../../../functions/core/requests.js';

const NOW = new Date('2026-05-01T10:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

function request(id: string, villageCode: string, createdAt: string, status: RequestStatus = 'SUBMITTED') {
  return { id, villageCode, createdAt, status } as ServiceRequest;
}

/** In-memory ports: a village's SUBMITTED inbox, newest first, in pages of `pageSize`. */
function fakes(
  requests: ServiceRequest[],
  options: { pageSize?: number; failingVillage?: string; failingStart?: string } = {},
) {
  const queries: VillageQuery[] = [];
  const started: string[] = [];
  const store = {
    async listByVillage(query: VillageQuery) {
      queries.push(query);
      if (query.villageCode === options.failingVillage)
        throw Object.assign(new Error('boom'), { name: 'ThrottlingException' });
      const matching = requests
        .filter((item) => item.villageCode === query.villageCode && item.status === query.status)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const from = Number(query.cursor ?? 0);
      const size = options.pageSize ?? query.limit;
      const next = from + size;
      return {
        items: matching.slice(from, next),
        ...(next < matching.length ? { cursor: String(next) } : {}),
      };
    },
  } as unknown as RequestStore;
  const villages: VillageDirectory = {
    get: async () => undefined,
    list: async () =>
      [...new Set(requests.map((item) => item.villageCode)), 'empty'].map((code) => ({ code }) as Village),
  };
  const workflow: Workflow = {
    async start(id) {
      if (id === options.failingStart) throw Object.assign(new Error('down'), { name: 'ServiceUnavailable' });
      started.push(id);
    },
    resume: async () => undefined,
  };
  return { deps: { requests: store, villages, workflow, clock: { now: () => NOW } }, queries, started };
}

describe('reconcileSubmitted', () => {
  it('restarts every request older than the threshold in every village, page by page, and leaves young ones', async () => {
    // Prepare
    const { deps, queries, started } = fakes(
      [
        request('old-a1', 'A', minutesAgo(10)),
        request('old-a2', 'A', minutesAgo(30)),
        request('old-a3', 'A', minutesAgo(90)),
        request('young-a', 'A', minutesAgo(1)),
        request('old-b', 'B', minutesAgo(5)),
        request('moving-b', 'B', minutesAgo(50), 'IN_REVIEW'),
      ],
      { pageSize: 2 },
    );

    // Act
    const report = await reconcileSubmitted(deps, { olderThanSeconds: 120, stuckAfterSeconds: 3600 });

    // Assess
    expect(started.sort()).toEqual(['old-a1', 'old-a2', 'old-a3', 'old-b']);
    expect(report).toMatchObject({ villages: 3, submitted: 5, stuck: ['old-a3'], failures: [] });
    expect(queries.every((query) => query.status === 'SUBMITTED')).toBe(true);
    expect(queries.filter((query) => query.villageCode === 'A')).toHaveLength(2);
  });

  it('goes on with the other villages and requests when one fails, and reports what failed', async () => {
    // Prepare
    const { deps, started } = fakes(
      [
        request('a1', 'A', minutesAgo(10)),
        request('a2', 'A', minutesAgo(11)),
        request('b1', 'B', minutesAgo(10)),
      ],
      { failingVillage: 'B', failingStart: 'a1' },
    );

    // Act
    const report = await reconcileSubmitted(deps, { olderThanSeconds: 60, stuckAfterSeconds: 3600 });

    // Assess
    expect(started).toEqual(['a2']);
    expect(report.failures).toEqual([
      { requestId: 'a1', villageCode: 'A', error: 'ServiceUnavailable' },
      { villageCode: 'B', error: 'ThrottlingException' },
    ]);
  });
});
