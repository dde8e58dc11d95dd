import { describe, expect, it } from 'vitest';
import {
  meanAndMax,
  RENDER_MARGIN_MS,
  renderStaleSites,
  type StaleMark,
  type StaleSiteStore,
  siteChanged,
} from '../../../functions/core/website/stale-sites.js';

const NOW = new Date('2026-12-02T03:00:00.000Z');
const clock = { now: () => NOW };
const village = (code: string) => ({ code }) as never;

/** The marks in memory, with the table's semantics: a mark keeps its first time and gets a new id. */
function memoryMarks() {
  const marks = new Map<string, StaleMark>();
  let marked = 0;
  const store: StaleSiteStore = {
    mark: async (villageCode, at) => {
      const previous = marks.get(villageCode);
      marks.set(villageCode, {
        villageCode,
        staleSince: previous?.staleSince ?? at.toISOString(),
        markId: `${at.toISOString()}#${++marked}`,
      });
    },
    list: async () => [...marks.values()],
    clear: async (mark) => {
      const current = marks.get(mark.villageCode);
      if (current && current.markId !== mark.markId) return false;
      marks.delete(mark.villageCode);
      return true;
    },
  };
  return { store, marks };
}

describe('stale site marks', () => {
  it('keeps the first time a site fell behind and counts every later change', async () => {
    const { store, marks } = memoryMarks();
    let now = NOW;
    const changed = siteChanged({ marks: store, clock: { now: () => now }, failed: () => undefined });
    await changed('A');
    now = new Date('2026-12-02T04:00:00Z');
    await changed('A');
    expect(marks.get('A')).toEqual({
      villageCode: 'A',
      staleSince: NOW.toISOString(),
      markId: '2026-12-02T04:00:00.000Z#2',
    });
  });

  it('never fails the change that calls it: a mark that cannot be written is reported', async () => {
    const failures: string[] = [];
    const changed = siteChanged({
      marks: { mark: async () => Promise.reject(new Error('throttled')) },
      clock,
      failed: (villageCode, error) => failures.push(`${villageCode}: ${(error as Error).message}`),
    });
    await expect(changed('A')).resolves.toBeUndefined();
    expect(failures).toEqual(['A: throttled']);
  });
});

describe('the scheduled render of stale sites', () => {
  const deps = (store: StaleSiteStore, render: (code: string) => Promise<unknown>) => ({
    marks: store,
    villages: { list: async () => ['A', 'B', 'C'].map(village) },
    render,
    clock,
  });

  it('renders the marked villages only, oldest mark first, and clears their marks', async () => {
    const { store, marks } = memoryMarks();
    await store.mark('C', new Date('2026-12-02T01:00:00Z'));
    await store.mark('B', new Date('2026-12-02T02:00:00Z'));
    const rendered: string[] = [];
    const summary = await renderStaleSites(
      deps(store, async (code) => rendered.push(code)),
      { concurrency: 1 },
    );
    expect(rendered).toEqual(['C', 'B']);
    expect(marks.size).toBe(0);
    expect(summary).toMatchObject({
      marked: 0,
      stale: 2,
      rendered: 2,
      markedAgain: 0,
      failed: [],
      deferred: 0,
      oldestStaleSince: '2026-12-02T01:00:00.000Z',
    });
  });

  it('keeps a mark set again while its village rendered: the change may have come too late for that render', async () => {
    const { store, marks } = memoryMarks();
    await store.mark('A', NOW);
    const summary = await renderStaleSites(
      deps(store, async (code) => {
        await store.mark(code, new Date(NOW.getTime() + 1000)); // a realisation recorded meanwhile
      }),
    );
    expect(summary).toMatchObject({ rendered: 1, markedAgain: 1 });
    expect(marks.get('A')).toMatchObject({
      markId: '2026-12-02T03:00:01.000Z#2',
      staleSince: NOW.toISOString(),
    });
    // The next run renders it again, and clears it
    const next = await renderStaleSites(deps(store, async () => undefined));
    expect(next).toMatchObject({ rendered: 1, markedAgain: 0 });
    expect(marks.size).toBe(0);
  });

  it('counts a mark an overlapping run cleared first as cleared, not as marked again', async () => {
    const { store, marks } = memoryMarks();
    await store.mark('A', NOW);
    const [read] = await store.list();
    const summary = await renderStaleSites(
      deps(store, async () => {
        if (read) await store.clear(read); // the other run, done first
      }),
    );
    expect(summary).toMatchObject({ rendered: 1, markedAgain: 0 });
    expect(marks.size).toBe(0);
  });

  it('keeps the mark of a render that failed, reports it, and renders the others', async () => {
    const { store, marks } = memoryMarks();
    await store.mark('A', NOW);
    await store.mark('B', NOW);
    const summary = await renderStaleSites(
      deps(store, async (code) => {
        if (code === 'A') throw Object.assign(new Error('slow down'), { name: 'SlowDown' });
      }),
    );
    expect(summary.failed).toEqual([{ villageCode: 'A', error: 'SlowDown' }]);
    expect(summary.rendered).toBe(1);
    expect([...marks.keys()]).toEqual(['A']);
  });

  it('starts no render with too little time left, leaving those marks for the next run', async () => {
    const { store, marks } = memoryMarks();
    await store.mark('A', NOW);
    await store.mark('B', NOW);
    let left = RENDER_MARGIN_MS + 1;
    const summary = await renderStaleSites(
      {
        ...deps(store, async () => {
          left = RENDER_MARGIN_MS - 1;
        }),
        timeLeftMs: () => left,
      },
      { concurrency: 1 },
    );
    expect(summary).toMatchObject({ rendered: 1, deferred: 1 });
    expect([...marks.keys()]).toEqual(['B']);
  });

  it('marks and renders every village in the daily run', async () => {
    const { store, marks } = memoryMarks();
    const rendered: string[] = [];
    const summary = await renderStaleSites(
      deps(store, async (code) => rendered.push(code)),
      { all: true },
    );
    expect(rendered.sort()).toEqual(['A', 'B', 'C']);
    expect(summary).toMatchObject({ marked: 3, stale: 3, rendered: 3 });
    expect(marks.size).toBe(0);
  });

  it('sums up render times as a whole-millisecond mean and maximum', () => {
    expect(meanAndMax([])).toEqual({ mean: 0, max: 0 });
    expect(meanAndMax([10.4, 20.2, 31.6])).toEqual({ mean: 21, max: 32 });
  });
});
