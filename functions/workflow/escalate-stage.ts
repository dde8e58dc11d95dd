import { z } from 'zod';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { escalateStage } from '../core/review.js';
import { clock, stageTicketSchema, workflowTask } from './task.js';

export const handler = workflowTask(
  'EscalateStage',
  z.object({ requestId: z.string(), stage: stageTicketSchema }),
  async ({ requestId, stage }) => ({
    requestId,
    ...(await escalateStage({ requests: requestStore(), clock }, requestId, stage)),
  }),
);
