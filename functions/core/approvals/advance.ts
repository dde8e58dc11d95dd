import { type StageTicket, stageAt, WORKFLOW_ENDINGS } from './approvals.js';
import { type PublicationDeps, runPublication } from './publication.js';
import { type CheckDeps, runChecks } from './registry-checks.js';
import { openStage, startReview, stepFor } from './review.js';

/**
 * What the workflow's stage task was armed for: the stage it expected to open and that stage's deadline,
 * which is the task's timer. A check ticket or the start carry no role.
 */
export type WakeUpTicket = Pick<StageTicket, 'index' | 'key' | 'deadlineSeconds' | 'actingRole'>;

/** The request needs no person any more: the stage task ends with this error, which the workflow catches. */
export class WorkflowEnding extends Error {
  constructor(readonly outcome: keyof typeof WORKFLOW_ENDINGS) {
    super(`The request is ${outcome}: no stage to await`);
    this.name = WORKFLOW_ENDINGS[outcome];
  }
}

/** Automated steps in one invocation: the start's data check and each check stage, at most one each. */
const MAX_STEPS = 8;

/**
 * The workflow's one human task, one invocation per stage. It takes the request from where its record says
 * it stands to the next person it waits for — running the automated steps on the way (the start's data
 * check, registry checks), each an idempotent, conditional write of its own — and opens that stage with the
 * task token, so the workflow spends one billed transition per human stage and none on routing.
 * Primary course: a decision approved stage k; the record is IN_REVIEW at k+1 → stage k+1 opens.
 * A request that needs no one any more (approved, or closed while the timer ran) ends the task with a
 * WorkflowEnding; the decision API ends it the same way with SendTaskFailure when a decision finishes the chain.
 */
export async function advance(
  deps: CheckDeps & PublicationDeps,
  requestId: string,
  armedFor: WakeUpTicket,
  taskToken: string,
  enteredAt: Date,
): Promise<void> {
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    const request = await deps.requests.get(requestId);
    if (!request) throw new Error(`Request ${requestId} not found`);
    const service = await deps.catalog.definitionOf(request);
    if (request.status === 'SUBMITTED') {
      await startReview(deps, requestId);
      continue;
    }
    const step = stepFor(request, service);
    if (step.outcome === 'check') {
      // An automated stage: registry checks, or a publication into a public register.
      if (stageAt(service, step.stage.index).kind === 'publication') {
        await runPublication(deps, requestId, step.stage);
      } else await runChecks(deps, requestId, step.stage);
      continue;
    }
    if (step.outcome !== 'await') throw new WorkflowEnding(step.outcome);
    // The stage the timer was armed for keeps what the ticket carries: the stand-in after an escalation and
    // the time left after an early wake-up. Another stage (the checks led elsewhere) opens as the catalog says.
    const armed = armedFor.key === step.stage.key && armedFor.index === step.stage.index;
    const ticket = armed
      ? {
          ...step.stage,
          deadlineSeconds: armedFor.deadlineSeconds,
          ...(armedFor.actingRole ? { actingRole: armedFor.actingRole } : {}),
        }
      : step.stage;
    await openStage(deps, requestId, ticket, taskToken, enteredAt);
    return;
  }
  throw new Error(`Request ${requestId} did not reach a human stage in ${MAX_STEPS} automated steps`);
}
