import { RESUBMISSION_STAGE, statusOf, stepAt } from '../approvals/approvals.js';
import { withSignal } from '../approvals/signals.js';
import { assertCanCorrect } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import { announce } from '../notifications/announce.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import { text } from '../shared/text.js';
import {
  type AttachmentInput,
  acceptAttachments,
  missingRequirements,
  submittedRequirements,
} from './attachments.js';
import { type RecordedChange, type RequestChangeDeps, signalWorkflow } from './decide-request.js';
import { eventActor, type RequestEvent, type ServiceRequest } from './requests.js';
import { peopleNamed, validateApplication } from './submit-request.js';

/**
 * The applicant corrects a returned request.
 * Primary course: the caller may correct it (policy.canCorrect: the applicant of a self-service request, an
 * operator of the village for a counter submission); the request is RETURNED and waits for a correction;
 * the corrected data passes the schema; new files replace those of the same requirement; the same workflow
 * execution continues where the request was returned (registry checks run again when they were the reason).
 * The signal is written with the correction: if sending it fails, the correction stands and the reconciler
 * sends it again (RecordedChange).
 */
export async function resubmitRequest(
  deps: RequestChangeDeps,
  actor: Actor,
  requestId: string,
  input: { data: Readonly<Record<string, unknown>>; attachments?: readonly AttachmentInput[] },
): Promise<RecordedChange> {
  const request = assertCanCorrect(actor, await deps.requests.get(requestId), requestId);
  // The citizen correcting their own application, or an operator at the counter.
  const role = actor.roles.includes('operator') ? 'operator' : 'citizen';
  if (request.status !== 'RETURNED' || request.awaiting?.stageKey !== RESUBMISSION_STAGE) {
    throw new ConflictError(
      'NOT_RETURNED',
      text(
        `Permohonan berstatus ${request.status}; hanya permohonan yang dikembalikan yang dapat diperbaiki.`,
        `The request is ${request.status}; only a returned request can be corrected.`,
      ),
      { status: request.status },
    );
  }
  const service = await deps.catalog.definitionOf(request);
  const data = validateApplication(service, input.data);
  const replaced = new Set((input.attachments ?? []).map((file) => file.requirementCode));
  const kept = (request.attachments ?? []).filter((file) => !replaced.has(file.requirementCode));
  const missing = missingRequirements(service, [...kept, ...(input.attachments ?? [])]);
  if (missing.length > 0) {
    throw new ValidationError(text('Persyaratan belum lengkap.', 'Missing requirements.'), missing);
  }
  const attachments = await acceptAttachments(
    deps,
    actor,
    role,
    {
      requestId: request.id,
      villageCode: request.villageCode,
      serviceCode: service.code,
      requirementCodes: submittedRequirements(service),
    },
    input.attachments ?? [],
  );

  const resumeAt = request.returnedFrom ?? 0;
  const step = stepAt(service, resumeAt, request.data, request.records);
  const now = deps.clock.now().toISOString();
  const { awaiting, returnedFrom: _returned, outcome: _outcome, ...rest } = request;
  const corrected: ServiceRequest = {
    ...rest,
    data,
    attachments: [...kept, ...attachments],
    status: statusOf(step),
    stageIndex: resumeAt,
    updatedAt: now,
    version: request.version + 1,
  };
  const event: RequestEvent = {
    requestId,
    at: now,
    type: 'RESUBMITTED',
    status: corrected.status,
    actor: eventActor(actor, role),
  };
  const signalled = withSignal(corrected, awaiting.taskToken, step, now);
  const written = await deps.requests.update({
    request: signalled,
    expectedVersion: request.version,
    event,
    // A corrected NIK must lead a data-subject export to this request too.
    niks: peopleNamed(service, data),
  });
  if (!written) {
    throw new ConflictError(
      'CHANGED_CONCURRENTLY',
      text('Permohonan baru saja berubah; muat ulang.', 'The request just changed; reload it.'),
    );
  }
  const signal = await signalWorkflow(deps, signalled);
  await announce(deps, corrected, service, event);
  return { request: corrected, ...signal };
}
