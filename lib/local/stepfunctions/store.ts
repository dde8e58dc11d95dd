import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  readonly executions: ExecutionRecord[];
}

/**
 * Executions kept in memory and persisted to `<dataDir>/executions.json`. Writes are atomic (a temporary
 * file renamed over the old one, so a crash never leaves half a file) and serialized: while one write runs,
 * further changes coalesce into a single next write of the then-current state.
 */
export class ExecutionStore {
  readonly file: string;
  private readonly records = new Map<string, ExecutionRecord>();
  private writing: Promise<void> | undefined;
  private dirty = false;

  constructor(
    private readonly dataDir: string,
    private readonly onWriteError: (error: unknown) => void,
  ) {
    this.file = join(dataDir, 'executions.json');
  }

  async load(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const stored = JSON.parse(text) as StoreFile;
    for (const record of stored.executions) this.records.set(record.executionArn, record);
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

  /** Schedules a write of the current state; resolves once a write that includes this change is done. */
  save(): Promise<void> {
    this.dirty = true;
    this.writing ??= this.writeWhileDirty().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  /** Resolves when no write is pending. */
  async flush(): Promise<void> {
    await this.writing;
  }

  private async writeWhileDirty(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      const file: StoreFile = { version: 1, executions: this.all() };
      const temporary = `${this.file}.${process.pid}.tmp`;
      try {
        await writeFile(temporary, JSON.stringify(file));
        await rename(temporary, this.file);
      } catch (error) {
        this.onWriteError(error);
      }
    }
  }
}
