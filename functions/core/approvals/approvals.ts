import { recordsSchema } from '../catalog/application-schema.js';
import type { DecisionStage, ServiceDefinition, StageDefinition } from '../catalog/types.js';
import { decidingRole } from '../identity/policy.js';
import type { Actor, Role, StaffRole } from '../identity/roles.js';
import {
  type AttachmentRef,
  type Decision,
  eventActor,
  type RequestEvent,
  type RequestStatus,
  type ServiceRequest,
} from '../requests/requests.js';
import { ConflictError, ForbiddenError, ValidationError } from '../shared/errors.js';
import { text } from '../shared/text.js';
import { parseOrThrow } from '../shared/validation.js';

/** What the workflow does next: wait for a person, run registry checks, issue the document, or end. */
export type NextStep =
  | { readonly outcome: 'await'; readonly stage: StageTicket }
  | { readonly outcome: 'check'; readonly stage: CheckTicket }
  | { readonly outcome: 'approved' }
  | { readonly outcome: 'closed' };

/** A human task: the stage (or the applicant's correction) the workflow waits for, until its deadline. */
export interface StageTicket {
  readonly index: number;
  readonly key: string;
  readonly role: Role;
  readonly deadlineSeconds: number;
  /** After an escalation: the role that may act for the absent decider. */
  readonly actingRole?: StaffRole;
}

/**
 * Registry checks, run by the workflow's stage task before it opens the next human stage. The task's timer
 * is armed when it is entered, so the ticket carries the deadline of the stage the checks lead to: the
 * next decision stage, or the applicant's correction when that comes sooner (a timer that fires early is
 * re-armed for the time left; one that fired late would escalate late).
 */
export interface CheckTicket {
  readonly index: number;
  readonly key: string;
  readonly deadlineSeconds: number;
}

/**
 * How a step that leaves the human tasks ends the stage task's wait: SendTaskFailure with one of these
 * names, which the state machine catches into IssueDocument or its Closed end. No Choice state (and no
 * billed transition) is spent on routing.
 */
export const WORKFLOW_ENDINGS = { approved: 'Approval.Complete', closed: 'Approval.Closed' } as const;

/** A returned request waits for the applicant's correction under this stage key. */
export const RESUBMISSION_STAGE = 'resubmission';
const RESUBMISSION_HOURS = 14 * 24;

/**
 * Stage deadlines in seconds. STAGE_DEADLINE_SCALE shortens them (the local runtime and tests make hours
 * into seconds to see escalations happen); it is never set in AWS.
 */
export function deadlineSeconds(hours: number): number {
  const scale = Number(process.env.STAGE_DEADLINE_SCALE ?? 1);
  return Math.max(1, Math.round(hours * 3600 * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/**
 * The workflow step for stage `index` of the chain, or the first stage after it that applies to this
 * request's data (a conditional stage that does not apply is passed over); past the last stage the request
 * is approved. A check or a publication is an automated step ('check'): the stage task runs it on the way.
 */
export function stepAt(
  service: ServiceDefinition,
  index: number,
  data: Readonly<Record<string, unknown>>,
  records: StageRecords = {},
): NextStep {
  const at = applicableIndex(service, index, data, records);
  const stage = service.stages[at];
  if (!stage) return { outcome: 'approved' };
  if (stage.kind !== 'decision') {
    return {
      outcome: 'check',
      stage: { index: at, key: stage.key, deadlineSeconds: wakeUpAfterCheck(service, at, data, records) },
    };
  }
  return {
    outcome: 'await',
    stage: {
      index: at,
      key: stage.key,
      role: stage.role,
      deadlineSeconds: deadlineSeconds(stage.deadlineHours),
    },
  };
}

/** The first stage at or after `index` whose condition the data meets; the stage count when none is left. */
function applicableIndex(
  service: ServiceDefinition,
  index: number,
  data: Readonly<Record<string, unknown>>,
  records: StageRecords,
): number {
  let at = index;
  while (at < service.stages.length && !applies(service.stages[at] as StageDefinition, data, records)) at++;
  return at;
}

/** What deciders recorded so far, per stage key (ServiceRequest.records). */
export type StageRecords = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Whether a stage applies: no condition, or the form's field (or an earlier stage's record) is one of its values. */
export function applies(
  stage: StageDefinition,
  data: Readonly<Record<string, unknown>>,
  records: StageRecords = {},
): boolean {
  if (!stage.when) return true;
  const source = stage.when.stage === undefined ? data : (records[stage.when.stage] ?? {});
  return stage.when.oneOf.includes(String(source[stage.when.field] ?? ''));
}

/** Where a step leaves the request in its chain: the stage it opens or runs, or past the end once approved. */
export function indexOf(step: NextStep, service: ServiceDefinition): number {
  return step.outcome === 'await' || step.outcome === 'check' ? step.stage.index : service.stages.length;
}

/** The earlier of the next decision stage's deadline and the correction's (a mismatch returns the request). */
function wakeUpAfterCheck(
  service: ServiceDefinition,
  index: number,
  data: Readonly<Record<string, unknown>>,
  records: StageRecords,
): number {
  const correction = deadlineSeconds(RESUBMISSION_HOURS);
  const next = service.stages
    .slice(index + 1)
    .find((stage): stage is DecisionStage => stage.kind === 'decision' && applies(stage, data, records));
  return next ? Math.min(deadlineSeconds(next.deadlineHours), correction) : correction;
}

/** The applicant's correction, awaited after a return; `index` is where the chain resumes. */
export const resubmissionStep = (index: number): NextStep => ({
  outcome: 'await',
  stage: {
    index,
    key: RESUBMISSION_STAGE,
    role: 'citizen',
    deadlineSeconds: deadlineSeconds(RESUBMISSION_HOURS),
  },
});

export function stageAt(service: ServiceDefinition, index: number): StageDefinition {
  const stage = service.stages[index];
  if (!stage) throw new Error(`Service ${service.code} has no stage ${index}`);
  return stage;
}

export function decisionStageAt(service: ServiceDefinition, index: number): DecisionStage {
  const stage = stageAt(service, index);
  if (stage.kind !== 'decision') throw new Error(`Stage ${stage.key} of ${service.code} is not a decision`);
  return stage;
}

export interface DecisionInput {
  readonly decision: Decision;
  readonly note: string;
  readonly stage?: string;
  /** Files the decider attaches (validated by the caller); required where the stage attaches a document. */
  readonly attachments?: readonly AttachmentRef[];
  /** What the stage asks the decider to record on approval (DecisionStage.records). */
  readonly records?: Readonly<Record<string, unknown>>;
}

export interface DecisionResult {
  readonly request: ServiceRequest;
  readonly event: RequestEvent;
  readonly step: NextStep;
  readonly taskToken: string;
}

/**
 * Applies a decider's decision to the request's current stage.
 * Primary course: the request waits at stage k for role R in village V; an actor with role R (or the acting
 * role after an escalation; of the stage's agency, for agency stages) covering V approves → the request
 * moves on to stage k+1 (or APPROVED after the last), or rejects / returns with a reason → REJECTED, or
 * RETURNED for the applicant to correct (the chain then resumes at stage k). The step resumes the workflow.
 */
export function applyDecision(
  request: ServiceRequest,
  service: ServiceDefinition,
  actor: Actor,
  input: DecisionInput,
  now: Date,
): DecisionResult {
  const { awaiting } = request;
  if (request.status !== 'IN_REVIEW' || !awaiting || awaiting.role === 'citizen') {
    throw notAwaiting(request);
  }
  const stage = decisionStageAt(service, request.stageIndex);
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
  const role = deciderRole(actor, stage, awaiting.actingRole, request.villageCode);
  if (input.decision !== 'approve' && input.note.trim() === '') {
    throw new ValidationError(
      text(
        'Alasan wajib diisi untuk menolak atau mengembalikan.',
        'A reason is required to reject or return.',
      ),
      [{ field: 'note', message: text('note: wajib diisi', 'note: is required') }],
    );
  }
  const attached = input.decision === 'approve' ? (input.attachments ?? []) : [];
  if (
    stage.attachesDocument &&
    input.decision === 'approve' &&
    !attached.some((file) => file.requirementCode === stage.attachesDocument?.requirementCode)
  ) {
    throw new ValidationError(
      text(
        `Lampirkan ${stage.attachesDocument.label.id} untuk menyetujui.`,
        `Attach the ${stage.attachesDocument.label.en} to approve.`,
      ),
      [
        {
          field: 'attachments',
          message: text(
            `${stage.attachesDocument.requirementCode} wajib dilampirkan`,
            `${stage.attachesDocument.requirementCode} is required`,
          ),
        },
      ],
    );
  }

  const records = input.decision === 'approve' ? stageRecords(stage, input.records) : undefined;
  const recorded = records ? { ...request.records, [stage.key]: records } : request.records;
  const [status, step, stageIndex] = nextState(input.decision, service, request, recorded ?? {});
  const at = now.toISOString();
  const { awaiting: _closed, returnedFrom: _previous, ...rest } = request;
  return {
    request: {
      ...rest,
      status,
      stageIndex,
      updatedAt: at,
      version: request.version + 1,
      ...(attached.length > 0 ? { attachments: [...(request.attachments ?? []), ...attached] } : {}),
      ...(records ? { records: recorded } : {}),
      ...(input.decision === 'return' ? { returnedFrom: request.stageIndex } : {}),
      ...(input.decision === 'approve'
        ? {}
        : { outcome: { decision: input.decision, note: input.note, by: actor.name } }),
    },
    event: {
      requestId: request.id,
      at,
      type: `DECISION_${input.decision.toUpperCase()}`,
      status,
      actor: eventActor(actor, role),
      stage: stage.key,
      ...(input.note ? { note: input.note } : {}),
    },
    step,
    taskToken: awaiting.taskToken,
  };
}

/** The role the actor decides in (policy.decidingRole), or a 403 naming who this stage waits for. */
function deciderRole(
  actor: Actor,
  stage: DecisionStage,
  actingRole: StaffRole | undefined,
  villageCode: string,
): StaffRole {
  const role = decidingRole(actor, stage, actingRole, villageCode);
  if (!role) {
    const who = `${stage.role}${stage.agency ? ` (${stage.agency})` : ''}${actingRole ? ` / ${actingRole}` : ''}`;
    throw new ForbiddenError(
      text(
        `Tahap "${stage.label.id}" menunggu keputusan ${who} untuk desa ${villageCode}.`,
        `Stage "${stage.label.en}" waits for the ${who} of village ${villageCode}.`,
      ),
    );
  }
  return role;
}

function nextState(
  decision: Decision,
  service: ServiceDefinition,
  request: ServiceRequest,
  records: StageRecords,
): [RequestStatus, NextStep, number] {
  const index = request.stageIndex;
  if (decision === 'reject') return ['REJECTED', { outcome: 'closed' }, index];
  if (decision === 'return') return ['RETURNED', resubmissionStep(index), index];
  const step = stepAt(service, index + 1, request.data, records);
  return [statusOf(step), step, indexOf(step, service)];
}

/** The request's status while the workflow takes this step. */
export function statusOf(step: NextStep): RequestStatus {
  switch (step.outcome) {
    case 'approved':
      return 'APPROVED';
    case 'check':
      return 'CHECKING';
    case 'await':
      return step.stage.key === RESUBMISSION_STAGE ? 'RETURNED' : 'IN_REVIEW';
    case 'closed':
      throw new Error('A closed step has no single status');
  }
}

export function notAwaiting(request: ServiceRequest): ConflictError {
  return new ConflictError(
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

/**
 * What the decider records at this stage, checked against the stage's declaration: a stage that records
 * nothing accepts nothing, and a missing or malformed value is a 400 naming the field, before anything moves.
 */
function stageRecords(
  stage: DecisionStage,
  values: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> | undefined {
  if (!stage.records) {
    if (values && Object.keys(values).length > 0) {
      throw new ValidationError(
        text(`Tahap "${stage.label.id}" tidak mencatat data.`, `Stage "${stage.label.en}" records no data.`),
        [{ field: 'records', message: text('tidak diharapkan', 'not expected') }],
      );
    }
    return undefined;
  }
  const labels = Object.fromEntries(stage.records.map((field) => [`records.${field.name}`, field.label]));
  return parseOrThrow(recordsSchema(stage.records), { records: values ?? {} }, labels).records;
}
