import { defineConfig } from 'vitest/config';

/**
 * Unit tests run in parallel; integration and e2e files each start their own local runtime (DynamoDB
 * Local is a JVM), so at most two test files run at once on a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Budgets that hold when other test runs share the two cores (heavy files raise theirs: test/support/budgets.ts).
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Every worker's output is captured; at the end of the run it is scanned for NIKs (log-scan.ts).
    globalSetup: ['./test/support/log-scan.ts'],
    setupFiles: ['./test/support/log-capture.ts'],
    // The default report for people, then one plain closing line for CI (see the reporter's comment).
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
  },
});
