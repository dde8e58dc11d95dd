import { forEachLimited } from '../shared/limited.js';
import type { Clock, VillageDirectory } from '../shared/ports.js';

/**
 * A village whose site is behind what it shows: something it shows changed after the last render (a legal
 * product entered, amended or revoked, a budget adopted, a realisation recorded). Every mark gets a new
 * `markId`: the job clears a mark only if no change marked it again while it rendered.
 */
export interface StaleMark {
  readonly villageCode: string;
  /** When the site first fell behind (the oldest change not rendered yet). */
  readonly staleSince: string;
  /** Unique to the latest mark (never reused, even after the mark was cleared and set again). */
  readonly markId: string;
}

/** The stale marks (functions/adapters/dynamo-stale-sites.ts): one small item per village, one partition. */
export interface StaleSiteStore {
  /** Marks the village's site stale: keeps `staleSince` if already marked, always gives a new `markId`. */
  mark(villageCode: string, at: Date): Promise<void>;
  /** Every mark. */
  list(): Promise<StaleMark[]>;
  /**
   * Removes the mark if its `markId` is still the one read (or it is gone already); false when it was marked
   * again meanwhile.
   */
  clear(mark: StaleMark): Promise<boolean>;
}

/** What a change the site shows calls after its own write succeeded. Never rejects. */
export type SiteChanged = (villageCode: string) => Promise<void>;

/**
 * The mark written after a change the site shows. The change is written already, and is not undone nor
 * failed for a mark that could not be written: `failed` is told (the function logs it), and the daily
 * render of every site (renderStaleSites with `all`) brings that village's site up to date.
 */
export function siteChanged(deps: {
  readonly marks: Pick<StaleSiteStore, 'mark'>;
  readonly clock: Clock;
  readonly failed: (villageCode: string, error: unknown) => void;
}): SiteChanged {
  return async (villageCode) => {
    try {
      await deps.marks.mark(villageCode, deps.clock.now());
    } catch (error) {
      deps.failed(villageCode, error);
    }
  };
}

export interface StaleRenderDeps {
  readonly marks: StaleSiteStore;
  readonly villages: Pick<VillageDirectory, 'list'>;
  /** Renders one village's whole site (publish-site.ts renderVillageSite). */
  readonly render: (villageCode: string) => Promise<unknown>;
  readonly clock: Clock;
  /** How long the run may still take (the Lambda's remaining time); without it, no limit. */
  readonly timeLeftMs?: () => number;
}

export interface StaleRenderOptions {
  /** Marks every village first (the daily run: the agenda's "upcoming" and the dates roll over). */
  readonly all?: boolean;
  /** @default RENDER_CONCURRENCY */
  readonly concurrency?: number;
}

export interface StaleRenderSummary {
  /** Villages marked by this run (`all`). */
  readonly marked: number;
  /** Marks found. */
  readonly stale: number;
  readonly rendered: number;
  /** Marked again during their render: left for the next run, which renders them again. */
  readonly markedAgain: number;
  /** Renders (or clearing their mark) that failed: the mark stays, the next run tries again. */
  readonly failed: readonly { readonly villageCode: string; readonly error: string }[];
  /** Not started for want of time (their mark stays). */
  readonly deferred: number;
  /** Milliseconds per render (mean, slowest), 0 when none ran. */
  readonly renderMs: { readonly mean: number; readonly max: number };
  /** The oldest mark found: how far behind the most lagging site was. */
  readonly oldestStaleSince?: string;
}

/** Renders at once: each reads its village's items, budget and products, then writes four files. */
export const RENDER_CONCURRENCY = 6;
/** No render starts with less time left than this (a render takes well under a second; writes may retry). */
export const RENDER_MARGIN_MS = 20_000;

/**
 * The scheduled render (issue 12): every village marked stale gets its whole site rendered again, and its
 * mark is cleared unless a change marked it again meanwhile (that change may have been read too late by
 * the render). A failed render, or one not started for want of time, keeps its mark for the next run.
 * Oldest marks first, so a village cannot be starved by a long queue.
 */
export async function renderStaleSites(
  deps: StaleRenderDeps,
  options: StaleRenderOptions = {},
): Promise<StaleRenderSummary> {
  let marked = 0;
  if (options.all) {
    const villages = await deps.villages.list();
    const at = deps.clock.now();
    await forEachLimited(villages, MARK_CONCURRENCY, async (village) => {
      await deps.marks.mark(village.code, at);
      marked++;
    });
  }
  const marks = renderOrder(await deps.marks.list());
  const timings: number[] = [];
  const failed: { villageCode: string; error: string }[] = [];
  let markedAgain = 0;
  let deferred = 0;
  await forEachLimited(marks, options.concurrency ?? RENDER_CONCURRENCY, async (mark) => {
    if (deps.timeLeftMs && deps.timeLeftMs() < RENDER_MARGIN_MS) {
      deferred++;
      return;
    }
    const started = performance.now();
    try {
      await deps.render(mark.villageCode);
      timings.push(performance.now() - started);
      if (!(await deps.marks.clear(mark))) markedAgain++;
    } catch (error) {
      failed.push({ villageCode: mark.villageCode, error: error instanceof Error ? error.name : 'Error' });
    }
  });
  return {
    marked,
    stale: marks.length,
    rendered: timings.length,
    markedAgain,
    failed,
    deferred,
    renderMs: meanAndMax(timings),
    ...(marks[0] ? { oldestStaleSince: marks[0].staleSince } : {}),
  };
}

/** Marks written at once by the daily run (small conditional-free updates). */
const MARK_CONCURRENCY = 16;

/** Oldest first; villages marked at the same moment by code, so runs are repeatable. */
export const renderOrder = (marks: readonly StaleMark[]): StaleMark[] =>
  [...marks].sort(
    (a, b) => a.staleSince.localeCompare(b.staleSince) || a.villageCode.localeCompare(b.villageCode),
  );

export function meanAndMax(milliseconds: readonly number[]): { mean: number; max: number } {
  if (milliseconds.length === 0) return { mean: 0, max: 0 };
  const total = milliseconds.reduce((sum, value) => sum + value, 0);
  return { mean: Math.round(total / milliseconds.length), max: Math.round(Math.max(...milliseconds)) };
}
