import * as z from 'zod/mini';
import { startReview } from '../core/review.js';
import { reviewDeps, workflowTask } from './task.js';

export const handler = workflowTask(
  'StartReview',
  z.object({ requestId: z.string() }),
  async ({ requestId }) => ({
    requestId,
    ...(await startReview(reviewDeps(), requestId)),
  }),
);
