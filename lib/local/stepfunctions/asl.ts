import type { RunOptions, StateMachine, StateMachineDefinition } from 'aws-local-stepfunctions';

/** An Amazon States Language definition, as the library types it. */
export type AslDefinition = StateMachineDefinition;
/** Any JSON value (the library's own type, which it does not export by name). */
export type JsonValue = Parameters<StateMachine['run']>[0];
/** One entry of an execution's event log (not exported by name either). */
export type EventLog =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
export type ExecutionContext = NonNullable<RunOptions['context']>;
export type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

/** A state seen loosely: the walkers below only read a few fields of any state type. */
export type AslState = { readonly Type: string } & Record<string, unknown>;

/**
 * The longest timer Node can set: setTimeout silently turns any larger delay into 1 ms, so an unclamped
 * 30-day execution timeout would time every execution out at once. ≈ 24.8 days.
 */
export const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/**
 * Field that `prepareForLocalRun` adds to a Task's Parameters to carry the value of its TimeoutSecondsPath;
 * the task override removes it before the handler sees its event.
 */
export const TIMEOUT_FIELD = '__localTimeoutSeconds';

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every state of the definition with its name, including those inside Parallel branches and Map processors. */
export function allStates(definition: { readonly States: object }): [name: string, state: AslState][] {
  return Object.entries(definition.States as Record<string, AslState>).flatMap(([name, state]) => [
    [name, state] as [string, AslState],
    ...nestedDefinitions(state).flatMap(allStates),
  ]);
}

function nestedDefinitions(state: AslState): { States: object }[] {
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) return state.Branches;
  if (state.Type === 'Map') {
    const processor = state.ItemProcessor ?? state.Iterator;
    return isPlainObject(processor) && isPlainObject(processor.States)
      ? [processor as { States: object }]
      : [];
  }
  return [];
}

/** Names of the states whose Retry pauses `retryIntervalOverrides` may shorten. */
export function statesWithRetry(definition: AslDefinition): string[] {
  return allStates(definition)
    .filter(([, state]) => Array.isArray(state.Retry) && state.Retry.length > 0)
    .map(([name]) => name);
}

/**
 * The definition as aws-local-stepfunctions 3.0.0 must receive it to behave like AWS (a deep copy; the
 * given definition stays as synthesized):
 * - A Task without TimeoutSeconds(Path) waits 60 s in the library, but (practically) forever in AWS
 *   (99999999 s): give it the longest timer Node allows.
 * - The library resolves TimeoutSecondsPath against the task's effective input (after Parameters), AWS
 *   against the state input: `Timeout.at('$.stage.deadlineSeconds')` next to a `{ FunctionName, Payload }`
 *   Parameters would fail. So the path is evaluated inside Parameters (whose `$` is the state input after
 *   InputPath) into TIMEOUT_FIELD, and TimeoutSecondsPath points there.
 * - Static timers (execution TimeoutSeconds, Task TimeoutSeconds, Wait Seconds) are clamped to
 *   MAX_TIMER_SECONDS.
 */
export function prepareForLocalRun(definition: AslDefinition): AslDefinition {
  const prepared = structuredClone(definition);
  if (typeof prepared.TimeoutSeconds === 'number') {
    prepared.TimeoutSeconds = Math.min(prepared.TimeoutSeconds, MAX_TIMER_SECONDS);
  }
  for (const [, state] of allStates(prepared)) {
    const mutable = state as Record<string, unknown>;
    if (state.Type === 'Wait' && typeof state.Seconds === 'number') {
      mutable.Seconds = Math.min(state.Seconds, MAX_TIMER_SECONDS);
    }
    if (state.Type !== 'Task') continue;
    if (typeof state.TimeoutSecondsPath === 'string' && isPlainObject(state.Parameters)) {
      mutable.Parameters = { ...state.Parameters, [`${TIMEOUT_FIELD}.$`]: state.TimeoutSecondsPath };
      mutable.TimeoutSecondsPath = `$.${TIMEOUT_FIELD}`;
    } else if (state.TimeoutSecondsPath === undefined) {
      const seconds = typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : MAX_TIMER_SECONDS;
      mutable.TimeoutSeconds = Math.min(seconds, MAX_TIMER_SECONDS);
    }
  }
  return prepared;
}
