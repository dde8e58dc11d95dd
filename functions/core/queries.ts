import type { ServiceCatalog } from './catalog/service-catalog.js';
import { ConflictError, NotFoundError } from './errors.js';
import { assertWorksFor } from './policy.js';
import type { DocumentRegistry, DocumentStore, RequestStore } from './ports.js';
import type { RequestStatus } from './requests.js';
import type { Actor } from './roles.js';
import { text } from './text.js';
import { requestView } from './views.js';
import { readVisible } from './visible-request.js';

/** Read-side use cases: each checks who may see what before reading anything else. */

export async function getRequest(
  deps: { requests: RequestStore; catalog: ServiceCatalog },
  actor: Actor,
  id: string,
) {
  const { request, service } = await readVisible(deps, actor, id);
  return requestView(request, service, await deps.requests.events(id));
}

export async function listRequests(
  deps: { requests: RequestStore; catalog: ServiceCatalog },
  actor: Actor,
  query: { village: string; status?: RequestStatus; limit: number; cursor?: string },
) {
  assertWorksFor(actor, query.village);
  const page = await deps.requests.listByVillage({ villageCode: query.village, ...query });
  const items = await Promise.all(
    page.items.map(async (request) =>
      requestView(request, await deps.catalog.get(request.villageCode, request.serviceCode)),
    ),
  );
  return { items, ...(page.cursor ? { nextCursor: page.cursor } : {}) };
}

const DOWNLOAD_LINK_SECONDS = 300;

export async function documentLink(
  deps: {
    requests: RequestStore;
    catalog: ServiceCatalog;
    registry: DocumentRegistry;
    files: DocumentStore;
    now: () => Date;
  },
  actor: Actor,
  id: string,
) {
  const { request } = await readVisible(deps, actor, id);
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
  const fileName = `${document.letterNumber.replaceAll('/', '-')}.pdf`;
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
  deps: { requests: RequestStore; catalog: ServiceCatalog; files: DocumentStore; now: () => Date },
  actor: Actor,
  id: string,
  attachmentId: string,
) {
  const { request } = await readVisible(deps, actor, id);
  const attachment = request.attachments?.find((file) => file.attachmentId === attachmentId);
  if (!attachment) {
    throw new NotFoundError(
      text(`Lampiran ${attachmentId} tidak ditemukan.`, `Attachment ${attachmentId} not found.`),
    );
  }
  const extension = attachment.contentType.split('/')[1] ?? 'bin';
  return {
    url: await deps.files.downloadUrl(
      attachment.objectKey,
      `${attachment.requirementCode}.${extension}`,
      DOWNLOAD_LINK_SECONDS,
      attachment.contentType,
    ),
    expiresAt: new Date(deps.now().getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString(),
  };
}
