import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../functions/core/approvals/reconcile.js';
import { withSignal } from '../../../functions/core/approvals/signals.js';
import { businessCertificate } from '../../../functions/core/catalog/services/business-certificate.js';
import {
  pendingSignalOf,
  type RequestEvent,
  type RequestStatus,
  type ServiceRequest,
} from '../../../functions/core/requests/requests.js';
import type {
  ExecutionStatus,
  Notification,
  PendingSignalQuery,
  RequestChange,
  RequestStore,
  VillageDirectory,
  VillageQuery,
  Workflow,
} from '../../../functions/core/shared/ports.js';
import type { Village } from '../../../functions/core/villages/places.js';
import { catalogOf } from '../../support/catalog.js';

const NOW = new Date('2026-05-01T10:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const DAY_MINUTES = 24 * 60;
const OPTIONS = { olderThanSeconds: 120, stuckAfterSeconds: 3600, executionTimeoutSeconds: 30 * 24 * 3600 };

function request(id: string, villageCode: string, createdAt: string, status: RequestStatus = 'SUBMITTED') {
  return {
    id,
    villageCode,
    createdAt,
    updatedAt: createdAt,
    status,
    version: 1,
    stageIndex: 0,
    serviceCode: businessCertificate.code,
    trackingCode: `DD-${id}`,
    applicant: { subject: 'warga', name: 'Warga' },
    data: {},
  } as ServiceRequest;
}

/** In-memory ports: the village inboxes (newest first, in pages of `pageSize`), signals, executions. */
function fakes(
  requests: ServiceRequest[],
  options: {
    pageSize?: number;
    failingVillage?: string;
    failingStart?: string;
    executions?: Record<string, ExecutionStatus>;
    /** Tokens SendTaskSuccess answers for: 'gone' (no task waits), 'down' (throws), else sent. */
    tokens?: Record<string, 'gone' | 'down'>;
  } = {},
) {
  const records = new Map(requests.map((item) => [item.id, item]));
  const events: RequestEvent[] = [];
  const queries: VillageQuery[] = [];
  const started: string[] = [];
  const sent: string[] = [];
  const notified: Notification[] = [];
  const page = <T>(items: T[], cursor: string | undefined, limit: number) => {
    const from = Number(cursor ?? 0);
    const next = from + (options.pageSize ?? limit);
    return { items: items.slice(from, next), ...(next < items.length ? { cursor: String(next) } : {}) };
  };
  const fail = (villageCode: string) => {
    if (villageCode === options.failingVillage)
      throw Object.assign(new Error('boom'), { name: 'ThrottlingException' });
  };
  const store = {
    async get(id: string) {
      return records.get(id);
    },
    async listByVillage(query: VillageQuery) {
      queries.push(query);
      fail(query.villageCode);
      const matching = [...records.values()]
        .filter((item) => item.villageCode === query.villageCode && item.status === query.status)
        .filter((item) => !query.createdBefore || item.createdAt < query.createdBefore)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return page(matching, query.cursor, query.limit);
    },
    async pendingSignals(query: PendingSignalQuery) {
      fail(query.villageCode);
      const matching = [...records.values()]
        .filter((item) => item.villageCode === query.villageCode)
        .flatMap((item) => {
          const signal = pendingSignalOf(item);
          return signal && signal.at < query.before ? [item.id] : [];
        });
      const { items, cursor } = page(matching, query.cursor, query.limit);
      return { ids: items, ...(cursor ? { cursor } : {}) };
    },
    async clearSignal(id: string, version: number) {
      const item = records.get(id);
      if (item?.version !== version) return;
      const { pendingSignal: _cleared, ...rest } = item;
      records.set(id, rest);
    },
    async update({ request: changed, expectedVersion, event }: RequestChange) {
      if (records.get(changed.id)?.version !== expectedVersion) return false;
      records.set(changed.id, changed);
      if (event) events.push(event);
      return true;
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
    async resume(token) {
      const answer = options.tokens?.[token];
      if (answer === 'down') throw Object.assign(new Error('down'), { name: 'ServiceUnavailable' });
      if (answer === 'gone') return 'gone';
      sent.push(token);
      return 'sent';
    },
    executionStatus: async (id) => options.executions?.[id],
  };
  const deps = {
    requests: store,
    villages,
    workflow,
    clock: { now: () => NOW },
    catalog: catalogOf([businessCertificate]),
    notifier: { notify: async (notification: Notification) => void notified.push(notification) },
    staff: { staffWithRole: async () => [] },
  };
  return { deps, records, events, queries, started, sent, notified };
}

/** A request whose decision was written (version 2) with its signal, `minutes` ago. */
function decided(id: string, villageCode: string, minutes: number, outcome: 'await' | 'closed' = 'await') {
  const at = minutesAgo(minutes);
  const written = { ...request(id, villageCode, minutesAgo(minutes + 60), 'IN_REVIEW'), version: 2 };
  const next =
    outcome === 'await'
      ? ({
          outcome: 'await',
          stage: { index: 1, key: 'sign', role: 'village_head', deadlineSeconds: 60 },
        } as const)
      : ({ outcome: 'closed' } as const);
  return withSignal(written, `token-${id}`, next, at);
}

describe('reconcile', () => {
  it('restarts every SUBMITTED request older than the threshold in every village, page by page, and leaves young ones', async () => {
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
    const report = await reconcile(deps, OPTIONS);

    // Assess
    expect(started.sort()).toEqual(['old-a1', 'old-a2', 'old-a3', 'old-b']);
    expect(report).toMatchObject({ villages: 3, submitted: 5, stuck: ['old-a3'], failures: [], closed: [] });
    const restartQueries = queries.filter((query) => !query.createdBefore);
    expect(restartQueries.every((query) => query.status === 'SUBMITTED')).toBe(true);
    expect(restartQueries.filter((query) => query.villageCode === 'A')).toHaveLength(2);
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
    const report = await reconcile(deps, OPTIONS);

    // Assess: each of B's three queries failed on its own; A was done but for a1
    expect(started).toEqual(['a2']);
    const failed = (failure: { requestId?: string; villageCode: string }) =>
      `${failure.villageCode} ${failure.requestId ?? '-'}`;
    expect(report.failures.map(failed).sort()).toEqual(['A a1', 'B -', 'B -', 'B -']);
    expect(report.failures).toContainEqual({
      requestId: 'a1',
      villageCode: 'A',
      error: 'ServiceUnavailable',
    });
    expect(report.failures).toContainEqual({ villageCode: 'B', error: 'ThrottlingException' });
  });

  it('re-sends pending signals past the grace period, drops those no task waits for, and keeps failing ones', async () => {
    // Prepare
    const { deps, records, sent } = fakes(
      [
        decided('lost', 'A', 10),
        decided('young', 'A', 1),
        decided('moved-on', 'A', 10),
        decided('down', 'B', 10),
        // settled: the workflow wrote the request again after the decision (version 3)
        { ...decided('settled', 'B', 10), version: 3 },
      ],
      { tokens: { 'token-moved-on': 'gone', 'token-down': 'down' } },
    );

    // Act
    const first = await reconcile(deps, OPTIONS);
    const second = await reconcile(deps, OPTIONS);

    // Assess
    expect(first).toMatchObject({ resent: ['lost'], dropped: ['moved-on'] });
    expect(first.failures).toEqual([{ requestId: 'down', villageCode: 'B', error: 'ServiceUnavailable' }]);
    expect(sent).toEqual(['token-lost', 'token-lost']); // sent until the workflow's next write settles it
    expect(records.get('moved-on')?.pendingSignal).toBeUndefined();
    expect(pendingSignalOf(records.get('down') as ServiceRequest)).toBeDefined();
    expect(second).toMatchObject({ dropped: [] });
  });

  it('clears a closing signal once it is sent: no workflow write follows a rejection', async () => {
    // Prepare
    const { deps, records } = fakes([decided('rejected', 'A', 10, 'closed')]);

    // Act
    const first = await reconcile(deps, OPTIONS);
    const second = await reconcile(deps, OPTIONS);

    // Assess
    expect(first.resent).toEqual(['rejected']);
    expect(records.get('rejected')?.pendingSignal).toBeUndefined();
    expect(second.resent).toEqual([]);
  });

  it('closes open requests older than the execution timeout whose execution ended, once, and leaves running ones', async () => {
    // Prepare
    const old = minutesAgo(31 * DAY_MINUTES);
    const { deps, records, events, notified } = fakes(
      [
        request('timed-out', 'A', old, 'IN_REVIEW'),
        request('aborted', 'A', old, 'RETURNED'),
        request('running', 'A', old, 'IN_REVIEW'),
        request('young', 'A', minutesAgo(10), 'IN_REVIEW'),
        request('issued', 'A', old, 'ISSUED'),
      ],
      {
        executions: { 'timed-out': 'TIMED_OUT', aborted: 'ABORTED', running: 'RUNNING', young: 'TIMED_OUT' },
      },
    );

    // Act
    const first = await reconcile(deps, OPTIONS);
    const second = await reconcile(deps, OPTIONS);

    // Assess
    expect([...first.closed].sort()).toEqual(['aborted', 'timed-out']);
    expect(second.closed).toEqual([]);
    expect(records.get('timed-out')).toMatchObject({ status: 'EXPIRED', version: 2 });
    expect(records.get('timed-out')?.awaiting).toBeUndefined();
    expect(records.get('aborted')).toMatchObject({ status: 'FAILED' });
    expect(records.get('running')?.status).toBe('IN_REVIEW');
    expect(records.get('young')?.status).toBe('IN_REVIEW');
    expect(events.map((event) => [event.requestId, event.type, event.status]).sort()).toEqual([
      ['aborted', 'WORKFLOW_FAILED', 'FAILED'],
      ['timed-out', 'WORKFLOW_TIMED_OUT', 'EXPIRED'],
    ]);
    // The applicant (no contact left) is recorded as not told of the expiry, which they must act on; a
    // failure needs nothing from them (the office handles it) and goes by e-mail only, which they have not.
    expect(new Set(notified.map((notification) => notification.requestId))).toEqual(new Set(['timed-out']));
  });
});
