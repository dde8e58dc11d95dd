import { announce } from './announce.js';
import { applyDecision, type DecisionInput, decisionStageAt } from './approvals.js';
import { type AttachmentInput, acceptAttachments, type UploadStore } from './attachments.js';
import type { ServiceCatalog } from './catalog/service-catalog.js';
import { ConflictError } from './errors.js';
import type { Clock, Notifier, RequestStore, Workflow } from './ports.js';
import type { AttachmentRef, ServiceRequest } from './requests.js';
import type { Actor } from './roles.js';
import { text } from './text.js';
import { readVisible } from './visible-request.js';

/** What the use cases that change a request after submission need (a decision, a correction). */
export interface RequestChangeDeps {
  readonly requests: RequestStore;
  readonly catalog: ServiceCatalog;
  readonly uploads: UploadStore;
  readonly workflow: Workflow;
  readonly notifier: Notifier;
  readonly clock: Clock;
}

/**
 * Records a decision and resumes the workflow.
 * Primary course: the decision is checked (who, which stage, reason, required attachment) before any file
 * is touched; attached files are accepted; the decision is written conditional on the version read (of two
 * concurrent deciders exactly one wins; the other gets 409); then the waiting task is resumed with the next
 * step. If resuming fails after the write, the decision stands and the error surfaces (5xx) for a retry of
 * the signal; the stored request already shows the decision.
 */
export async function decideRequest(
  deps: RequestChangeDeps,
  actor: Actor,
  requestId: string,
  input: Omit<DecisionInput, 'attachments'> & { attachments?: readonly AttachmentInput[] },
): Promise<ServiceRequest> {
  const { request, service } = await readVisible(deps, actor, requestId);
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
  await announce(deps.notifier, decided.request, service, decided.event);
  return decided.request;
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
