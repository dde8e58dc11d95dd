import { z } from 'zod';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { recordFailure } from '../core/review.js';
import { clock, workflowTask } from './task.js';

/** Last stop of a failed execution: the request shows FAILED (with the error's name, not its details). */
export const handler = workflowTask(
  'RecordFailure',
  z.object({ requestId: z.string(), error: z.object({ Error: z.string() }).loose() }),
  async ({ requestId, error }) => {
    await recordFailure({ requests: requestStore(), clock }, requestId, error.Error);
    return { requestId };
  },
);
