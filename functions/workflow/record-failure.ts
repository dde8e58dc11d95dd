import * as z from 'zod/mini';
import { recordFailure } from '../core/approvals/review.js';
import { reviewDeps, workflowTask } from './task.js';

/** Last stop of a failed execution: the request shows FAILED (with the error's name, not its details). */
export const handler = workflowTask(
  'RecordFailure',
  z.object({ requestId: z.string(), error: z.looseObject({ Error: z.string() }) }),
  async ({ requestId, error }) => {
    await recordFailure(reviewDeps(), requestId, error.Error);
    return { requestId };
  },
);
