import type { RegisterName, ServiceDefinition } from '../catalog/types.js';
import type { ServiceRequest } from '../requests/requests.js';
import { text } from '../shared/text.js';
import { type CheckTicket, indexOf, type NextStep, stageAt, statusOf, stepAt } from './approvals.js';
import { type ReviewDeps, transition, withRequest } from './review.js';

/**
 * A public register a publication stage writes to (PublicationStage.register). `publish` brings the
 * register up to date with the request, drawing what it draws (numbers) only the first time, and returns
 * what the request keeps under the stage. Idempotent: the workflow may deliver a step more than once.
 */
export interface Register {
  publish(request: ServiceRequest, service: ServiceDefinition, now: Date): Promise<Record<string, unknown>>;
}

export interface PublicationDeps extends ReviewDeps {
  readonly registers: Readonly<Record<RegisterName, Register>>;
}

/**
 * Runs a publication stage: the register is written first, then the request moves on with what the
 * register drew. A retry after a failure in between finds the register written and draws nothing new.
 */
export async function runPublication(
  deps: PublicationDeps,
  requestId: string,
  ticket: CheckTicket,
): Promise<NextStep> {
  return withRequest(deps, requestId, async (request, service) => {
    if (request.status !== 'CHECKING' || request.stageIndex !== ticket.index) {
      return { step: stepAt(service, request.stageIndex, request.data, request.records) };
    }
    const stage = stageAt(service, ticket.index);
    if (stage.kind !== 'publication')
      throw new Error(`Stage ${stage.key} of ${service.code} is not a publication`);
    const published = await deps.registers[stage.register].publish(request, service, deps.clock.now());
    const next = stepAt(service, ticket.index + 1, request.data, request.records);
    return transition(
      deps,
      {
        ...request,
        records: { ...request.records, [stage.key]: published },
        stageIndex: indexOf(next, service),
      },
      statusOf(next),
      'PUBLISHED',
      next,
      { stage: stage.key, message: text('Dicatat dan diumumkan', 'Registered and published') },
    );
  });
}
