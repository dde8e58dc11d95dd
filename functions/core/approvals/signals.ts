import { type PendingSignal, pendingSignalOf, type ServiceRequest } from '../requests/requests.js';
import type { RequestStore, Workflow } from '../shared/ports.js';
import type { NextStep } from './approvals.js';

/**
 * A change that moves the workflow on (a decision, a correction) records the signal to send in the same
 * conditional write: the task token and the step. If SendTaskSuccess then fails, nothing is lost — the
 * token stays on the record until the workflow has moved on, and the reconciler sends it again.
 */
export function withSignal(
  request: ServiceRequest,
  taskToken: string,
  step: NextStep,
  at: string,
): ServiceRequest {
  const signal: PendingSignal = {
    taskToken,
    output: { requestId: request.id, ...step },
    at,
    version: request.version,
  };
  return { ...request, pendingSignal: signal };
}

/** sent: the workflow has it · gone: no task waits for the token any more · none: nothing was pending. */
export type SignalOutcome = 'sent' | 'gone' | 'none';

/**
 * Sends the request's pending signal (idempotent: a token already used answers 'gone').
 * Primary course: SendTaskSuccess succeeds, and the workflow's next write (the next stage opening, the letter
 * issued) settles the signal. A step that closes the workflow has no next write, and a token that is gone
 * will never be answered: in both cases the signal is removed here. A failure to send throws and leaves the
 * signal for the reconciler.
 */
export async function deliverSignal(
  deps: { readonly requests: RequestStore; readonly workflow: Workflow },
  request: ServiceRequest,
): Promise<SignalOutcome> {
  const signal = pendingSignalOf(request);
  if (!signal) return 'none';
  const outcome = await deps.workflow.resume(signal.taskToken, signal.output);
  if (outcome === 'gone' || signal.output.outcome === 'closed') {
    await deps.requests.clearSignal(request.id, signal.version);
  }
  return outcome;
}
