import type { EventLog } from './asl.js';

/** A Step Functions history event without its id (numbered when GetExecutionHistory answers). */
export interface HistoryEntry {
  /** epoch milliseconds */
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value ?? null));

/**
 * Translates the library's event log into the Step Functions history event types that matter for
 * debugging (execution and state enter/exit, task and execution failures). Retries, catches and
 * Map/Parallel iteration events have no one-to-one AWS counterpart and are left out.
 */
export function toHistoryEntry(event: EventLog): HistoryEntry | undefined {
  const { timestamp } = event;
  switch (event.type) {
    case 'ExecutionStarted':
      return {
        timestamp,
        type: 'ExecutionStarted',
        executionStartedEventDetails: { input: text(event.input), inputDetails: { truncated: false } },
      };
    case 'StateEntered':
      return {
        timestamp,
        type: `${event.state.type}StateEntered`,
        stateEnteredEventDetails: { name: event.state.name, input: text(event.state.input) },
      };
    case 'StateExited':
      return {
        timestamp,
        type: `${event.state.type}StateExited`,
        stateExitedEventDetails: { name: event.state.name, output: text(event.state.output) },
      };
    case 'StateFailed':
      if (event.state.type !== 'Task') return undefined;
      return {
        timestamp,
        type: 'TaskFailed',
        taskFailedEventDetails: {
          resourceType: 'lambda',
          resource: event.state.name,
          error: event.Error,
          cause: text(event.Cause),
        },
      };
    case 'ExecutionSucceeded':
      return {
        timestamp,
        type: 'ExecutionSucceeded',
        executionSucceededEventDetails: { output: text(event.output) },
      };
    case 'ExecutionFailed':
      return {
        timestamp,
        type: 'ExecutionFailed',
        executionFailedEventDetails: { error: event.Error, cause: text(event.Cause) },
      };
    case 'ExecutionAborted':
      return { timestamp, type: 'ExecutionAborted', executionAbortedEventDetails: {} };
    case 'ExecutionTimeout':
      return {
        timestamp,
        type: 'ExecutionTimedOut',
        executionTimedOutEventDetails: { error: 'States.Timeout' },
      };
    default:
      return undefined;
  }
}
