/**
 * An error of the Step Functions API, answered as AWS does (HTTP 400, `{ "__type", "message" }`) so that
 * @aws-sdk/client-sfn throws its typed exception (`ExecutionAlreadyExists`, `TaskTimedOut`, ...).
 */
export type SfnErrorType =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'InvalidArn'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'MissingRequiredParameter'
  | 'SerializationException'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'UnknownOperationException'
  | 'ValidationException';

export class SfnApiError extends Error {
  constructor(
    readonly type: SfnErrorType,
    message: string,
  ) {
    super(message);
    this.name = 'SfnApiError';
  }
}
