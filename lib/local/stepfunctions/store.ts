import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readIfExists } from '../../../functions/adapters/files.js';
import type { JsonValue } from './asl.js';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** Where a resumed execution starts again: a top-level state and its raw input (before InputPath/Parameters). */
export interface ResumePoint {
  readonly state: string;
  readonly input: JsonValue;
}

/** A waitForTaskToken task waiting for SendTaskSuccess/SendTaskFailure. */
export interface WaitingTask {
  readonly state: string;
  readonly token: string;
  /** ISO 8601 */
  readonly since: string;
}

export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  /** The execution input, as the JSON text StartExecution received. */
  readonly input: string;
  status: ExecutionStatus;
  /** ISO 8601 */
  readonly startDate: string;
  stopDate?: string;
  /** JSON text */
  output?: string;
  error?: string;
  cause?: string;
  /** State transitions so far, as Step Functions Standard bills them: states entered plus retries. */
  transitions: number;
  /**
   * The last top-level state entered and its raw input; while the execution waits on a top-level
   * waitForTaskToken task, that is the waiting point. A restart resumes from here.
   */
  resumePoint?: ResumePoint;
  waiting: WaitingTask[];
}

interface StoreFile {
  readonly version: 1;
  /** Which journal continues this snapshot (absent in files written before the journal existed: 0). */
  readonly generation?: number;
  readonly executions: ExecutionRecord[];
}

/** Journal lines appended since the snapshot before it is rewritten (and the journal emptied). */
const MIN_LINES_BEFORE_COMPACTION = 5000;

/**
 * Executions kept in memory and persisted under `dataDir`:
 * - `executions.json`, a snapshot of every record, rewritten atomically (a temporary file renamed over the
 *   old one, so a crash never leaves half a file);
 * - `executions.journal.jsonl`, the records changed since that snapshot, one JSON line per change,
 *   appended. Its first line names the snapshot generation it continues: a journal left behind by a crash
 *   between writing a new snapshot and emptying the journal belongs to an older generation and is ignored.
 * A change costs one appended line instead of a rewrite of every record (which made thousands of
 * executions cost seconds of CPU per change burst). The snapshot is rewritten when the journal grows past
 * a few times the number of records, on resume() and on stop (flush), so a stopped store is one file.
 * Writes are serialized: while one runs, further changes coalesce into the next.
 */
export class ExecutionStore {
  readonly file: string;
  readonly journalFile: string;
  private readonly records = new Map<string, ExecutionRecord>();
  private readonly changed = new Set<string>();
  private writing: Promise<void> | undefined;
  private snapshotWanted = false;
  private generation = 0;
  /** Lines in the journal of the current generation; undefined: no such journal yet. */
  private journalLines: number | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly onWriteError: (error: unknown) => void,
  ) {
    this.file = join(dataDir, 'executions.json');
    this.journalFile = join(dataDir, 'executions.journal.jsonl');
  }

  async load(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    const snapshot = await readIfExists(this.file);
    if (snapshot !== undefined) {
      const stored = JSON.parse(snapshot) as StoreFile;
      this.generation = stored.generation ?? 0;
      for (const record of stored.executions) this.records.set(record.executionArn, record);
    }
    const journal = await readIfExists(this.journalFile);
    if (journal === undefined) return;
    const [header, ...lines] = journal.split('\n');
    if (parseLine<{ generation?: number }>(header)?.generation !== this.generation) return; // stale
    this.journalLines = 0;
    for (const line of lines) {
      const record = parseLine<ExecutionRecord>(line);
      if (!record) break; // the end, or a line cut short by a crash
      this.records.set(record.executionArn, record);
      this.journalLines += 1;
    }
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.records.get(executionArn);
  }

  all(): ExecutionRecord[] {
    return [...this.records.values()];
  }

  add(record: ExecutionRecord): void {
    this.records.set(record.executionArn, record);
  }

  /**
   * Schedules a write of `record`'s current state (without a record: a snapshot of all); resolves once a
   * write that includes this change is done.
   */
  save(record?: ExecutionRecord): Promise<void> {
    if (record) this.changed.add(record.executionArn);
    else this.snapshotWanted = true;
    this.writing ??= this.writeWhileDirty().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  /** Resolves when no write is pending, with everything in the snapshot. */
  async flush(): Promise<void> {
    await this.writing;
    if (this.journalLines) await this.save();
  }

  private async writeWhileDirty(): Promise<void> {
    while (this.changed.size > 0 || this.snapshotWanted) {
      const lines = this.journalLines ?? 0;
      const compact =
        this.snapshotWanted ||
        lines + this.changed.size > Math.max(MIN_LINES_BEFORE_COMPACTION, 3 * this.records.size);
      const changed = [...this.changed].flatMap((arn) => this.records.get(arn) ?? []);
      this.snapshotWanted = false;
      this.changed.clear();
      try {
        if (compact) await this.writeSnapshot();
        else await this.append(changed);
      } catch (error) {
        this.onWriteError(error);
      }
    }
  }

  private async append(changed: readonly ExecutionRecord[]): Promise<void> {
    const text = changed.map((record) => `${JSON.stringify(record)}\n`).join('');
    if (this.journalLines === undefined) {
      await writeFile(this.journalFile, `${JSON.stringify({ generation: this.generation })}\n${text}`);
    } else {
      await appendFile(this.journalFile, text);
    }
    this.journalLines = (this.journalLines ?? 0) + changed.length;
  }

  private async writeSnapshot(): Promise<void> {
    const generation = this.generation + 1;
    const file: StoreFile = { version: 1, generation, executions: this.all() };
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(file));
    await rename(temporary, this.file);
    this.generation = generation;
    this.journalLines = undefined;
    await rm(this.journalFile, { force: true });
  }
}

function parseLine<T>(line: string | undefined): T | undefined {
  if (!line) return undefined;
  try {
    return JSON.parse(line) as T;
  } catch {
    return undefined;
  }
}
