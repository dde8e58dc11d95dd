import * as z from 'zod/mini';
import { openStage } from '../core/review.js';
import { reviewDeps, stageTicketSchema, workflowTask } from './task.js';

/** The human task: records the task token on the request; the decision API resumes the workflow with it. */
export const handler = workflowTask(
  'AwaitDecision',
  z.object({ requestId: z.string(), stage: stageTicketSchema, taskToken: z.string().check(z.minLength(1)) }),
  async ({ requestId, stage, taskToken }) => {
    await openStage(reviewDeps(), requestId, stage, taskToken);
    return { requestId };
  },
);
