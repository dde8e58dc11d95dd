import { applicationSchema } from '../catalog/application-schema.js';
import type { ServiceCatalog } from '../catalog/service-catalog.js';
import type { ServiceDefinition } from '../catalog/types.js';
import type { StaffContacts } from '../identity/staff.js';
import { announce } from '../notifications/announce.js';
import type { BusinessMetrics } from '../requests/business-metrics.js';
import {
  FINAL_STATUSES,
  type RequestEvent,
  type RequestStatus,
  type ServiceRequest,
} from '../requests/requests.js';
import type { Clock, Notifier, RequestStore } from '../shared/ports.js';
import { text } from '../shared/text.js';
import {
  decisionStageAt,
  indexOf,
  type NextStep,
  RESUBMISSION_STAGE,
  resubmissionStep,
  type StageTicket,
  statusOf,
  stepAt,
} from './approvals.js';

/** The workflow's automated steps. Each is idempotent: Step Functions may deliver a task more than once. */
export interface ReviewDeps {
  readonly requests: RequestStore;
  readonly catalog: ServiceCatalog;
  readonly notifier: Notifier;
  /** Counts the change for devops (issue 15); absent where nobody counts (tests, scripts). */
  readonly metrics?: BusinessMetrics;
  readonly clock: Clock;
  /**
   * Who decides a stage, to tell them it waits (read when a stage opens or is escalated, not before); absent
   * in the steps that never open one (recording a failure, issuing, the reconciler).
   */
  readonly staff?: StaffContacts;
}

export const SYSTEM_ACTOR = { subject: 'system', name: 'Sistem Desa Digital', role: 'system' } as const;

/**
 * Runs the automated checks and routes the request to the first step of its chain.
 * Primary course: a SUBMITTED request whose data still passes its service's schema moves on to stage 0.
 * Data that no longer passes (the service changed since submission) returns the request with the reason.
 */
export async function startReview(deps: ReviewDeps, requestId: string): Promise<NextStep> {
  return withRequest(deps, requestId, (request, service) => {
    if (request.status !== 'SUBMITTED') return { step: stepFor(request, service) };
    const checked = applicationSchema(service).safeParse(request.data);
    if (!checked.success) {
      const fields = checked.error.issues.map((issue) => issue.path.join('.')).join(', ');
      const step = resubmissionStep(0);
      return transition(deps, { ...request, returnedFrom: 0 }, 'RETURNED', 'CHECK_FAILED', step, {
        note: `Data tidak sesuai ketentuan layanan / data does not meet the service rules: ${fields}`,
      });
    }
    const step = stepAt(service, 0, request.data);
    const routed = { ...request, stageIndex: indexOf(step, service) };
    return transition(deps, routed, statusOf(step), 'CHECKS_PASSED', step);
  });
}

/**
 * Records that a person is awaited — a stage's decider, or the applicant correcting a returned request —
 * with the workflow's task token and the due time. Called again with a fresh token when the task is
 * re-opened (after an escalation or a runtime restart).
 */
export async function openStage(
  deps: ReviewDeps,
  requestId: string,
  stage: StageTicket,
  taskToken: string,
  openedAt: Date = deps.clock.now(),
): Promise<void> {
  await withRequest(deps, requestId, (request, service) => {
    const resubmission = stage.key === RESUBMISSION_STAGE;
    const expected: RequestStatus = resubmission ? 'RETURNED' : 'IN_REVIEW';
    if (request.status !== expected || request.stageIndex !== stage.index) {
      throw new Error(
        `Request is ${request.status} at stage ${request.stageIndex}, not awaiting ${stage.key} (${stage.index})`,
      );
    }
    // The same delivery again (Step Functions delivers a task at least once): already recorded; tell the
    // deciders again with the same composition, so the outbox sends only what the first one did not.
    if (request.awaiting?.taskToken === taskToken) return { step: undefined, announceAgain: true };
    const now = deps.clock.now();
    const reopened = request.awaiting?.stageKey === stage.key;
    const label = resubmission
      ? text('Menunggu perbaikan dari pemohon', "Waiting for the applicant's correction")
      : decisionStageAt(service, stage.index).label;
    return {
      step: undefined,
      change: {
        request: {
          ...request,
          awaiting: {
            stageKey: stage.key,
            role: stage.role,
            ...(stage.actingRole ? { actingRole: stage.actingRole } : {}),
            // from when the workflow armed the stage's timer, so the record's due time and the timer agree
            dueAt: new Date(openedAt.getTime() + stage.deadlineSeconds * 1000).toISOString(),
            taskToken,
          },
          updatedAt: now.toISOString(),
          version: request.version + 1,
        },
        event: reopened
          ? undefined
          : event(request, now, 'STAGE_OPENED', request.status, { stage: stage.key, message: label }),
      },
    };
  });
}

/**
 * The timer of the stage task fired. The record, not the timer, says what is due: a request that moved on
 * meanwhile (a decision crossed the deadline) is routed on; a stage whose due time is still ahead (the timer
 * was armed for the stage the checks led to, and they returned the request instead) waits for the time
 * left. A stage that is due: the first time, a stage with an escalation role hands it to that role too
 * (village head absent → village secretary acting; district or agency overdue → regency); after that it
 * stays open and each further deadline is recorded as overdue. A correction never sent expires the request.
 */
export async function escalateStage(deps: ReviewDeps, requestId: string): Promise<NextStep> {
  return withRequest<NextStep>(deps, requestId, (request, service) => {
    const step = stepFor(request, service);
    const { awaiting, ...rest } = request;
    if (!awaiting || step.outcome !== 'await' || awaiting.stageKey !== step.stage.key) return { step };
    const acting = awaiting.actingRole ? { actingRole: awaiting.actingRole } : {};
    const left = Date.parse(awaiting.dueAt) - deps.clock.now().getTime();
    if (left > EARLY_WAKE_MS) {
      return {
        step: {
          outcome: 'await',
          stage: { ...step.stage, ...acting, deadlineSeconds: Math.ceil(left / 1000) },
        },
      };
    }
    if (step.stage.key === RESUBMISSION_STAGE) {
      return transition(
        deps,
        rest,
        'EXPIRED',
        'EXPIRED',
        { outcome: 'closed' },
        {
          message: text('Batas waktu perbaikan terlewati', 'The time to correct the request has passed'),
        },
      );
    }
    const definition = decisionStageAt(service, request.stageIndex);
    if (definition.escalateTo && !awaiting.actingRole) {
      return transition(
        deps,
        rest,
        'IN_REVIEW',
        'ESCALATED',
        { outcome: 'await', stage: { ...step.stage, actingRole: definition.escalateTo } },
        {
          stage: step.stage.key,
          note: definition.escalateTo,
          message: text(
            `Tahap melewati batas waktu; ${definition.escalateTo} dapat memutuskan`,
            `Stage passed its deadline; the ${definition.escalateTo} may now decide`,
          ),
        },
      );
    }
    return transition(
      deps,
      rest,
      'IN_REVIEW',
      'STAGE_OVERDUE',
      { outcome: 'await', stage: { ...step.stage, ...acting } },
      {
        stage: step.stage.key,
        message: text('Tahap melewati batas waktu', 'Stage passed its deadline'),
      },
    );
  });
}

/**
 * A timer that fires more than this before the recorded due time woke early (it was armed for another
 * stage) and is re-armed; less is clock skew between the workflow and the function.
 */
const EARLY_WAKE_MS = 1000;

/** The workflow failed for good: the request says so instead of waiting forever. */
export async function recordFailure(deps: ReviewDeps, requestId: string, errorName: string): Promise<void> {
  await withRequest(deps, requestId, (request) => {
    if (request.status === 'ISSUED' || request.status === 'FAILED') return { step: undefined };
    const { awaiting: _dropped, ...rest } = request;
    return transition(deps, rest, 'FAILED', 'WORKFLOW_FAILED', undefined, { note: errorName });
  });
}

/** How an execution ended without moving its request to a final status. */
export type EndedExecution = 'TIMED_OUT' | 'FAILED' | 'ABORTED';

/**
 * The request's execution ended while the request still waited (the state machine's timeout never runs
 * RecordFailure; an aborted execution neither): the request is closed, visibly, instead of waiting forever.
 * A timeout expires it (EXPIRED, event WORKFLOW_TIMED_OUT); any other end fails it (FAILED, as RecordFailure
 * would). The applicant is told; the open stage, if any, leaves the staff's inbox. Idempotent: a request
 * already final is left alone. Returns whether this call closed it.
 */
export async function closeEnded(
  deps: ReviewDeps,
  requestId: string,
  ended: EndedExecution,
): Promise<boolean> {
  return withRequest(deps, requestId, (request) => {
    if (FINAL_STATUSES.includes(request.status)) return { step: false };
    const { awaiting: _dropped, ...rest } = request;
    if (ended === 'TIMED_OUT') {
      return transition(deps, rest, 'EXPIRED', 'WORKFLOW_TIMED_OUT', true, {
        message: text(
          'Permohonan ditutup: tidak selesai diproses dalam batas waktu',
          'The request was closed: it was not completed within the time allowed',
        ),
      });
    }
    return transition(deps, rest, 'FAILED', 'WORKFLOW_FAILED', true, { note: `execution ${ended}` });
  });
}

/** Where the workflow stands for a request that was already moved on (a redelivered task). */
export function stepFor(request: ServiceRequest, service: ServiceDefinition): NextStep {
  switch (request.status) {
    case 'SUBMITTED':
      return stepAt(service, 0, request.data);
    case 'IN_REVIEW':
    case 'CHECKING':
      return stepAt(service, request.stageIndex, request.data, request.records);
    case 'RETURNED':
      return resubmissionStep(request.returnedFrom ?? request.stageIndex);
    case 'APPROVED':
      return { outcome: 'approved' };
    default:
      return { outcome: 'closed' };
  }
}

export interface Planned<T> {
  readonly step: T;
  readonly change?: { readonly request: ServiceRequest; readonly event?: RequestEvent };
  /** No change: an earlier delivery of the task wrote it; announce the request as it stands (same ids). */
  readonly announceAgain?: boolean;
}

export function transition<T>(
  deps: { readonly clock: Clock },
  request: ServiceRequest,
  status: RequestStatus,
  type: string,
  step: T,
  details: Pick<RequestEvent, 'note' | 'stage' | 'message'> = {},
): Planned<T> {
  const now = deps.clock.now();
  return {
    step,
    change: {
      request: { ...request, status, updatedAt: now.toISOString(), version: request.version + 1 },
      event: event(request, now, type, status, details),
    },
  };
}

function event(
  request: ServiceRequest,
  now: Date,
  type: string,
  status: RequestStatus,
  details: Pick<RequestEvent, 'note' | 'stage' | 'message'>,
): RequestEvent {
  return { requestId: request.id, at: now.toISOString(), type, status, actor: SYSTEM_ACTOR, ...details };
}

const MAX_ATTEMPTS = 5;

/** Read, plan, conditionally write; on a lost race re-read and plan again. */
export async function withRequest<T>(
  deps: ReviewDeps,
  requestId: string,
  plan: (request: ServiceRequest, service: ServiceDefinition) => Planned<T> | Promise<Planned<T>>,
): Promise<T> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const request = await deps.requests.get(requestId);
    if (!request) throw new Error(`Request ${requestId} not found`);
    const service = await deps.catalog.definitionOf(request);
    const planned = await plan(request, service);
    if (!planned.change) {
      if (planned.announceAgain) await announce(deps, request, service, undefined, deps.staff);
      return planned.step;
    }
    if (await deps.requests.update({ ...planned.change, expectedVersion: request.version })) {
      await announce(deps, planned.change.request, service, planned.change.event, deps.staff);
      return planned.step;
    }
  }
  throw new Error(`Request ${requestId} kept changing; gave up after ${MAX_ATTEMPTS} attempts`);
}
