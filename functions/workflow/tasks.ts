import { type ResourceNeed, TABLE_NEEDS } from '../api/route-types.js';
import type { NextStep } from '../core/approvals/approvals.js';

/**
 * The Lambda-backed tasks of the generic approval workflow. The CDK workflow construct creates one function
 * per task and the local Step Functions runtime maps each synthesized Task state back to the same module.
 *
 * Contract (every task's input and output is JSON):
 * - AwaitDecision    in { requestId, stage: WakeUpTicket, taskToken, enteredAt }
 *                    (waitForTaskToken: the decision API sends the next WorkflowStep, or ends the task with
 *                    SendTaskFailure Approval.Complete / Approval.Closed; see core/approvals WORKFLOW_ENDINGS)
 * - EscalateStage    in { requestId }                          out WorkflowStep (escalated, re-armed or moved on)
 * - IssueDocument    in { requestId }                          out { requestId, outcome: 'issued', documentId }
 * - RecordFailure    in { requestId, error: { Error, Cause } } out { requestId }
 */
/**
 * What every task does to the table: reads its request (REQ#, with events), the service's village
 * programme and letterhead (VILLAGE#) and the service's definition as the request was submitted under it
 * (SERVICEVERSION#), writes in the request's partition (the request, events, registry look-ups, notices in
 * the outbox) and counts messages per destination.
 */
const REQUEST_STEP = [
  { table: ['GetItem', 'Query'], partitions: ['REQ#', 'VILLAGE#'] },
  TABLE_NEEDS.serviceVersions,
  TABLE_NEEDS.requestWrites,
  TABLE_NEEDS.rateCounts,
  'notify',
  'pseudonym:key',
] as const satisfies readonly ResourceNeed[];

export const WORKFLOW_TASKS = {
  // Runs the start and registry checks, then opens the stage (and re-opens it for the stand-in after an
  // escalation): lists the stage's deciders, and reminds them, batched per person and hour (their digest
  // of the hour is read, created by the hour's first reminder, and holds the later ones).
  AwaitDecision: {
    entry: 'functions/workflow/await-decision.ts',
    needs: [
      ...REQUEST_STEP,
      'staff:read',
      { table: ['GetItem', 'PutItem'], partitions: ['DIGEST#'] },
      // A publication stage (core/approvals/publication.ts): the legal products register, its copy in the
      // regency's register, and the village's numbers (drawn, or voided after a lost race).
      { table: ['GetItem', 'PutItem'], partitions: ['LAW#', 'LAWREG#', 'LAWNO#'] },
      { table: ['PutItem', 'UpdateItem'], partitions: ['COUNTER#'] },
      // A Perdes on the APBDes adopts that year's latest draft (core/budget/adoption.ts).
      { table: ['Query', 'UpdateItem'], partitions: ['BUDGET#'] },
      // Then the village's site is marked stale (core/website/stale-sites.ts): it lists both.
      TABLE_NEEDS.siteStale,
      // The desil register (SPM): the regency's current DTSEN import, then the person's row in it.
      { table: ['GetItem'], partitions: ['DESIL#'] },
    ],
  },
  EscalateStage: {
    entry: 'functions/workflow/escalate-stage.ts',
    // An escalated stage is announced to the role that may now act (the village secretary for an absent
    // head): its members are listed, as when a stage opens.
    needs: [...REQUEST_STEP, 'staff:read'],
  },
  IssueDocument: {
    entry: 'functions/workflow/issue-document.ts',
    needs: [
      ...REQUEST_STEP,
      // The letter, its hash record and the village's next letter number, in one transaction.
      { table: ['PutItem', 'UpdateItem'], partitions: ['DOC#', 'DOCHASH#', 'COUNTER#'] },
      // The certificates its PAdES signature carries: read, or issued once (signer-certificates.ts).
      { table: ['GetItem', 'PutItem'], partitions: ['CERT#'] },
      'documents:write',
      'documents:sign',
      // The regency's emblem on the letterhead (core/documents/emblem.ts).
      'emblems:read',
    ],
  },
  RecordFailure: {
    entry: 'functions/workflow/record-failure.ts',
    needs: REQUEST_STEP,
  },
} as const satisfies Record<string, { entry: string; needs: readonly ResourceNeed[] }>;

export type WorkflowTaskName = keyof typeof WORKFLOW_TASKS;

/** What moves the workflow on after every step: wait for a stage, issue, or close (see core/approvals.ts). */
export type WorkflowStep = NextStep & { readonly requestId: string };
