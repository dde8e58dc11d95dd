import { z } from 'zod';
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
