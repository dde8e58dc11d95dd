import { vi } from 'vitest';

/**
 * Time budgets for the heavy tests (issue 10, item 10). `npm test` runs on shared machines: CI and people run
 * it with other test runs on the same two cores, where a test can take three to four times as long as alone.
 * A heavy test's budget is at least five times its duration alone on an idle 2-core machine, so it fails
 * only when something is really stuck, never because the machine is busy. Measured alone (2 vCPU):
 * access matrix ≈ 30 s after ≈ 15 s of set-up; each 10,000-body property ≈ 20–40 s; 1,000 concurrent
 * calls ≈ 10–20 s.
 */
export const HEAVY_TEST_BUDGET_MS = 300_000;

/** Starting a local runtime (DynamoDB Local is a JVM that starts cold) and preparing shared records. */
export const HEAVY_SETUP_BUDGET_MS = 300_000;

/** Gives every test and hook of the calling file the heavy budgets (test files run isolated, one per worker). */
export function heavyTestFile(): void {
  vi.setConfig({ testTimeout: HEAVY_TEST_BUDGET_MS, hookTimeout: HEAVY_SETUP_BUDGET_MS });
}
