import type { ServiceDefinition, StageDefinition } from './catalog/types.js';
import { ConflictError, ForbiddenError, ValidationError } from './errors.js';
import type { Decision, RequestEvent, RequestStatus, ServiceRequest } from './requests.js';
import { type Actor, actorCoversVillage } from './roles.js';
import { text } from './text.js';

/** What the workflow does next: wait for a stage's decider, issue the document, or end. */
export type NextStep =
  | { readonly outcome: 'await'; readonly stage: StageTicket }
  | { readonly outcome: 'approved' }
  | { readonly outcome: 'closed' };

export interface StageTicket {
  readonly index: number;
  readonly key: string;
  readonly role: string;
  readonly deadlineSeconds: number;
}

export function stageTicket(service: ServiceDefinition, index: number): StageTicket {
  const stage = stageAt(service, index);
  return { index, key: stage.key, role: stage.role, deadlineSeconds: Math.round(stage.deadlineHours * 3600) };
}

export function stageAt(service: ServiceDefinition, index: number): StageDefinition {
  const stage = service.stages[index];
  if (!stage) throw new Error(`Service ${service.code} has no stage ${index}`);
  return stage;
}

export interface DecisionInput {
  readonly decision: Decision;
  readonly note: string;
  readonly stage?: string;
}

export interface DecisionResult {
  readonly request: ServiceRequest;
  readonly event: RequestEvent;
  readonly step: NextStep;
  readonly taskToken: string;
}

/**
 * Applies a decider's decision to the request's current stage.
 * Primary course: the request waits at stage k for role R in village V; an actor with role R covering V
 * approves → the request moves to stage k+1 (or APPROVED after the last stage), or rejects/returns with a
 * reason → REJECTED/RETURNED. The returned step resumes the workflow's waiting task.
 */
export function applyDecision(
  request: ServiceRequest,
  service: ServiceDefinition,
  actor: Actor,
  input: DecisionInput,
  now: Date,
): DecisionResult {
  const { awaiting } = request;
  if (request.status !== 'IN_REVIEW' || !awaiting) {
    throw new ConflictError(
      'NOT_AWAITING_DECISION',
      request.status === 'IN_REVIEW'
        ? text(
            'Permohonan sedang diteruskan ke tahap berikutnya; coba lagi sebentar lagi.',
            'The request is being routed to its next stage; try again in a moment.',
          )
        : text(
            `Permohonan berstatus ${request.status} dan tidak menunggu keputusan.`,
            `The request is ${request.status} and is not waiting for a decision.`,
          ),
      { status: request.status },
    );
  }
  const stage = stageAt(service, request.stageIndex);
  if (input.stage && input.stage !== stage.key) {
    throw new ConflictError(
      'STAGE_MOVED_ON',
      text(
        `Permohonan sekarang di tahap "${stage.key}", bukan "${input.stage}".`,
        `The request is now at stage "${stage.key}", not "${input.stage}".`,
      ),
      { stage: stage.key },
    );
  }
  if (!actor.roles.includes(stage.role) || !actorCoversVillage(actor, request.villageCode)) {
    throw new ForbiddenError(
      text(
        `Tahap "${stage.label.id}" menunggu keputusan ${stage.role} desa ${request.villageCode}.`,
        `Stage "${stage.label.en}" waits for the ${stage.role} of village ${request.villageCode}.`,
      ),
    );
  }
  if (input.decision !== 'approve' && input.note.trim() === '') {
    throw new ValidationError(
      text(
        'Alasan wajib diisi untuk menolak atau mengembalikan.',
        'A reason is required to reject or return.',
      ),
      [{ field: 'note', message: text('note: wajib diisi', 'note: is required') }],
    );
  }

  const isLastStage = request.stageIndex === service.stages.length - 1;
  const [status, step, stageIndex] = nextState(input.decision, isLastStage, service, request.stageIndex);
  const at = now.toISOString();
  const role = stage.role;
  const { awaiting: _closed, ...rest } = request;
  return {
    request: {
      ...rest,
      status,
      stageIndex,
      updatedAt: at,
      version: request.version + 1,
      ...(input.decision === 'approve'
        ? {}
        : { outcome: { decision: input.decision, note: input.note, by: actor.name } }),
    },
    event: {
      requestId: request.id,
      at,
      type: `DECISION_${input.decision.toUpperCase()}`,
      status,
      actor: { subject: actor.subject, name: actor.name, role },
      stage: stage.key,
      ...(input.note ? { note: input.note } : {}),
    },
    step,
    taskToken: awaiting.taskToken,
  };
}

function nextState(
  decision: Decision,
  isLastStage: boolean,
  service: ServiceDefinition,
  index: number,
): [RequestStatus, NextStep, number] {
  if (decision === 'reject') return ['REJECTED', { outcome: 'closed' }, index];
  if (decision === 'return') return ['RETURNED', { outcome: 'closed' }, index];
  if (isLastStage) return ['APPROVED', { outcome: 'approved' }, index + 1];
  return ['IN_REVIEW', { outcome: 'await', stage: stageTicket(service, index + 1) }, index + 1];
}
