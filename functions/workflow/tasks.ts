import type { ResourceNeed } from '../api/route-types.js';

/**
 * The Lambda-backed tasks of the generic approval workflow. The CDK workflow construct creates one function
 * per task and the local Step Functions runtime maps each synthesized Task state back to the same module.
 *
 * Contract (every task's input and output is JSON):
 * - StartReview      in { requestId }                          out WorkflowStep
 * - AwaitDecision    in { requestId, stage, taskToken }        (waitForTaskToken; the decision API sends a WorkflowStep)
 * - EscalateStage    in WorkflowStep & { timeout }             out WorkflowStep (same stage, escalated)
 * - IssueDocument    in { requestId }                          out { requestId, outcome: 'issued', documentId }
 * - RecordFailure    in { requestId, error: { Error, Cause } } out { requestId }
 */
export const WORKFLOW_TASKS = {
  StartReview: { entry: 'functions/workflow/start-review.ts', needs: ['table:read', 'table:write'] },
  AwaitDecision: { entry: 'functions/workflow/open-stage.ts', needs: ['table:read', 'table:write'] },
  EscalateStage: { entry: 'functions/workflow/escalate-stage.ts', needs: ['table:read', 'table:write'] },
  IssueDocument: {
    entry: 'functions/workflow/issue-document.ts',
    needs: ['table:read', 'table:write', 'documents:write'],
  },
  RecordFailure: { entry: 'functions/workflow/record-failure.ts', needs: ['table:read', 'table:write'] },
} as const satisfies Record<string, { entry: string; needs: readonly ResourceNeed[] }>;

export type WorkflowTaskName = keyof typeof WORKFLOW_TASKS;

/** What routes the workflow after every step: wait for a stage, issue, or close. */
export type WorkflowStep =
  | { readonly requestId: string; readonly outcome: 'await'; readonly stage: StageTicket }
  | { readonly requestId: string; readonly outcome: 'approved' }
  | { readonly requestId: string; readonly outcome: 'closed' };

export interface StageTicket {
  readonly index: number;
  readonly key: string;
  readonly role: string;
  /** The human task's timeout (TimeoutSecondsPath $.stage.deadlineSeconds). */
  readonly deadlineSeconds: number;
}
