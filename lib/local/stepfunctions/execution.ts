import { ExecutionError, ExecutionTimeoutError, type StateMachine } from 'aws-local-stepfunctions';
import {
  type AslDefinition,
  type EventLog,
  type ExecutionContext,
  isPlainObject,
  type JsonValue,
  MAX_TIMER_SECONDS,
  type TaskHandlers,
  TIMEOUT_FIELD,
} from './asl.js';
import type { TaskBinding } from './definition.js';
import type { ExecutionRecord, ResumePoint } from './store.js';
import { ExecutionClosedError, LambdaFunctionError } from './task-errors.js';
import type { TaskTokens } from './tokens.js';

/** Runs a Lambda handler module (its `DesaDigital:Entry`) with an event, as the Lambda service would. */
export type Invoke = (entry: string, event: unknown) => Promise<unknown>;

/** What all executions of the one local state machine share. */
export interface MachineRuntime {
  /** As prepared by `prepareForLocalRun`. */
  readonly definition: AslDefinition;
  readonly tasks: Record<string, TaskBinding>;
  readonly stateMachineArn: string;
  readonly tokens: TaskTokens;
  readonly invoke: Invoke;
  readonly retryIntervalOverrides: Record<string, number>;
  /**
   * The state machine starting at `state` (a resumed execution starts at its resume point), with the
   * execution timeout `timeoutSeconds` when given (what is left of it for a resumed execution).
   */
  machineFrom(state: string, timeoutSeconds?: number): StateMachine;
  /** Task timeout in seconds when it is static (TimeoutSeconds), by state name. */
  staticTimeoutSeconds(state: string): number | undefined;
}

export interface ExecutionHooks {
  /** The record changed: persist it and wake whoever waits on it. */
  changed(record: ExecutionRecord): void;
  /** An event of the library's log, for the execution history. */
  event(record: ExecutionRecord, event: EventLog): void;
  warn(message: string): void;
}

const jsonCopy = (value: unknown): JsonValue => JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
const now = () => new Date().toISOString();

/**
 * One execution running in aws-local-stepfunctions. The execution's record follows the library's event log:
 * transitions are counted and the last top-level state entered (with its raw input) is kept as the resume
 * point. Task states run through overrides that call the handler modules; waitForTaskToken tasks then wait
 * on their token (see tokens.ts).
 */
export class RunningExecution {
  readonly done: Promise<void>;
  private readonly abort: () => void;
  /** Stopped, finished or detached: no task may start and the outcome is no longer recorded. */
  private closed = false;
  /** The runtime shuts down: the record must stay as it is (RUNNING, with its resume point) for resume(). */
  private detached = false;
  /** A resumed run enters its resume state again, which AWS would not have: that entry is not counted. */
  private uncountedEntry: boolean;

  constructor(
    private readonly runtime: MachineRuntime,
    private readonly record: ExecutionRecord,
    private readonly hooks: ExecutionHooks,
    from?: ResumePoint,
  ) {
    this.uncountedEntry = from !== undefined;
    const machine = runtime.machineFrom(
      from?.state ?? runtime.definition.StartAt,
      from ? remainingSeconds(runtime.definition, record) : undefined,
    );
    const input = from ? from.input : (JSON.parse(record.input) as JsonValue);
    const run = machine.run(input, {
      overrides: {
        taskResourceLocalHandlers: this.taskHandlers(),
        retryIntervalOverrides: runtime.retryIntervalOverrides,
      },
      context: this.context(),
      noThrowOnAbort: true,
    });
    this.abort = run.abort;
    this.done = this.settle(run.result, this.follow(run.eventLogs, from !== undefined));
  }

  /** StopExecution. */
  stop(error: string | undefined, cause: string | undefined): void {
    if (this.closed) return;
    Object.assign(this.record, { status: 'ABORTED', stopDate: now(), error, cause, waiting: [] });
    delete this.record.resumePoint;
    this.close();
    this.hooks.changed(this.record);
  }

  /** Shutdown: stop running but leave the record untouched, so that a later resume() picks it up. */
  detach(): void {
    this.detached = true;
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort();
    this.runtime.tokens.closeExecution(this.record.executionArn, new ExecutionClosedError());
  }

  /**
   * The Context Object. `Task.Token` is a getter, so each read of `$$.Task.Token` mints a new token. The
   * library spreads this object shallowly into its own (`{ ...context, Execution: {...} }`): the `Task`
   * object is copied by reference and its getter survives (a top-level getter would be read once, by the
   * spread). Limits: the library overwrites `Execution.Input`/`StartTime` with its run's, so after a resume
   * they are those of the resumed run. `$$.State.EnteredTime` is read when the state's Parameters are
   * evaluated, on entering it (the library gives no state's entry time); `$$.State.Name` is not provided.
   */
  private context(): ExecutionContext {
    const { tokens, stateMachineArn } = this.runtime;
    const executionArn = this.record.executionArn;
    return {
      Execution: { Id: executionArn, Name: this.record.name, StartTime: this.record.startDate },
      StateMachine: { Id: stateMachineArn, Name: stateMachineArn.split(':').at(-1) },
      Task: {
        get Token() {
          return tokens.mint(executionArn);
        },
      },
      State: {
        get EnteredTime() {
          return new Date().toISOString();
        },
      },
    };
  }

  private taskHandlers(): TaskHandlers {
    return Object.fromEntries(
      Object.entries(this.runtime.tasks).map(([state, binding]) => [
        state,
        (input: JsonValue) => this.runTask(state, binding, input),
      ]),
    );
  }

  private async runTask(state: string, binding: TaskBinding, effectiveInput: JsonValue): Promise<JsonValue> {
    if (this.closed) throw new ExecutionClosedError();
    const { event, timeoutSeconds } = withoutTimeoutField(effectiveInput);
    switch (binding.integration) {
      case 'payloadResponseOnly':
        return this.callLambda(binding.entry, event);
      case 'requestResponse':
        return {
          ExecutedVersion: '$LATEST',
          Payload: await this.callLambda(binding.entry, payloadOf(event)),
          StatusCode: 200,
        };
      case 'waitForTaskToken': {
        const seconds = timeoutSeconds ?? this.runtime.staticTimeoutSeconds(state) ?? MAX_TIMER_SECONDS;
        return this.waitForTaskToken(state, binding.entry, event, seconds);
      }
    }
  }

  /** Lambda passes JSON both ways: handlers get their own copy, and results lose what JSON cannot carry. */
  private async callLambda(entry: string, event: unknown): Promise<JsonValue> {
    try {
      return jsonCopy(await this.runtime.invoke(entry, jsonCopy(event)));
    } catch (error) {
      throw LambdaFunctionError.from(error);
    }
  }

  /**
   * Claims the token (synchronously: see TaskTokens.claim), invokes the handler with the Payload, and returns
   * the promise that SendTaskSuccess/SendTaskFailure settles. A failing invocation fails the task, as a
   * failed Lambda invoke does in AWS.
   */
  private waitForTaskToken(
    state: string,
    entry: string,
    event: JsonValue,
    timeoutSeconds: number,
  ): Promise<JsonValue> {
    const { tokens } = this.runtime;
    const token = tokens.claim(this.record.executionArn, event);
    if (!token) {
      this.hooks.warn(
        `Task "${state}" passes no $$.Task.Token to its handler: nothing can complete it but its timeout`,
      );
      this.callLambda(entry, payloadOf(event)).catch(() => undefined);
      return new Promise<never>(() => undefined);
    }
    const outcome = tokens.wait(token, {
      executionArn: this.record.executionArn,
      timeoutMs: timeoutSeconds * 1000,
      onDone: () => this.stopWaiting(token),
    });
    // Recorded once the event log has caught up (its consumer runs on microtasks, after this override was
    // called), so that the persisted waiting task and resume point describe the same state.
    setImmediate(() => this.startWaiting(state, token));
    this.callLambda(entry, payloadOf(event)).catch((error: Error) => {
      if (tokens.isPending(token)) tokens.fail(token, error);
    });
    return outcome;
  }

  private startWaiting(state: string, token: string): void {
    if (this.detached || !this.runtime.tokens.isPending(token)) return;
    this.record.waiting.push({ state, token, since: now() });
    this.hooks.changed(this.record);
  }

  private stopWaiting(token: string): void {
    if (this.detached) return;
    this.record.waiting = this.record.waiting.filter((waiting) => waiting.token !== token);
    this.hooks.changed(this.record);
  }

  private async follow(events: AsyncGenerator<EventLog>, resumed: boolean): Promise<void> {
    for await (const event of events) {
      if (this.detached) return;
      if (event.type === 'ExecutionStarted' && resumed) continue;
      this.observe(event);
      this.hooks.event(this.record, event);
    }
  }

  private observe(event: EventLog): void {
    if (event.type === 'StateRetried') {
      this.record.transitions += 1;
      this.hooks.changed(this.record);
    }
    if (event.type !== 'StateEntered') return;
    if (this.uncountedEntry) this.uncountedEntry = false;
    else this.record.transitions += 1;
    // State names are unique across a state machine: a top-level name means a top-level state.
    if (event.state.name in this.runtime.definition.States && this.record.status === 'RUNNING') {
      this.record.resumePoint = { state: event.state.name, input: structuredClone(event.state.input) };
    }
    this.hooks.changed(this.record);
  }

  /**
   * Records the outcome once the event log is fully read (it closes with the execution), so that whoever
   * waits for the final status also sees the final transition count.
   */
  private async settle(result: Promise<JsonValue>, following: Promise<void>): Promise<void> {
    let outcome: Pick<ExecutionRecord, 'status' | 'output' | 'error' | 'cause'>;
    try {
      outcome = { status: 'SUCCEEDED', output: JSON.stringify(await result) };
    } catch (error) {
      outcome = failureOf(error);
    }
    await following;
    if (this.closed) return; // stopped (already recorded) or detached (left RUNNING)
    this.close(); // also ends tasks left pending, e.g. in the other branches of a failed Parallel
    Object.assign(this.record, outcome, { stopDate: now(), waiting: [] });
    delete this.record.resumePoint;
    this.hooks.changed(this.record);
  }
}

/**
 * What is left of the execution's timeout since it started (a resumed run must not get the whole of it
 * again); at least 1 s, so that an execution already past its time times out at once.
 */
function remainingSeconds(definition: AslDefinition, record: ExecutionRecord): number | undefined {
  if (definition.TimeoutSeconds === undefined) return undefined;
  const elapsed = (Date.now() - Date.parse(record.startDate)) / 1000;
  return Math.max(1, Math.ceil(definition.TimeoutSeconds - elapsed));
}

function failureOf(error: unknown): Pick<ExecutionRecord, 'status' | 'error' | 'cause'> {
  if (error instanceof ExecutionTimeoutError) {
    return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out' };
  }
  if (error instanceof ExecutionError && error.cause instanceof Error) {
    return { status: 'FAILED', error: error.cause.name, cause: error.cause.message };
  }
  return { status: 'FAILED', error: 'States.Runtime', cause: String(error) };
}

/** The effective input of a lambda:invoke task is `{ FunctionName, Payload, ... }`: the function gets Payload. */
function payloadOf(event: JsonValue): JsonValue {
  return isPlainObject(event) ? (event.Payload ?? {}) : {};
}

/**
 * Removes TIMEOUT_FIELD (see prepareForLocalRun) from a task's effective input. A value beyond Node's
 * longest timer is clamped in place: TaskStateAction (3.0.0) reads the timeout from this same object right
 * after calling the override; if that ever changes, only the clamp is lost.
 */
function withoutTimeoutField(input: JsonValue): { event: JsonValue; timeoutSeconds?: number } {
  if (!isPlainObject(input) || !(TIMEOUT_FIELD in input)) return { event: input };
  const { [TIMEOUT_FIELD]: seconds, ...event } = input;
  if (typeof seconds !== 'number') return { event };
  if (seconds > MAX_TIMER_SECONDS) input[TIMEOUT_FIELD] = MAX_TIMER_SECONDS;
  return { event, timeoutSeconds: Math.min(seconds, MAX_TIMER_SECONDS) };
}
