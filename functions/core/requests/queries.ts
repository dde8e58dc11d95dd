import type { ServiceCatalog } from '../catalog/service-catalog.js';
import { serviceVersion } from '../catalog/service-version.js';
import { assertWorksFor, worksOnCase } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import type { AuditTrail, FullRecordRead } from '../privacy/audit.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import type { DocumentRegistry, DocumentStore, RequestStore } from '../shared/ports.js';
import { text } from '../shared/text.js';
import { attachmentDownload } from './attachments.js';
import type { RequestStatus } from './requests.js';
import { requestView } from './views.js';
import { admitRead, readVisible } from './visible-request.js';

/**
 * Read-side use cases: each checks who may see what before reading anything else. A read of one request's
 * full record (the record, a file, its letter) is audited before its data is returned (readVisible).
 */

export interface FullRecordDeps {
  readonly requests: RequestStore;
  readonly catalog: ServiceCatalog;
  /** The access trail every full-record read is appended to. */
  readonly trail: AuditTrail;
  readonly now: () => Date;
}

const audited = (deps: FullRecordDeps, action: FullRecordRead) => ({
  ...deps,
  audit: { trail: deps.trail, action, now: deps.now },
});

/** The request, if the caller may see it, once this read of it is in its access trail. */
const readAudited = (deps: FullRecordDeps, action: FullRecordRead, actor: Actor, id: string) =>
  readVisible(audited(deps, action), actor, id);

/**
 * The full record, NIK and KK in full: for its applicant and the staff of its area, audited. The record and
 * its timeline come from one read.
 */
export async function getRequest(deps: FullRecordDeps, actor: Actor, id: string) {
  const found = await deps.requests.getWithEvents(id);
  const { request, service } = await admitRead(audited(deps, 'request.read'), actor, id, found?.request);
  const view = requestView(request, service, { events: found?.events ?? [], personalData: 'full' });
  if (request.status !== 'RETURNED') return view;
  // A correction is sent with the form the request was submitted under: shown when the catalogue's differs.
  const current = await deps.catalog.get(request.villageCode, request.serviceCode).catch(() => undefined);
  const changed = !current || serviceVersion(current) !== serviceVersion(service);
  return changed
    ? { ...view, correction: { fields: service.fields, requirements: service.requirements } }
    : view;
}

/** A village's requests: a list, not a full-record read, so NIK and KK numbers are masked (requestView). */
export async function listRequests(
  deps: { requests: RequestStore; catalog: ServiceCatalog },
  actor: Actor,
  query: { village: string; status?: RequestStatus; limit: number; cursor?: string },
) {
  assertWorksFor(actor, query.village);
  const page = await deps.requests.listByVillage({ villageCode: query.village, ...query });
  const listed = await Promise.all(
    page.items.map(async (request) => {
      const service = await deps.catalog.definitionOf(request);
      // A welfare case is listed only to those who work on it (policy.worksOnCase).
      return service.family !== 'welfare-case' || worksOnCase(actor, request)
        ? [requestView(request, service)]
        : [];
    }),
  );
  return { items: listed.flat(), ...(page.cursor ? { nextCursor: page.cursor } : {}) };
}

const DOWNLOAD_LINK_SECONDS = 300;

export async function documentLink(
  deps: FullRecordDeps & { registry: DocumentRegistry; files: DocumentStore },
  actor: Actor,
  id: string,
) {
  const { request } = await readAudited(deps, 'document.read', actor, id);
  const documentId = request.status === 'ISSUED' ? request.document?.documentId : undefined;
  const document = documentId ? await deps.registry.get(documentId) : undefined;
  if (!document) {
    throw new ConflictError(
      'NOT_ISSUED',
      text(
        `Dokumen belum terbit; status permohonan ${request.status}.`,
        `No document yet; the request is ${request.status}.`,
      ),
      { status: request.status },
    );
  }
  const fileName = `${document.letterNumber.replace(/[^A-Za-z0-9.]+/g, '-')}.pdf`;
  return {
    documentId: document.documentId,
    letterNumber: document.letterNumber,
    url: await deps.files.downloadUrl(document.objectKey, fileName, DOWNLOAD_LINK_SECONDS),
    expiresAt: new Date(deps.now().getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString(),
    sha256: document.sha256,
  };
}

/** A short-lived link to one attached file, for its applicant and the staff of its village. */
export async function attachmentLink(
  deps: FullRecordDeps & { files: DocumentStore },
  actor: Actor,
  id: string,
  attachmentId: string,
) {
  const { request, service } = await readAudited(deps, 'attachment.read', actor, id);
  const attachment = request.attachments?.find((file) => file.attachmentId === attachmentId);
  if (!attachment) {
    throw new NotFoundError(
      text(`Lampiran ${attachmentId} tidak ditemukan.`, `Attachment ${attachmentId} not found.`),
    );
  }
  const { fileName, contentType } = attachmentDownload(attachment, service);
  return {
    url: await deps.files.downloadUrl(attachment.objectKey, fileName, DOWNLOAD_LINK_SECONDS, contentType),
    expiresAt: new Date(deps.now().getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString(),
  };
}
