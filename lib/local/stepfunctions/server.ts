/**
 * Local Step Functions: a server that speaks the Step Functions JSON protocol (what @aws-sdk/client-sfn
 * sends to `endpoint` / AWS_ENDPOINT_URL_SFN) and runs the synthesized state machine with
 * aws-local-stepfunctions. Task states call the same handler modules as the deployed Lambda functions.
 *
 * How it differs from AWS (for local development and tests; never the truth about AWS):
 * - Restarts. AWS never loses an execution; locally a process can stop at any time. Each execution's record
 *   (`<dataDir>/executions.json` and its journal, see store.ts) keeps its last top-level state entered and that state's raw input, and
 *   resume() runs the definition again with StartAt set to that state. A task waiting for its token is
 *   therefore entered again: its Parameters are re-evaluated, a new token is minted and the handler invoked
 *   again (the old token answers TaskTimedOut). A state that was running when the process stopped also runs
 *   again: task handlers must be idempotent, which they are by contract (AWS may run a task twice as well).
 *   States inside a Parallel/Map resume by running the whole Parallel/Map state again. After a resume
 *   `$$.Execution.Input`/`StartTime` are those of the resumed run; the execution timeout (TimeoutSeconds)
 *   counts from the first start, as in AWS: a resumed execution gets what is left of it, and one past it
 *   ends TIMED_OUT at once.
 * - Timers: the longest is ≈ 24.8 days (Node's limit); longer timeouts are clamped. HeartbeatSeconds is
 *   not enforced. Execution history is kept in memory only and is partial (see history.ts).
 * - Only Lambda tasks run (function ARN, lambda:invoke, lambda:invoke.waitForTaskToken); one state machine.
 * - Requests are not authenticated: SigV4 headers are accepted without verification, so bind to 127.0.0.1.
 * - StartExecution is idempotent as in AWS Standard: the same name and input (same JSON text) while the
 *   execution runs returns it again; any other reuse of a name is ExecutionAlreadyExists.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StateMachine } from 'aws-local-stepfunctions';
import { type AslDefinition, allStates, type EventLog, prepareForLocalRun, statesWithRetry } from './asl.js';
import type { TaskBinding } from './definition.js';
import { SfnApiError } from './errors.js';
import { type ExecutionHooks, type Invoke, type MachineRuntime, RunningExecution } from './execution.js';
import { type HistoryEntry, toHistoryEntry } from './history.js';
import { createApiHandler } from './protocol.js';
import { type ExecutionRecord, type ExecutionStatus, ExecutionStore } from './store.js';
import { TaskFailedError } from './task-errors.js';
import { TaskTokens } from './tokens.js';

export interface LocalStepFunctionsProps {
  readonly definition: AslDefinition;
  readonly tasks: Record<string, TaskBinding>;
  readonly stateMachineArn: string;
  readonly invoke: Invoke;
  /** Directory of `executions.json`, e.g. `.data/stepfunctions`. */
  readonly dataDir: string;
  /**
   * Pause before every retry, in milliseconds, replacing what the Retry fields compute (seconds, with
   * backoff and jitter): keeps local runs and tests fast.
   * @default - the pauses the definition's Retry fields compute
   */
  readonly retryIntervalMs?: number;
  /** @default console */
  readonly logger?: Pick<Console, 'warn'>;
}

export interface StartExecutionRequest {
  /** @default - a random UUID */
  readonly name?: string;
  /** JSON text. @default '{}' */
  readonly input?: string;
}

/** AWS's limits: names of 1 to 80 characters without whitespace, brackets, wildcards or punctuation. */
const VALID_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]{1,80}$/u;
const MAX_PAYLOAD = 262_144;
const MAX_HISTORY = 25_000;

const now = () => new Date().toISOString();

export class LocalStepFunctions {
  readonly stateMachineArn: string;
  /** The definition as synthesized (DescribeStateMachine answers with it). */
  readonly definition: AslDefinition;
  private readonly prepared: AslDefinition;
  private readonly machines = new Map<string, StateMachine>();
  private readonly store: ExecutionStore;
  private readonly tokens: TaskTokens;
  private readonly runtime: MachineRuntime;
  private readonly hooks: ExecutionHooks;
  private readonly runs = new Map<string, RunningExecution>();
  private readonly histories = new Map<string, HistoryEntry[]>();
  private readonly changes = new EventEmitter().setMaxListeners(0);
  private readonly logger: Pick<Console, 'warn'>;
  private loaded: Promise<void> | undefined;
  private http: Server | undefined;

  constructor(private readonly props: LocalStepFunctionsProps) {
    this.stateMachineArn = props.stateMachineArn;
    this.definition = props.definition;
    this.logger = props.logger ?? console;
    this.prepared = prepareForLocalRun(props.definition);
    // Validated once, here, so that an invalid definition fails at startup rather than at the first execution.
    const validationOptions = { checkArn: false, checkPaths: false };
    this.machines.set(this.prepared.StartAt, new StateMachine(this.prepared, { validationOptions }));
    this.store = new ExecutionStore(props.dataDir, (error) =>
      this.warn(`could not save executions: ${error}`),
    );
    this.tokens = new TaskTokens((executionArn) => this.store.get(executionArn) !== undefined);
    this.runtime = this.createRuntime();
    this.hooks = {
      changed: (record) => {
        void this.store.save(record);
        this.changes.emit('change', record);
      },
      event: (record, event) => this.recordHistory(record, event),
      warn: (message) => this.warn(message),
    };
  }

  /** Serves the Step Functions API on `host:port` (port 0: any free port). */
  async start(port = 0, host = '127.0.0.1'): Promise<{ port: number }> {
    await this.load();
    const http = createServer(createApiHandler(this, (error) => this.warn(`request failed: ${error}`)));
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, host, () => resolve());
    });
    this.http = http;
    return { port: (http.address() as AddressInfo).port };
  }

  /**
   * Stops serving and running. Executions are detached, not stopped: they stay RUNNING on disk, with their
   * resume point, for resume() after the next start.
   */
  async stop(): Promise<void> {
    for (const run of this.runs.values()) run.detach();
    this.runs.clear();
    const http = this.http;
    this.http = undefined;
    if (http) {
      const closed = new Promise((resolve) => http.close(resolve));
      http.closeAllConnections();
      await closed;
    }
    await this.store.flush();
  }

  /** Runs again every execution left RUNNING by a previous process (see the top of this file). */
  async resume(): Promise<string[]> {
    await this.load();
    const resumed: string[] = [];
    for (const record of this.store.all()) {
      const isOurs = record.stateMachineArn === this.stateMachineArn;
      if (!isOurs || record.status !== 'RUNNING' || this.runs.has(record.executionArn)) continue;
      record.waiting = []; // their tokens died with the previous process
      if (pastTimeout(this.prepared, record)) {
        this.finish(record, 'TIMED_OUT', 'States.Timeout', 'The execution timed out');
        continue;
      }
      const from = record.resumePoint;
      if (from && !(from.state in this.prepared.States)) {
        this.warn(`cannot resume ${record.name}: state "${from.state}" is no longer in the definition`);
        this.finish(record, 'FAILED', 'States.Runtime', `Cannot resume at "${from.state}": no such state`);
        continue;
      }
      this.launch(record, from);
      resumed.push(record.name);
    }
    await this.store.save();
    return resumed;
  }

  // --- The Step Functions actions (the HTTP layer calls these; tests and benchmarks may too) ---

  async startExecution({
    name = randomUUID(),
    input = '{}',
  }: StartExecutionRequest): Promise<ExecutionRecord> {
    await this.load();
    if (!VALID_NAME.test(name)) throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
    parseJson(input, 'InvalidExecutionInput', 'Invalid State Machine Execution Input');
    const executionArn = this.executionArn(name);
    const existing = this.store.get(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === input) return structuredClone(existing);
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: this.stateMachineArn,
      name,
      input,
      status: 'RUNNING',
      startDate: now(),
      transitions: 0,
      waiting: [],
    };
    this.store.add(record);
    this.launch(record);
    await this.store.save(record); // durable before answering, as StartExecution is in AWS
    return structuredClone(record);
  }

  sendTaskSuccess(taskToken: string, output: string): void {
    this.tokens.succeed(taskToken, parseJson(output, 'InvalidOutput', 'Invalid Output'));
  }

  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.tokens.fail(taskToken, new TaskFailedError(error, cause));
  }

  sendTaskHeartbeat(taskToken: string): void {
    this.tokens.heartbeat(taskToken);
  }

  stopExecution(name: string, error?: string, cause?: string): ExecutionRecord {
    const record = this.existing(name);
    const run = this.runs.get(record.executionArn);
    if (run) run.stop(error, cause);
    else if (record.status === 'RUNNING') this.finish(record, 'ABORTED', error, cause); // not resumed yet
    return structuredClone(record);
  }

  // --- In-process API ---

  executionArn(name: string): string {
    return `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }

  describe(name: string): ExecutionRecord | undefined {
    const record = this.store.get(this.executionArn(name));
    return record && structuredClone(record);
  }

  /** Newest first. */
  listExecutions(statusFilter?: ExecutionStatus): ExecutionRecord[] {
    return this.store
      .all()
      .filter((record) => record.stateMachineArn === this.stateMachineArn)
      .filter((record) => !statusFilter || record.status === statusFilter)
      .sort((a, b) => b.startDate.localeCompare(a.startDate))
      .map((record) => structuredClone(record));
  }

  /** The events logged by this process (history is not persisted). */
  history(name: string): HistoryEntry[] {
    const record = this.existing(name);
    return [...(this.histories.get(record.executionArn) ?? [])];
  }

  /**
   * Resolves with the execution's record as soon as `predicate` holds for it, e.g.
   * `waitFor(name, (e) => e.status !== 'RUNNING')` or `waitFor(name, (e) => e.waiting.length > 0)`.
   */
  waitFor(
    name: string,
    predicate: (record: ExecutionRecord) => boolean,
    timeoutMs = 10_000,
  ): Promise<ExecutionRecord> {
    const executionArn = this.executionArn(name);
    return new Promise((resolve, reject) => {
      const check = () => {
        const record = this.store.get(executionArn);
        const snapshot = record && structuredClone(record);
        if (!snapshot || !predicate(snapshot)) return;
        cleanup();
        resolve(snapshot);
      };
      const onChange = (record: ExecutionRecord) => {
        if (record.executionArn === executionArn) check();
      };
      const timer = setTimeout(() => {
        cleanup();
        const status = this.store.get(executionArn)?.status ?? 'not started';
        reject(
          new Error(
            `Execution "${name}" did not reach the expected point within ${timeoutMs} ms (${status})`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.changes.off('change', onChange);
      };
      this.changes.on('change', onChange);
      check();
    });
  }

  // --- Internals ---

  private createRuntime(): MachineRuntime {
    const { retryIntervalMs } = this.props;
    const retryIntervalOverrides =
      retryIntervalMs === undefined
        ? {}
        : Object.fromEntries(statesWithRetry(this.prepared).map((state) => [state, retryIntervalMs]));
    const staticTimeouts = new Map(
      allStates(this.prepared).flatMap(([name, state]) =>
        typeof state.TimeoutSeconds === 'number' ? [[name, state.TimeoutSeconds] as const] : [],
      ),
    );
    return {
      definition: this.prepared,
      tasks: this.props.tasks,
      stateMachineArn: this.stateMachineArn,
      tokens: this.tokens,
      invoke: this.props.invoke,
      retryIntervalOverrides,
      machineFrom: (state, timeoutSeconds) => this.machineFrom(state, timeoutSeconds),
      staticTimeoutSeconds: (state) => staticTimeouts.get(state),
    };
  }

  /**
   * A resumed execution runs the same definition from another StartAt. It is not validated again: the
   * validator would reject the states before the new StartAt as unreachable.
   */
  private machineFrom(state: string, timeoutSeconds?: number): StateMachine {
    if (timeoutSeconds !== undefined && timeoutSeconds !== this.prepared.TimeoutSeconds) {
      // A resumed execution with part of its time used: its own machine, not cached.
      return new StateMachine(
        { ...this.prepared, StartAt: state, TimeoutSeconds: timeoutSeconds },
        { validationOptions: { noValidate: true } },
      );
    }
    let machine = this.machines.get(state);
    if (!machine) {
      machine = new StateMachine(
        { ...this.prepared, StartAt: state },
        { validationOptions: { noValidate: true } },
      );
      this.machines.set(state, machine);
    }
    return machine;
  }

  private launch(record: ExecutionRecord, from?: ExecutionRecord['resumePoint']): void {
    const run = new RunningExecution(this.runtime, record, this.hooks, from);
    this.runs.set(record.executionArn, run);
    void run.done.then(() => {
      if (this.runs.get(record.executionArn) === run) this.runs.delete(record.executionArn);
    });
  }

  private finish(record: ExecutionRecord, status: ExecutionStatus, error?: string, cause?: string): void {
    Object.assign(record, { status, stopDate: now(), error, cause, waiting: [] });
    delete record.resumePoint;
    this.hooks.changed(record);
  }

  private existing(name: string): ExecutionRecord {
    const executionArn = this.executionArn(name);
    const record = this.store.get(executionArn);
    if (!record)
      throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  private recordHistory(record: ExecutionRecord, event: EventLog): void {
    const entry = toHistoryEntry(event);
    if (!entry) return;
    const history = this.histories.get(record.executionArn) ?? [];
    if (history.length < MAX_HISTORY) history.push(entry);
    this.histories.set(record.executionArn, history);
  }

  private load(): Promise<void> {
    this.loaded ??= this.store.load();
    return this.loaded;
  }

  private warn(message: string): void {
    this.logger.warn(`[local stepfunctions] ${message}`);
  }
}

/** The execution's TimeoutSeconds have passed since it started (while the runtime was stopped). */
function pastTimeout(definition: AslDefinition, record: ExecutionRecord): boolean {
  const limit = definition.TimeoutSeconds;
  return limit !== undefined && Date.now() - Date.parse(record.startDate) >= limit * 1000;
}

function parseJson(text: string, errorType: 'InvalidExecutionInput' | 'InvalidOutput', message: string) {
  if (Buffer.byteLength(text) > MAX_PAYLOAD) {
    throw new SfnApiError(errorType, `${message}: longer than ${MAX_PAYLOAD} bytes`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new SfnApiError(errorType, `${message}: not JSON`);
  }
}
