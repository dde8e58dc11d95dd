/**
 * Errors a Task state fails with. aws-local-stepfunctions matches Retry/Catch `ErrorEquals` against an
 * error's `name`, puts its `message` in the catcher's `Cause`, and reads optional `isRetryable`/`isCatchable`.
 */

/** A Lambda handler threw: Error is its type, Cause the JSON document Lambda reports, as in AWS. */
export class LambdaFunctionError extends Error {
  constructor(errorType: string, cause: string) {
    super(cause);
    this.name = errorType;
  }

  static from(thrown: unknown): LambdaFunctionError {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    const errorType = error.name || 'Error';
    const trace = error.stack?.split('\n').slice(1) ?? [];
    return new LambdaFunctionError(
      errorType,
      JSON.stringify({ errorType, errorMessage: error.message, trace }),
    );
  }
}

/** SendTaskFailure: the state fails with the caller's error and cause. */
export class TaskFailedError extends Error {
  constructor(error: string | undefined, cause: string | undefined) {
    super(cause ?? '');
    this.name = error ?? '';
  }
}

/**
 * Ends a task whose execution was stopped or detached by a shutdown. Neither retryable nor catchable, so
 * the library cannot run more states (or invoke the handler again) for an execution that is over.
 */
export class ExecutionClosedError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor() {
    super('The execution was stopped');
    this.name = 'ExecutionClosedError';
  }
}
