import * as z from 'zod/mini';
import { WorkflowEnding } from '../core/approvals/advance.js';
import { escalateStage } from '../core/approvals/review.js';
import { stageStaff } from './stage-staff.js';
import { reviewDeps, workflowTask } from './task.js';

/**
 * The stage task's timer fired: the record says whether the stage is due, and what happens then. A request
 * that needs no one any more (the correction expired; approved while the timer ran) ends here, as the
 * stage task would end.
 */
export const handler = workflowTask(
  'EscalateStage',
  z.object({ requestId: z.string() }),
  async ({ requestId }) => {
    const step = await escalateStage(reviewDeps(stageStaff), requestId);
    if (step.outcome === 'approved' || step.outcome === 'closed') throw new WorkflowEnding(step.outcome);
    return { requestId, ...step };
  },
);
