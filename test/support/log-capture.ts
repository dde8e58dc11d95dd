import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { beforeAll, expect, inject } from 'vitest';
import { FILE_MARKER } from './log-scan.js';

/**
 * Captures every line a test worker writes (process.stdout, process.stderr and the console, which vitest
 * routes around stdout) into `<run dir>/<pid>.log`, where the run directory comes from the global setup
 * (test/support/log-scan.ts), which scans all of them for NIK-like numbers when the run ends. The local
 * runtime runs every Lambda handler inside the worker, so the application's log lines land here too.
 *
 * Loaded for every test file through vitest `setupFiles`; it installs itself once per process (and once per
 * console object), and marks where each test file starts so a finding names the test that produced it.
 * Tests can also read what was captured in their own worker (`captureMark` / `capturedSince`).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run's captured log lines go (test-results/logs/<run id>). */
    logCaptureDir: string;
  }
}

interface CaptureState {
  readonly fd: number | undefined;
  readonly lines: string[];
  /** Set while a console call is being captured, so its own write to stdout is not captured twice. */
  inConsole: boolean;
}

const STATE = Symbol.for('desa-digital.log-capture');
const PATCHED = Symbol.for('desa-digital.log-capture.patched');
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

type Patchable = { [PATCHED]?: true };

function state(): CaptureState {
  const holder = globalThis as { [STATE]?: CaptureState };
  if (!holder[STATE]) {
    let fd: number | undefined;
    const dir = safeInject();
    if (dir) {
      const file = openSync(join(dir, `${process.pid}.log`), 'a');
      fd = file;
      process.once('exit', () => {
        flushPending();
        closeSync(file);
      });
    }
    holder[STATE] = { fd, lines: [], inConsole: false };
  }
  return holder[STATE];
}

function safeInject(): string | undefined {
  try {
    return inject('logCaptureDir');
  } catch {
    return undefined; // not under the project's vitest config (no global setup): keep lines in memory only
  }
}

function record(source: string, text: string): void {
  const capture = state();
  for (const line of text.replace(/\r?\n$/, '').split(/\r?\n/)) {
    const entry = `[${source}] ${line}`;
    capture.lines.push(entry);
    if (capture.fd !== undefined) writeSync(capture.fd, `${entry}\n`);
  }
}

/** Stream writes may end mid-line: the rest waits for its newline, so a number is never split in two. */
const pending: Record<string, string> = {};

function recordChunk(source: 'stdout' | 'stderr', chunk: string): void {
  const text = (pending[source] ?? '') + chunk;
  const end = text.lastIndexOf('\n');
  pending[source] = end < 0 ? text : text.slice(end + 1);
  if (end >= 0) record(source, text.slice(0, end));
}

function flushPending(): void {
  for (const source of ['stdout', 'stderr'] as const) {
    if (pending[source]) record(source, pending[source]);
    pending[source] = '';
  }
}

function patchStream(name: 'stdout' | 'stderr'): void {
  const stream = process[name];
  const original = stream.write as Patchable & typeof stream.write;
  if (original[PATCHED]) return;
  const write = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
    if (!state().inConsole) {
      recordChunk(
        name,
        typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'),
      );
    }
    return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
  } as typeof stream.write & Patchable;
  write[PATCHED] = true;
  stream.write = write;
}

function patchConsole(target: Console): void {
  const marked = target as Console & Patchable;
  if (marked[PATCHED]) return;
  for (const method of CONSOLE_METHODS) {
    const original = target[method].bind(target) as (...args: unknown[]) => void;
    target[method] = (...args: unknown[]) => {
      const capture = state();
      record(`console.${method}`, format(...args));
      capture.inConsole = true;
      try {
        original(...args);
      } finally {
        capture.inConsole = false;
      }
    };
  }
  marked[PATCHED] = true;
}

/** Installs the capture (idempotent). */
export function installLogCapture(): void {
  state();
  patchStream('stdout');
  patchStream('stderr');
  patchConsole(globalThis.console);
}

/** Marks the start of a test file in the log, so a finding can name the test that produced it. */
export function markTestFile(path: string): void {
  const capture = state();
  const line = `${FILE_MARKER}${path}`;
  capture.lines.push(line);
  if (capture.fd !== undefined) writeSync(capture.fd, `${line}\n`);
}

/** A position in this worker's captured lines. */
export const captureMark = (): number => state().lines.length;

/** The lines this worker captured since `mark` (a line still being written included). */
export function capturedSince(mark: number): readonly string[] {
  flushPending();
  return state().lines.slice(mark);
}

installLogCapture();
beforeAll(() => markTestFile(expect.getState().testPath ?? 'unknown'));
