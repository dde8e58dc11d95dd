import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoUser } from '../config/demo-users.js';
import { type LocalRuntime, startLocalRuntime } from '../lib/local/runtime.js';
import { ApiClient } from '../test/support/runtime.js';

export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  readonly n: number;
}

export const percentiles = (samples: readonly number[]): Percentiles => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN, mean, n: sorted.length };
};

/**
 * Where the benchmark keeps the runtime's data: memory-backed /dev/shm when there is one. On small VMs
 * DynamoDB Local's disk syncs, not the platform, dominate every write (≈3× slower on this project's VM), and
 * those syncs say nothing about DynamoDB in AWS. The storage used is printed with the results.
 */
export const BENCH_STORAGE = existsSync('/dev/shm') ? '/dev/shm (tmpfs)' : `${tmpdir()} (disk)`;
const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export interface InvocationStats {
  count: number;
  totalMs: number;
  failed: number;
  samples: number[];
}

export type BenchRuntime = LocalRuntime & {
  /** Per handler module: how often and how long it ran (in this process: warm, no network hop). */
  readonly invocations: Map<string, InvocationStats>;
  resetCounters(): void;
  /** A client signed in as any user the local issuer can sign. */
  clientAs(user: DemoUser): Promise<ApiClient>;
  close(): Promise<void>;
};

/** The local runtime with its fault proxies (used here to count calls and DynamoDB capacity units). */
export async function startBenchRuntime(): Promise<BenchRuntime> {
  const dataDir = await mkdtemp(join(scratch, 'desa-bench-'));
  const invocations = new Map<string, InvocationStats>();
  const runtime = await startLocalRuntime({
    dataDir,
    port: 0,
    proxies: true,
    reconcileEveryMs: 0,
    // Reminder digests are modelled (cost-model.ts STAFF_REMINDER_PEAK), not run amid the measurements.
    digestEveryMs: 0,
    // Stale village websites are rendered only when asked, not amid the measurements.
    siteRenderEveryMs: 0,
    // The load measures play a few accounts for thousands of requests: the abuse limits are raised.
    limits: { submissionsPerAccountPerDay: 1_000_000, messagesPerDestinationPerDay: 1_000_000 },
    onInvoke: (entry, ms, failed) => {
      const stats = invocations.get(entry) ?? { count: 0, totalMs: 0, failed: 0, samples: [] };
      stats.count += 1;
      stats.totalMs += ms;
      if (failed) stats.failed += 1;
      stats.samples.push(ms);
      invocations.set(entry, stats);
    },
  });
  return {
    ...runtime,
    invocations,
    resetCounters: () => {
      invocations.clear();
      for (const proxy of Object.values(runtime.proxies ?? {})) proxy.resetStats();
    },
    clientAs: async (user) => new ApiClient(runtime.url, await runtime.issuer.sign(user)),
    close: async () => {
      await runtime.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` every `everyMs` until it returns a value (finer than the tests' 50 ms, for timings). */
export async function poll<T>(
  what: string,
  check: () => Promise<T | undefined>,
  everyMs = 5,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
) {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T, index);
      }
    }),
  );
  return results;
}

/**
 * Waits until the runtime is quiet: every running execution waits for a person (its stage opened), so no
 * workflow work from an earlier measure spills into the next one's counts or timings.
 */
export async function settle(runtime: BenchRuntime): Promise<void> {
  await poll(
    'the workflows to settle',
    async () =>
      runtime.stepFunctions.listExecutions('RUNNING').every((execution) => execution.waiting.length > 0)
        ? true
        : undefined,
    100,
    600_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 1000)); // the stage-opening writes that follow a claim
}
