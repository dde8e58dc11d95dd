import type * as z from 'zod/mini';
import { businessMetrics } from '../adapters/business-metrics.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { systemClock } from '../adapters/env.js';
import { redactingLogger } from '../adapters/log-redaction.js';
import { notifier } from '../adapters/notifications/index.js';
import { WorkflowEnding } from '../core/approvals/advance.js';
import type { ReviewDeps } from '../core/approvals/review.js';
import type { StaffContacts } from '../core/identity/staff.js';

export const logger = redactingLogger('desa-digital-workflow');

/** Errors worth another attempt; the state machine retries `TransientError` with backoff and jitter. */
export class TransientError extends Error {
  override readonly name = 'TransientError';
}

export const clock = systemClock;

/**
 * What every workflow step reads and writes: the request, its service and the time; and, for the steps that
 * open or escalate a stage, the staff to tell (functions/workflow/stage-staff.ts).
 */
export const reviewDeps = (staff?: StaffContacts): ReviewDeps => ({
  requests: requestStore(),
  catalog: catalog(),
  notifier: notifier(),
  metrics: businessMetrics(),
  clock,
  ...(staff ? { staff } : {}),
});

/**
 * Wraps a workflow task: validates its input (a malformed input is a bug, so it fails loudly) and turns
 * throttling or network errors from AWS into TransientError, which the state machine retries.
 */
export function workflowTask<S extends z.ZodMiniType, R>(
  name: string,
  schema: S,
  run: (input: z.output<S>) => Promise<R>,
) {
  return async (event: unknown): Promise<R> => {
    const input = schema.parse(event);
    // The request's id on every line this task logs: the correlation id the API's lines carry too (http.ts).
    logger.removeKeys(['requestId']);
    const requestId = (input as { requestId?: unknown }).requestId;
    if (typeof requestId === 'string') logger.appendKeys({ requestId });
    try {
      return await run(input);
    } catch (error) {
      if (error instanceof WorkflowEnding) throw error; // how the stage task ends: not a failure
      const retryable = isTransient(error);
      logger.error('Workflow task failed', { task: name, retryable, error: error as Error });
      if (retryable) throw new TransientError(`${name}: ${(error as Error).name}`);
      throw error;
    }
  };
}

const THROTTLES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'SlowDown',
  'InternalServerError',
  'ServiceUnavailable',
]);
/** Connection-level failures: the call may not have reached the service at all. */
const NETWORK_ERRORS = new Set([
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

/**
 * Worth another attempt: throttling, any 5xx from the service (S3's InternalError too, which the SDK does
 * not mark retryable), a dropped connection, or a transaction cancelled by a conflicting one in flight.
 */
function isTransient(error: unknown): boolean {
  const failure = error as {
    name?: string;
    code?: string;
    $retryable?: unknown;
    $fault?: string;
    $metadata?: { httpStatusCode?: number };
    CancellationReasons?: readonly { Code?: string }[];
  };
  return (
    failure.$retryable !== undefined ||
    THROTTLES.has(failure.name ?? '') ||
    failure.$fault === 'server' ||
    (failure.$metadata?.httpStatusCode ?? 0) >= 500 ||
    NETWORK_ERRORS.has(failure.code ?? failure.name ?? '') ||
    (failure.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict') ?? false)
  );
}
