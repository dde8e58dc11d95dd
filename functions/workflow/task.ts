import { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { systemClock } from '../adapters/env.js';

export const logger = new Logger({ serviceName: 'desa-digital-workflow' });

/** Errors worth another attempt; the state machine retries `TransientError` with backoff and jitter. */
export class TransientError extends Error {
  override readonly name = 'TransientError';
}

export const stageTicketSchema = z.object({
  index: z.number().int().min(0),
  key: z.string(),
  role: z.string(),
  deadlineSeconds: z.number().int().min(1),
});

export const clock = systemClock;

/**
 * Wraps a workflow task: validates its input (a malformed input is a bug, so it fails loudly) and turns
 * throttling or network errors from AWS into TransientError, which the state machine retries.
 */
export function workflowTask<S extends z.ZodType, R>(
  name: string,
  schema: S,
  run: (input: z.output<S>) => Promise<R>,
) {
  return async (event: unknown): Promise<R> => {
    const input = schema.parse(event);
    try {
      return await run(input);
    } catch (error) {
      const retryable = (error as { $retryable?: unknown }).$retryable !== undefined || isThrottle(error);
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
const isThrottle = (error: unknown): boolean => THROTTLES.has((error as Error).name);
