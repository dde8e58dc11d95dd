import { applyDecision } from '../approvals/approvals.js';
import { decideOn, type RecordedChange, type RequestChangeDeps } from '../requests/decide-request.js';
import type { EventActor, RequestEvent, ServiceRequest } from '../requests/requests.js';
import { readVisible } from '../requests/visible-request.js';
import { ConflictError } from '../shared/errors.js';
import type { DocumentRegistry, DocumentStore, VillageDirectory } from '../shared/ports.js';
import { text } from '../shared/text.js';
import { villageFor } from '../villages/places.js';
import type { EmblemStore } from './emblem.js';
import {
  assertSignerCredentials,
  type ExternalSigners,
  type SignerCredentials,
  SignerRefusedError,
  SignerUnavailableError,
} from './external-signing.js';
import { pinLetterNumber, signWithService } from './issue-document.js';
import { readEmbeddedSignature } from './pades-verify.js';
import { signedByServiceAt } from './signing-stage.js';

export interface SignedApprovalDeps extends RequestChangeDeps {
  readonly villages: VillageDirectory;
  readonly registry: DocumentRegistry;
  readonly files: DocumentStore;
  readonly emblems: Pick<EmblemStore, 'get'>;
  /** Base URL of the web front end, for the letter's QR code (as issueDocument). */
  readonly verifyBaseUrl: string;
  readonly signingServices: ExternalSigners;
  /** The signing services' root keys (SPKI DER): a signed letter must chain to one. */
  readonly trustedRoots: readonly Uint8Array[];
}

export interface SignedApprovalInput {
  readonly credentials: SignerCredentials;
  readonly note?: string;
  readonly stage?: string;
}

/**
 * The approval at which a regency's signing service (BSrE) signs the letter with the approver's own
 * certificate: POST /v1/requests/{id}/signed-approval.
 * Primary course: the approver may decide this stage (as any decision), it is the stage that signs, and the
 * NIK and passphrase are well formed; the letter's number is pinned on the request (kept for a retry); the
 * letter is rendered and sent to the service with the approver's credentials; the signed PDF must verify
 * (whole file, chaining to the service's root, a certificate in the approver's name, valid today); it is
 * stored where the letter's PDF lives; then the approval is written with its hash in one conditional write,
 * and the workflow issues that very file.
 * Alternatives: the service refuses the signer (a wrong passphrase) → 400, nothing decided, try again; the
 * service is down → 503, nothing decided, and a SIGNING_FAILED event on the request says why it still waits.
 * The passphrase is passed to the service only: never stored, never logged.
 */
export async function approveWithSignature(
  deps: SignedApprovalDeps,
  actor: Parameters<typeof decideOn>[1],
  requestId: string,
  input: SignedApprovalInput,
): Promise<RecordedChange> {
  const { request, service } = await readVisible(deps, actor, requestId);
  const decision = {
    decision: 'approve' as const,
    note: input.note ?? '',
    ...(input.stage ? { stage: input.stage } : {}),
  };
  // Who may approve this stage, and in which role (the secretary signs "a.n."), before anything else.
  const approver = applyDecision(request, service, actor, decision, deps.clock.now()).event.actor;
  const village = await villageFor(deps.villages, request.villageCode);
  const signingService = deps.signingServices(village.regency.code);
  if (!signingService) {
    throw new ConflictError(
      'NOT_SIGNED_BY_SERVICE',
      text(
        'Surat di kabupaten ini ditandatangani oleh sistem, bukan lewat BSrE: gunakan keputusan biasa.',
        "This regency's letters are signed by the platform, not through BSrE: use a plain decision.",
      ),
    );
  }
  if (!signedByServiceAt(service, request.stageIndex)) {
    throw new ConflictError(
      'NOT_THE_SIGNING_STAGE',
      text(
        'Permohonan ini tidak sedang menunggu tanda tangan: gunakan keputusan biasa.',
        'This request is not waiting for its signature: use a plain decision.',
      ),
    );
  }
  assertSignerCredentials(input.credentials);

  const pinned = await pinLetterNumber(deps, request, service, village);
  const document = pinned.document;
  if (!document?.issuedAt) throw new Error('Letter number was not pinned');
  const signed = await signWithService(
    {
      ...deps,
      checkSigned: (pdf) => checkSigned(pdf, approver.name, deps.trustedRoots, deps.clock.now()),
    },
    signingService,
    input.credentials,
    { request: pinned, service, village, pinned: { ...document, issuedAt: document.issuedAt }, approver },
  ).catch(async (error: unknown) => {
    if (error instanceof SignerUnavailableError) await recordSigningFailure(deps, pinned, approver, error);
    throw error;
  });
  return decideOn(
    deps,
    actor,
    { ...pinned, document: { ...document, sha256: signed.sha256, signingService: 'bsre' } },
    service,
    decision,
  );
}

/**
 * What the service signed must be what a PDF reader will accept, in the approver's name: never store or
 * issue a letter that does not verify. A certificate in another's name or out of its validity is the signer's
 * to fix (400); a signature that does not verify or chain is the service's fault (503).
 */
function checkSigned(
  pdf: Uint8Array,
  approverName: string,
  trustedRoots: readonly Uint8Array[],
  now: Date,
): void {
  const embedded = readEmbeddedSignature(pdf, trustedRoots);
  if (!embedded?.valid || !embedded.coversWholeFile || !embedded.trusted) {
    throw new SignerUnavailableError('unavailable');
  }
  if (comparable(embedded.signer) !== comparable(approverName)) {
    throw new SignerRefusedError(`sertifikat atas nama "${embedded.signer}", bukan "${approverName}"`);
  }
  const from = Date.parse(embedded.validFrom ?? '');
  const until = Date.parse(embedded.validUntil ?? '');
  if (!(from <= now.getTime() && now.getTime() <= until)) {
    throw new SignerRefusedError(
      `sertifikat elektronik tidak berlaku saat ini (berlaku sampai ${embedded.validUntil?.slice(0, 10)})`,
    );
  }
}

/** Names as people type them: case, spacing and punctuation aside. */
const comparable = (name: string): string =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The stage keeps waiting, and its history says why: the signing service could not sign. */
async function recordSigningFailure(
  deps: SignedApprovalDeps,
  request: ServiceRequest,
  approver: EventActor,
  error: SignerUnavailableError,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.requests.update({
    request: { ...request, updatedAt: at, version: request.version + 1 },
    expectedVersion: request.version,
    event: eventOf(request, approver, at, error),
  });
}

const eventOf = (
  request: ServiceRequest,
  actor: EventActor,
  at: string,
  error: SignerUnavailableError,
): RequestEvent => ({
  requestId: request.id,
  at,
  type: 'SIGNING_FAILED',
  status: request.status,
  actor,
  ...(request.awaiting ? { stage: request.awaiting.stageKey } : {}),
  note: error.messages.id,
  message: error.messages,
});
