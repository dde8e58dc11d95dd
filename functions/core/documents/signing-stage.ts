import type { ServiceDefinition } from '../catalog/types.js';

/** The stage whose decider signs the letter: the last decision stage marked `signs`. */
export const signingStageOf = (service: ServiceDefinition) =>
  service.stages.filter((stage) => stage.kind === 'decision' && stage.signs).at(-1);

/**
 * Whether approving stage `index` is when a certified signing service (BSrE) signs the letter for its
 * approver: it is the signing stage, and nothing the letter prints is decided after it (no later stage
 * records values or draws a register's number), so the letter can be rendered whole at that moment. The
 * legal products, whose numbers are drawn at publication, keep the platform's signature.
 */
export function signedByServiceAt(service: ServiceDefinition, index: number): boolean {
  const stage = service.stages[index];
  if (stage === undefined || stage !== signingStageOf(service)) return false;
  return service.stages
    .slice(index + 1)
    .every((later) => later.kind === 'check' || (later.kind === 'decision' && !later.records?.length));
}
