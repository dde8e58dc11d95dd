import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const LOGS_ROOT = resolve(import.meta.dirname, '../../test-results/logs');
/** Earlier runs kept for inspection; older ones are removed once they are an hour old (never a run in progress). */
const RUNS_KEPT = 10;
const HOUR = 3_600_000;

/** Starts the lines of each test file in a captured log. */
export const FILE_MARKER = '### test file: ';

/**
 * NIK-like numbers in a line: a run of 16 or more digits, or 16 digits in four groups of four (spaces, dots
 * or dashes), standing as a token of its own. Digits glued to letters are not counted: a hexadecimal hash or
 * a base64 token holds 16 digits in a row often enough to make the check flaky, and the application writes
 * a NIK as a value (quoted, after a colon or a space), not glued to a word.
 */
const NIK_LIKE = /(?<![A-Za-z0-9])(?:\d{16,}|\d{4}([ .-])\d{4}\1\d{4}\1\d{4})(?![A-Za-z0-9])/;

export const hasNikLike = (line: string): boolean => !line.startsWith(FILE_MARKER) && NIK_LIKE.test(line);

/** The line with every NIK-like number hidden, to report a finding without repeating it. */
export const hideNikLike = (line: string): string =>
  line.replace(new RegExp(NIK_LIKE.source, 'g'), (match) => `${match.slice(0, 6)}…(${match.length} chars)`);

/**
 * vitest globalSetup: gives the run a directory for the captured log lines of its workers
 * (test/support/log-capture.ts, a setup file), and, once every test has run, scans them all: a NIK-like
 * number in any line fails the run, naming the log file, the line and the test file that was running. The
 * failure message hides the number itself, so the check does not leak what it found into CI's output.
 */
export default function setup(project: TestProject) {
  const runId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
  const dir = join(LOGS_ROOT, runId);
  mkdirSync(dir, { recursive: true });
  pruneOldRuns();
  project.provide('logCaptureDir', dir);

  return () => {
    const findings = scanRun(dir);
    if (findings.length === 0) return;
    const shown = findings.slice(0, 20).map((finding) => `  ${finding}`);
    const message = [
      `NIK-like numbers in ${findings.length} captured log line(s): no NIK or family-card number may be logged.`,
      ...shown,
      ...(findings.length > shown.length ? [`  … and ${findings.length - shown.length} more`] : []),
      `Captured logs: ${relative(process.cwd(), dir)}`,
    ].join('\n');
    // vitest reports an error thrown here but still exits 0: the exit code fails the run.
    process.stderr.write(`\n${message}\n`);
    process.exitCode = 1;
  };
}

/** Every line with a NIK-like number, as "<log file>:<line> (<test file>): <line, number hidden>". */
export function scanRun(dir: string): string[] {
  const findings: string[] = [];
  if (!existsSync(dir))
    return [`${relative(process.cwd(), dir)}: the captured logs are gone; nothing was scanned`];
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.log'))) {
    const path = join(dir, name);
    let testFile = 'before any test file';
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (line.startsWith(FILE_MARKER)) testFile = relative(process.cwd(), line.slice(FILE_MARKER.length));
        else if (hasNikLike(line)) {
          findings.push(
            `${relative(process.cwd(), path)}:${index + 1} (${testFile}): ${hideNikLike(line).slice(0, 240)}`,
          );
        }
      });
  }
  return findings;
}

function pruneOldRuns(): void {
  const runs = readdirSync(LOGS_ROOT).sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - RUNS_KEPT))) {
    const path = join(LOGS_ROOT, old);
    const written = Math.max(
      statSync(path).mtimeMs,
      ...readdirSync(path).map((file) => statSync(join(path, file)).mtimeMs),
    );
    if (Date.now() - written > HOUR) rmSync(path, { recursive: true, force: true });
  }
}
