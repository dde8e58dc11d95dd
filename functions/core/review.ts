import { type NextStep, type StageTicket, stageAt, stageTicket } from './approvals.js';
import { applicationSchema } from './catalog/application-schema.js';
import { findService } from './catalog/index.js';
import type { Clock, RequestStore } from './ports.js';
import type { RequestEvent, RequestStatus, ServiceRequest } from './requests.js';
import { text } from './text.js';

/** The workflow's automated steps. Each is idempotent: Step Functions may deliver a task more than once. */
export interface ReviewDeps {
  readonly requests: RequestStore;
  readonly clock: Clock;
}

const SYSTEM = { subject: 'system', name: 'Sistem Desa Digital', role: 'system' } as const;

/**
 * Runs the automated checks and opens the first stage.
 * Primary course: a SUBMITTED request whose data still passes its service's schema goes IN_REVIEW at stage 0.
 * Data that no longer passes (the catalog changed since submission) returns the request with the reason.
 */
export async function startReview(deps: ReviewDeps, requestId: string): Promise<NextStep> {
  return withRequest(deps, requestId, (request) => {
    const service = findService(request.serviceCode);
    if (request.status !== 'SUBMITTED') return { step: stepFor(request) };
    const checked = applicationSchema(service).safeParse(request.data);
    if (!checked.success) {
      const fields = checked.error.issues.map((issue) => issue.path.join('.')).join(', ');
      return transition(
        deps,
        request,
        'RETURNED',
        'CHECK_FAILED',
        { outcome: 'closed' },
        {
          note: `Data tidak sesuai ketentuan layanan / data does not meet the service rules: ${fields}`,
        },
      );
    }
    return transition(deps, request, 'IN_REVIEW', 'CHECKS_PASSED', {
      outcome: 'await',
      stage: stageTicket(service, 0),
    });
  });
}

/**
 * Records that a stage's decider is awaited, with the workflow's task token and the stage's due time.
 * Called again with a fresh token when the task is re-opened (after an escalation or a runtime restart).
 */
export async function openStage(
  deps: ReviewDeps,
  requestId: string,
  stage: StageTicket,
  taskToken: string,
): Promise<void> {
  await withRequest(deps, requestId, (request) => {
    if (request.status !== 'IN_REVIEW' || request.stageIndex !== stage.index) {
      throw new Error(
        `Request is ${request.status} at stage ${request.stageIndex}, not awaiting stage ${stage.index}`,
      );
    }
    const service = findService(request.serviceCode);
    const definition = stageAt(service, stage.index);
    const now = deps.clock.now();
    const reopened = request.awaiting?.stageKey === definition.key;
    return {
      step: undefined,
      change: {
        request: {
          ...request,
          awaiting: {
            stageKey: definition.key,
            role: definition.role,
            dueAt: new Date(now.getTime() + stage.deadlineSeconds * 1000).toISOString(),
            taskToken,
          },
          updatedAt: now.toISOString(),
          version: request.version + 1,
        },
        event: reopened
          ? undefined
          : event(request, now, 'STAGE_OPENED', 'IN_REVIEW', {
              stage: definition.key,
              message: definition.label,
            }),
      },
    };
  });
}

/**
 * A stage passed its deadline: record it and wait again at the same stage (escalation to an acting
 * decider is a later issue). The request stays IN_REVIEW so its decider can still act.
 */
export async function escalateStage(
  deps: ReviewDeps,
  requestId: string,
  stage: StageTicket,
): Promise<NextStep> {
  return withRequest(deps, requestId, (request) => {
    if (request.status !== 'IN_REVIEW') return { step: stepFor(request) };
    const { awaiting: _expired, ...rest } = request;
    return transition(
      deps,
      rest,
      'IN_REVIEW',
      'STAGE_OVERDUE',
      { outcome: 'await', stage },
      {
        stage: stage.key,
        message: text('Tahap melewati batas waktu', 'Stage passed its deadline'),
      },
    );
  });
}

/** The workflow failed for good: the request says so instead of waiting forever. */
export async function recordFailure(deps: ReviewDeps, requestId: string, errorName: string): Promise<void> {
  await withRequest(deps, requestId, (request) => {
    if (request.status === 'ISSUED' || request.status === 'FAILED') return { step: undefined };
    const { awaiting: _dropped, ...rest } = request;
    return transition(deps, rest, 'FAILED', 'WORKFLOW_FAILED', undefined, { note: errorName });
  });
}

/** Where the workflow stands for a request that was already moved on (a redelivered task). */
function stepFor(request: ServiceRequest): NextStep {
  if (request.status === 'IN_REVIEW') {
    return { outcome: 'await', stage: stageTicket(findService(request.serviceCode), request.stageIndex) };
  }
  if (request.status === 'APPROVED') return { outcome: 'approved' };
  return { outcome: 'closed' };
}

interface Planned<T> {
  readonly step: T;
  readonly change?: { readonly request: ServiceRequest; readonly event?: RequestEvent };
}

function transition<T>(
  deps: ReviewDeps,
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
  return { requestId: request.id, at: now.toISOString(), type, status, actor: SYSTEM, ...details };
}

const MAX_ATTEMPTS = 5;

/** Read, plan, conditionally write; on a lost race re-read and plan again. */
async function withRequest<T>(
  deps: ReviewDeps,
  requestId: string,
  plan: (request: ServiceRequest) => Planned<T>,
): Promise<T> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const request = await deps.requests.get(requestId);
    if (!request) throw new Error(`Request ${requestId} not found`);
    const planned = plan(request);
    if (!planned.change) return planned.step;
    if (await deps.requests.update({ ...planned.change, expectedVersion: request.version }))
      return planned.step;
  }
  throw new Error(`Request ${requestId} kept changing; gave up after ${MAX_ATTEMPTS} attempts`);
}
