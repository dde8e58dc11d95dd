import { z } from 'zod';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { startReview } from '../core/review.js';
import { clock, workflowTask } from './task.js';

export const handler = workflowTask(
  'StartReview',
  z.object({ requestId: z.string() }),
  async ({ requestId }) => ({
    requestId,
    ...(await startReview({ requests: requestStore(), clock }, requestId)),
  }),
);
