import { applyDecision, type DecisionInput, decisionStageAt } from '../approvals/approvals.js';
import { deliverSignal, withSignal } from '../approvals/signals.js';
import type { ServiceCatalog } from '../catalog/service-catalog.js';
import type { ServiceDefinition } from '../catalog/types.js';
import { signedByServiceAt } from '../documents/signing-stage.js';
import type { Actor } from '../identity/roles.js';
import { announce } from '../notifications/announce.js';
import { ConflictError } from '../shared/errors.js';
import type { Clock, Notifier, RequestStore, Workflow } from '../shared/ports.js';
import { text } from '../shared/text.js';
import { regencyCodeOf } from '../villages/places.js';
import { type AttachmentInput, acceptAttachments, type UploadStore } from './attachments.js';
import type { BusinessMetrics } from './business-metrics.js';
import type { AttachmentRef, ServiceRequest } from './requests.js';
import { readVisible } from './visible-request.js';

/** What the use cases that change a request after submission need (a decision, a correction). */
export interface RequestChangeDeps {
  readonly requests: RequestStore;
  readonly catalog: ServiceCatalog;
  readonly uploads: UploadStore;
  readonly workflow: Workflow;
  readonly notifier: Notifier;
  /** Counts the change for devops (issue 15); absent where nobody counts (tests, scripts). */
  readonly metrics?: BusinessMetrics;
  readonly clock: Clock;
  /**
   * Whether a regency's letters are signed by a certified signing service (BSrE) with the approver's own
   * certificate: their final approval then goes through POST /v1/requests/{id}/signed-approval.
   */
  readonly signsWithService?: (regencyCode: string) => boolean;
}

/**
 * A change written, and whether the workflow has heard of it. `signalPending`: sending the signal failed
 * after the write (its error's name in `signalError`); the change stands, and the reconciler sends the
 * signal again shortly (signals.ts), so the caller must not repeat the change.
 */
export interface RecordedChange {
  readonly request: ServiceRequest;
  readonly signalPending: boolean;
  readonly signalError?: string;
}

/**
 * Records a decision and resumes the workflow.
 * Primary course: the decision is checked (who, which stage, reason, required attachment) before any file
 * is touched; attached files are accepted; the decision is written conditional on the version read (of two
 * concurrent deciders exactly one wins; the other gets 409), with the signal to send; then the waiting task
 * is resumed with the next step. If resuming fails after the write, the decision stands, the signal stays
 * pending on the record for the reconciler, and the answer says so (not an error inviting a second decision).
 */
export async function decideRequest(
  deps: RequestChangeDeps,
  actor: Actor,
  requestId: string,
  input: Omit<DecisionInput, 'attachments'> & { attachments?: readonly AttachmentInput[] },
): Promise<RecordedChange> {
  const { request, service } = await readVisible(deps, actor, requestId);
  if (input.decision === 'approve' && deps.signsWithService?.(regencyCodeOf(request.villageCode))) {
    assertSignedElsewhere(request, service);
  }
  return decideOn(deps, actor, request, service, input);
}

/**
 * decideRequest on a request its caller read and may decide (readVisible), as read or with what the caller
 * adds to the same write (a signed letter's hash): written only if nobody changed it since it was read.
 */
export async function decideOn(
  deps: RequestChangeDeps,
  actor: Actor,
  request: ServiceRequest,
  service: ServiceDefinition,
  input: Omit<DecisionInput, 'attachments'> & { attachments?: readonly AttachmentInput[] },
): Promise<RecordedChange> {
  const now = deps.clock.now();
  const files = input.attachments ?? [];
  // Dry run with the declared files: refuses a wrong decider or a missing document before files move.
  const planned = applyDecision(request, service, actor, { ...input, attachments: files.map(declared) }, now);
  // Only an approval keeps files, and only the document its stage attaches.
  const document = decisionStageAt(service, request.stageIndex).attachesDocument;
  const attachments =
    files.length > 0
      ? await acceptAttachments(
          deps,
          actor,
          planned.event.actor.role as AttachmentRef['uploadedBy']['role'],
          {
            requestId: request.id,
            villageCode: request.villageCode,
            serviceCode: service.code,
            requirementCodes: input.decision === 'approve' && document ? [document.requirementCode] : [],
          },
          files,
        )
      : [];
  const decided =
    files.length > 0 ? applyDecision(request, service, actor, { ...input, attachments }, now) : planned;
  const signalled = withSignal(decided.request, decided.taskToken, decided.step, decided.event.at);
  const written = await deps.requests.update({
    request: signalled,
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
  const signal = await signalWorkflow(deps, signalled);
  await announce(deps, decided.request, service, decided.event);
  return { request: decided.request, ...signal };
}

/** Sends the signal just written; a failure leaves it pending on the record (see RecordedChange). */
export async function signalWorkflow(
  deps: Pick<RequestChangeDeps, 'requests' | 'workflow'>,
  request: ServiceRequest,
): Promise<Omit<RecordedChange, 'request'>> {
  try {
    await deliverSignal(deps, request);
    return { signalPending: false };
  } catch (error) {
    return { signalPending: true, signalError: error instanceof Error ? error.name : 'Error' };
  }
}

/** A file as declared in the body, before it is accepted: enough to check that the right one is there. */
const declared = (file: AttachmentInput): AttachmentRef => ({
  attachmentId: file.uploadId,
  requirementCode: file.requirementCode,
  contentType: 'application/pdf',
  size: 0,
  objectKey: '',
  uploadedBy: { subject: '', role: 'citizen' },
  at: '',
});

/**
 * Refuses a plain approval of the stage at which a signing service must sign the letter: it needs the
 * approver's NIK and passphrase (POST /v1/requests/{id}/signed-approval), never an unsigned letter.
 */
function assertSignedElsewhere(request: ServiceRequest, service: ServiceDefinition): void {
  if (request.status !== 'IN_REVIEW' || !signedByServiceAt(service, request.stageIndex)) return;
  throw new ConflictError(
    'SIGNATURE_REQUIRED',
    text(
      'Surat ini ditandatangani dengan sertifikat elektronik BSrE Anda: setujui lewat "Setujui dan tandatangani" dengan NIK dan passphrase.',
      'This letter is signed with your BSrE electronic certificate: approve it with "Approve and sign", giving your NIK and passphrase.',
    ),
  );
}
