import type { ServiceCatalog } from '../catalog/service-catalog.js';
import type { ServiceDefinition } from '../catalog/types.js';
import { documentAuthority } from '../identity/policy.js';
import type { Actor, StaffRole } from '../identity/roles.js';
import { eventActor, type RequestEvent, type ServiceRequest } from '../requests/requests.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type {
  Clock,
  DocumentRecord,
  DocumentRegistry,
  DocumentWriteResult,
  RequestChange,
  RequestStore,
  VillageDirectory,
} from '../shared/ports.js';
import { text } from '../shared/text.js';
import { type Village, villageFor } from '../villages/places.js';
import { drawLetterNumber } from './letter-numbering.js';

/**
 * Staff act on issued letters: revoke one (it stops being valid) or reissue it (a new letter, new number,
 * replaces it). Only the village head or secretary of the document's village may, and always with a reason,
 * which goes on the request's timeline and (for revocation) on the public verification page.
 */
export interface LifecycleDeps {
  /** Read only: every write goes through the registry, in one transaction with the document. */
  readonly requests: Pick<RequestStore, 'get'>;
  readonly registry: DocumentRegistry;
  readonly clock: Clock;
}

export interface ReissueDeps extends LifecycleDeps {
  readonly villages: VillageDirectory;
  readonly catalog: Pick<ServiceCatalog, 'definitionOf'>;
  /**
   * Renders the request's letter under this number and id, stores the PDF and signs its hash: issue-document's
   * `renderAndStoreLetter`, so a reissued letter is made exactly like a first one.
   */
  readonly renderLetter: LetterRenderer;
}

/** The shape of issue-document.ts's `renderAndStoreLetter` once its dependencies are bound. */
export type LetterRenderer = (
  request: ServiceRequest,
  service: ServiceDefinition,
  village: Village,
  pinned: { readonly documentId: string; readonly letterNumber: string; readonly issuedAt: string },
) => Promise<{ readonly record: DocumentRecord }>;

type DrawnLetterNumber = Awaited<ReturnType<typeof drawLetterNumber>>;

/** Writes that lost to a concurrent change of the request are tried again this often, re-reading it. */
const REQUEST_ATTEMPTS = 3;

/**
 * Revokes an issued document.
 * Primary course: the caller is the village head or secretary of the document's village; the document is
 * valid; in one transaction it becomes revoked (with the reason, who and when) and DOCUMENT_REVOKED is
 * appended to its request. Revoking a document that is no longer valid → ConflictError (409).
 */
export async function revokeDocument(
  deps: LifecycleDeps,
  actor: Actor,
  documentId: string,
  reason: string,
): Promise<DocumentRecord> {
  const document = await documentFor(deps.registry, documentId);
  const role = authorityOver(actor, document);
  assertStatus(document, 'revoke');
  const at = deps.clock.now().toISOString();
  const by = { subject: actor.subject, name: actor.name, role };

  const result = await withCurrentRequest(deps.requests, document.requestId, (request) =>
    deps.registry.revoke(
      documentId,
      { reason, by, at },
      nextVersion(request, at, {
        type: 'DOCUMENT_REVOKED',
        actor: eventActor(actor, role),
        note: reason,
        message: text(`Surat ${document.letterNumber} dicabut.`, `Letter ${document.letterNumber} revoked.`),
      }),
    ),
  );
  if (result === 'document-changed')
    throw noLongerValid(await documentFor(deps.registry, documentId), 'revoke');
  return { ...document, status: 'revoked', revokedAt: at, revocation: { reason, by } };
}

/**
 * Reissues an issued document: a new letter for the same request replaces it.
 * Primary course: the caller is the village head or secretary of the document's village; the document is
 * the request's current one (valid or revoked); a new number is drawn from the village register; the letter
 * is rendered, stored and signed (as at first issue) under a new document id; in one transaction the new document is recorded
 * (it supersedes the old), the old one becomes superseded (pointing to the new), the request's document
 * points to the new one and DOCUMENT_REISSUED is appended. A number drawn for a reissue that fails is voided.
 */
export async function reissueDocument(
  deps: ReissueDeps,
  actor: Actor,
  documentId: string,
  reason: string,
): Promise<DocumentRecord> {
  const previous = await documentFor(deps.registry, documentId);
  const role = authorityOver(actor, previous);
  const previousStatus = assertStatus(previous, 'reissue');
  const request = await deps.requests.get(previous.requestId);
  if (!request) throw new Error(`Request ${previous.requestId} of document ${documentId} not found`);
  assertCurrent(request, previous);

  const village = await villageFor(deps.villages, request.villageCode);
  const service = await deps.catalog.definitionOf(request);
  const now = deps.clock.now();
  const drawn = await drawLetterNumber(deps, service, village, now);
  const voidDrawn = (why: string) =>
    deps.registry.voidNumber(village.code, drawn.year, drawn.sequence, why, drawn.scope);
  const next = await prepare(deps, request, service, village, drawn, now, previous).catch(
    async (error: unknown) => {
      await voidDrawn(`reissue of ${documentId} failed before it was recorded`);
      throw error;
    },
  );
  const issuedAt = next.issuedAt;

  const result = await withCurrentRequest(deps.requests, request.id, async (current) => {
    assertCurrent(current, previous);
    return deps.registry.recordReissued(next, previousStatus, {
      ...nextVersion(current, issuedAt, {
        type: 'DOCUMENT_REISSUED',
        actor: eventActor(actor, role),
        note: reason,
        message: text(
          `Surat ${previous.letterNumber} diganti dengan surat ${next.letterNumber}.`,
          `Letter ${previous.letterNumber} replaced by letter ${next.letterNumber}.`,
        ),
      }),
      request: {
        ...current,
        document: {
          documentId: next.documentId,
          letterNumber: next.letterNumber,
          issuedAt: next.issuedAt,
          sha256: next.sha256,
        },
        updatedAt: issuedAt,
        version: current.version + 1,
      },
    });
  }).catch(async (error: unknown) => {
    // A refusal (the request moved on, or stayed busy) certainly recorded nothing: the number is void. After
    // any other error the write may have happened, so the number is left alone rather than voided wrongly.
    if (error instanceof ConflictError) await voidDrawn(`reissue of ${documentId} was refused`);
    throw error;
  });
  if (result === 'document-changed') {
    await voidDrawn(`reissue of ${documentId} lost a race`);
    throw noLongerValid(await documentFor(deps.registry, documentId), 'reissue');
  }
  return next;
}

/** The new document, rendered, stored and signed by the issuer's renderer. */
async function prepare(
  deps: ReissueDeps,
  request: ServiceRequest,
  service: ServiceDefinition,
  village: Village,
  drawn: DrawnLetterNumber,
  now: Date,
  previous: DocumentRecord,
): Promise<DocumentRecord & { supersedes: string }> {
  const pinned = { documentId: newId(now), letterNumber: drawn.letterNumber, issuedAt: now.toISOString() };
  const { record } = await deps.renderLetter(request, service, village, pinned);
  return { ...record, status: 'valid', supersedes: previous.documentId };
}

/** A document view for staff (the public one is verification.ts's). */
export function documentView(document: DocumentRecord) {
  return {
    documentId: document.documentId,
    requestId: document.requestId,
    letterNumber: document.letterNumber,
    issuedAt: document.issuedAt,
    status: document.status,
    sha256: document.sha256,
    ...(document.revokedAt ? { revokedAt: document.revokedAt } : {}),
    ...(document.revocation
      ? { revocation: { reason: document.revocation.reason, by: document.revocation.by.name } }
      : {}),
    ...(document.supersededBy ? { supersededBy: document.supersededBy } : {}),
    ...(document.supersedes ? { supersedes: document.supersedes } : {}),
  };
}

async function documentFor(registry: Pick<DocumentRegistry, 'get'>, documentId: string) {
  const document = await registry.get(documentId);
  if (!document) {
    throw new NotFoundError(
      text(`Dokumen ${documentId} tidak ditemukan.`, `Document ${documentId} not found.`),
    );
  }
  return document;
}

/** The role under which the actor acts on the document (policy.documentAuthority), or 403. */
function authorityOver(actor: Actor, document: DocumentRecord): StaffRole {
  const role = documentAuthority(actor, document.villageCode);
  if (!role) {
    throw new ForbiddenError(
      text(
        `Hanya kepala desa atau sekretaris desa ${document.villageCode} yang dapat mencabut atau menerbitkan ulang surat ini.`,
        `Only the village head or village secretary of ${document.villageCode} may revoke or reissue this letter.`,
      ),
    );
  }
  return role;
}

function assertStatus(document: DocumentRecord, action: 'revoke' | 'reissue'): 'valid' | 'revoked' {
  if (document.status === 'valid' || (action === 'reissue' && document.status === 'revoked')) {
    return document.status;
  }
  throw noLongerValid(document, action);
}

function noLongerValid(document: DocumentRecord, action: 'revoke' | 'reissue'): ConflictError {
  const details = {
    status: document.status,
    ...(document.supersededBy ? { supersededBy: document.supersededBy } : {}),
  };
  if (document.status === 'superseded') {
    return new ConflictError(
      'DOCUMENT_SUPERSEDED',
      text(
        `Surat ${document.letterNumber} sudah diganti dengan dokumen ${document.supersededBy}; ${action === 'revoke' ? 'cabut' : 'terbitkan ulang'} dokumen yang berlaku.`,
        `Letter ${document.letterNumber} was already replaced by document ${document.supersededBy}; ${action} the current one.`,
      ),
      details,
    );
  }
  return new ConflictError(
    'DOCUMENT_REVOKED',
    text(
      `Surat ${document.letterNumber} sudah dicabut.`,
      `Letter ${document.letterNumber} is already revoked.`,
    ),
    details,
  );
}

/** Only the request's current document can be reissued (an older one was superseded already). */
function assertCurrent(request: ServiceRequest, document: DocumentRecord): void {
  if (request.document?.documentId !== document.documentId) {
    throw new ConflictError(
      'DOCUMENT_NOT_CURRENT',
      text(
        `Surat ${document.letterNumber} bukan dokumen terakhir permohonan ini.`,
        `Letter ${document.letterNumber} is not this request's current document.`,
      ),
      { currentDocumentId: request.document?.documentId },
    );
  }
}

/** The request, one version on, with the event appended (its status and everything else unchanged). */
function nextVersion(
  request: ServiceRequest,
  at: string,
  event: Pick<RequestEvent, 'type' | 'note' | 'message'> & { actor: RequestEvent['actor'] },
): RequestChange {
  return {
    request: { ...request, updatedAt: at, version: request.version + 1 },
    expectedVersion: request.version,
    event: { requestId: request.id, at, status: request.status, ...event },
  };
}

/** Runs a conditional write against the latest request, re-reading it when someone else changed it first. */
async function withCurrentRequest(
  requests: Pick<RequestStore, 'get'>,
  requestId: string,
  write: (request: ServiceRequest) => Promise<DocumentWriteResult>,
): Promise<Exclude<DocumentWriteResult, 'request-changed'>> {
  for (let attempt = 1; attempt <= REQUEST_ATTEMPTS; attempt++) {
    const request = await requests.get(requestId);
    if (!request) throw new Error(`Request ${requestId} not found`);
    const result = await write(request);
    if (result !== 'request-changed') return result;
  }
  throw new ConflictError(
    'REQUEST_BUSY',
    text(
      'Permohonan ini sedang diubah oleh orang lain; silakan coba lagi.',
      'Someone else is changing this request; please try again.',
    ),
  );
}
