import { assertCanSee } from './access.js';
import { applyDecision, type DecisionInput } from './approvals.js';
import { findService } from './catalog/index.js';
import { ConflictError } from './errors.js';
import type { Clock, RequestStore, Workflow } from './ports.js';
import type { ServiceRequest } from './requests.js';
import type { Actor } from './roles.js';
import { text } from './text.js';

export interface DecideDeps {
  readonly requests: RequestStore;
  readonly workflow: Workflow;
  readonly clock: Clock;
}

/**
 * Records a decision and resumes the workflow.
 * Primary course: the decision is written first, conditional on the version read (so of two concurrent
 * deciders exactly one wins; the other gets 409), then the waiting task is resumed with the next step.
 * If resuming fails after the write, the decision stands and the error surfaces (5xx) for a retry of the
 * signal; the stored request already shows the decision.
 */
export async function decideRequest(
  deps: DecideDeps,
  actor: Actor,
  requestId: string,
  input: DecisionInput,
): Promise<ServiceRequest> {
  const request = assertCanSee(actor, await deps.requests.get(requestId), requestId);
  const service = findService(request.serviceCode);
  const decided = applyDecision(request, service, actor, input, deps.clock.now());
  const written = await deps.requests.update({
    request: decided.request,
    expectedVersion: request.version,
    event: decided.event,
  });
  if (!written) {
    throw new ConflictError(
      'DECIDED_CONCURRENTLY',
      text(
        'Permohonan ini baru saja diputuskan oleh orang lain; muat ulang untuk melihat statusnya.',
        'Someone else decided this request just now; reload it to see its status.',
      ),
    );
  }
  await deps.workflow.resume(decided.taskToken, { requestId, ...decided.step });
  return decided.request;
}
