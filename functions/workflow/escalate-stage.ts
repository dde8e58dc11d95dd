import * as z from 'zod/mini';
import { escalateStage } from '../core/review.js';
import { reviewDeps, stageTicketSchema, workflowTask } from './task.js';

export const handler = workflowTask(
  'EscalateStage',
  z.object({ requestId: z.string(), stage: stageTicketSchema }),
  async ({ requestId, stage }) => ({
    requestId,
    ...(await escalateStage(reviewDeps(), requestId, stage)),
  }),
);
