import { type ResourceNeed, TABLE_NEEDS } from '../api/route-types.js';
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
/**
 * What every task does to the table: reads its request (REQ#, with events) and the service's village
 * programme and letterhead (VILLAGE#), writes in the request's partition (the request, events, registry
 * look-ups, notices in the outbox) and counts messages per destination.
 */
const REQUEST_STEP = [
  { table: ['GetItem', 'Query'], partitions: ['REQ#', 'VILLAGE#'] },
  TABLE_NEEDS.requestWrites,
  TABLE_NEEDS.rateCounts,
  'notify',
  'pseudonym:key',
] as const satisfies readonly ResourceNeed[];

export const WORKFLOW_TASKS = {
  StartReview: {
    entry: 'functions/workflow/start-review.ts',
    needs: REQUEST_STEP,
  },
  // Opens a stage (and re-opens it for the stand-in after an escalation): lists the stage's deciders.
  AwaitDecision: {
    entry: 'functions/workflow/open-stage.ts',
    needs: [...REQUEST_STEP, 'staff:read'],
  },
  RunChecks: {
    entry: 'functions/workflow/run-checks.ts',
    needs: REQUEST_STEP,
  },
  EscalateStage: {
    entry: 'functions/workflow/escalate-stage.ts',
    needs: REQUEST_STEP,
  },
  IssueDocument: {
    entry: 'functions/workflow/issue-document.ts',
    needs: [
      ...REQUEST_STEP,
      // The letter, its hash record and the village's next letter number, in one transaction.
      { table: ['PutItem', 'UpdateItem'], partitions: ['DOC#', 'DOCHASH#', 'COUNTER#'] },
      'documents:write',
      'documents:sign',
    ],
  },
  RecordFailure: {
    entry: 'functions/workflow/record-failure.ts',
    needs: REQUEST_STEP,
  },
} as const satisfies Record<string, { entry: string; needs: readonly ResourceNeed[] }>;

export type WorkflowTaskName = keyof typeof WORKFLOW_TASKS;

/** What routes the workflow after every step: wait for a stage, issue, or close (see core/approvals.ts). */
export type WorkflowStep = NextStep & { readonly requestId: string };
