import type { ResourceNeed } from '../api/route-types.js';
import type { NextStep } from '../core/approvals.js';

/**
 * The Lambda-backed tasks of the generic approval workflow. The CDK workflow construct creates one function
 * per task and the local Step Functions runtime maps each synthesized Task state back to the same module.
 *
 * Contract (every task's input and output is JSON):
 * - StartReview      in { requestId }                          out WorkflowStep
 * - AwaitDecision    in { requestId, stage, taskToken }        (waitForTaskToken; the decision API sends a WorkflowStep)
 * - RunChecks        in { requestId, stage: CheckTicket }          out WorkflowStep (next stage, or returned)
 * - EscalateStage    in WorkflowStep & { timeout }             out WorkflowStep (same stage, escalated)
 * - IssueDocument    in { requestId }                          out { requestId, outcome: 'issued', documentId }
 * - RecordFailure    in { requestId, error: { Error, Cause } } out { requestId }
 */
export const WORKFLOW_TASKS = {
  StartReview: {
    entry: 'functions/workflow/start-review.ts',
    needs: ['table:read', 'table:write', 'notify', 'pseudonym:key'],
  },
  // Opens a stage (and re-opens it for the stand-in after an escalation): lists the stage's deciders.
  AwaitDecision: {
    entry: 'functions/workflow/open-stage.ts',
    needs: ['table:read', 'table:write', 'notify', 'staff:read', 'pseudonym:key'],
  },
  RunChecks: {
    entry: 'functions/workflow/run-checks.ts',
    needs: ['table:read', 'table:write', 'notify', 'pseudonym:key'],
  },
  EscalateStage: {
    entry: 'functions/workflow/escalate-stage.ts',
    needs: ['table:read', 'table:write', 'notify', 'pseudonym:key'],
  },
  IssueDocument: {
    entry: 'functions/workflow/issue-document.ts',
    needs: ['table:read', 'table:write', 'documents:write', 'documents:sign', 'notify', 'pseudonym:key'],
  },
  RecordFailure: {
    entry: 'functions/workflow/record-failure.ts',
    needs: ['table:read', 'table:write', 'notify', 'pseudonym:key'],
  },
} as const satisfies Record<string, { entry: string; needs: readonly ResourceNeed[] }>;

export type WorkflowTaskName = keyof typeof WORKFLOW_TASKS;

/** What routes the workflow after every step: wait for a stage, issue, or close (see core/approvals.ts). */
export type WorkflowStep = NextStep & { readonly requestId: string };
