import { randomUUID } from 'node:crypto';
import { isPlainObject, type JsonValue } from './asl.js';
import { SfnApiError } from './errors.js';

interface PendingTask {
  readonly executionArn: string;
  readonly resolve: (output: JsonValue) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
  readonly onDone: () => void;
}

export interface WaitOptions {
  readonly executionArn: string;
  /** The task's timeout: after it, the token is dead (the library fails the state with States.Timeout). */
  readonly timeoutMs: number;
  /** Called once when the task ends for any reason: success, failure, timeout, stop. */
  readonly onDone: () => void;
}

/** Tokens are opaque to callers; ours carry the execution so a dead one can be told from a forged one. */
interface TokenContent {
  readonly e: string;
  readonly n: string;
}

const encode = (content: TokenContent) => Buffer.from(JSON.stringify(content)).toString('base64url');

function decode(token: string): TokenContent | undefined {
  try {
    const content: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (isPlainObject(content) && typeof content.e === 'string' && typeof content.n === 'string') {
      return { e: content.e, n: content.n };
    }
  } catch {
    // not one of ours
  }
  return undefined;
}

function findString(value: unknown, wanted: (text: string) => boolean): string | undefined {
  if (typeof value === 'string') return wanted(value) ? value : undefined;
  const children = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [];
  for (const child of children) {
    const found = findString(child, wanted);
    if (found) return found;
  }
  return undefined;
}

/**
 * The task tokens of all executions. A token is minted each time `$$.Task.Token` is read; the task override
 * then claims it by finding it in its effective input (which is how it learns the token of *its* task entry),
 * and waits on it until SendTaskSuccess/SendTaskFailure settles it, its timeout kills it, or its execution
 * ends. Tokens live in memory only: after a restart the resumed task gets a fresh one, as in AWS a new task
 * entry would.
 */
export class TaskTokens {
  private readonly unclaimed = new Map<string, Set<string>>();
  private readonly pending = new Map<string, PendingTask>();

  constructor(private readonly isKnownExecution: (executionArn: string) => boolean) {}

  mint(executionArn: string): string {
    const token = encode({ e: executionArn, n: randomUUID() });
    const minted = this.unclaimed.get(executionArn) ?? new Set();
    this.unclaimed.set(executionArn, minted.add(token));
    return token;
  }

  /**
   * The token that `$$.Task.Token` produced for this task entry, found in the task's effective input.
   * Parameters are evaluated and the override called in one synchronous run, so any other unclaimed token
   * of the execution was read by a state that started no task: it is dropped.
   */
  claim(executionArn: string, effectiveInput: unknown): string | undefined {
    const minted = this.unclaimed.get(executionArn);
    this.unclaimed.delete(executionArn);
    return minted && findString(effectiveInput, (text) => minted.has(text));
  }

  wait(token: string, options: WaitOptions): Promise<JsonValue> {
    const { promise, resolve, reject } = Promise.withResolvers<JsonValue>();
    // On timeout the token only dies: the library's own timer (same delay, set just after this one) fails
    // the state with its States.Timeout error, the one that Catch/Retry and States.TaskFailed treat right.
    const timer = setTimeout(() => this.finish(token), options.timeoutMs);
    timer.unref();
    this.pending.set(token, {
      executionArn: options.executionArn,
      resolve,
      reject,
      timer,
      onDone: options.onDone,
    });
    return promise;
  }

  succeed(token: string, output: JsonValue): void {
    this.take(token).resolve(output);
  }

  fail(token: string, error: Error): void {
    this.take(token).reject(error);
  }

  /** Heartbeats are accepted for live tokens; HeartbeatSeconds is not enforced locally. */
  heartbeat(token: string): void {
    this.live(token);
  }

  isPending(token: string): boolean {
    return this.pending.has(token);
  }

  /** Ends the tasks of an execution that stopped or is being detached by a shutdown. */
  closeExecution(executionArn: string, reason: Error): void {
    this.unclaimed.delete(executionArn);
    for (const [token, task] of this.pending) {
      if (task.executionArn !== executionArn) continue;
      this.finish(token);
      task.reject(reason);
    }
  }

  private take(token: string): PendingTask {
    const task = this.live(token);
    this.finish(token);
    return task;
  }

  private live(token: string): PendingTask {
    const task = this.pending.get(token);
    if (task) return task;
    const content = decode(token);
    if (!content) throw new SfnApiError('InvalidToken', "Invalid Token: 'Invalid token'");
    if (!this.isKnownExecution(content.e)) {
      throw new SfnApiError('TaskDoesNotExist', 'Task does not exist anymore');
    }
    // AWS's answer for a token whose task completed, failed, timed out or was stopped.
    throw new SfnApiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
  }

  private finish(token: string): void {
    const task = this.pending.get(token);
    if (!task) return;
    clearTimeout(task.timer);
    this.pending.delete(token);
    task.onDone();
  }
}
