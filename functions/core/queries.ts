import { assertCanSee } from './access.js';
import { findService } from './catalog/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from './errors.js';
import type { DocumentRegistry, DocumentStore, RequestStore, VillageDirectory } from './ports.js';
import type { RequestStatus } from './requests.js';
import { type Actor, actorCoversVillage } from './roles.js';
import { villageFor } from './submit-request.js';
import { text } from './text.js';
import { requestView } from './views.js';

/** Read-side use cases: each checks who may see what before reading anything else. */

export async function getRequest(requests: RequestStore, actor: Actor, id: string) {
  const request = assertCanSee(actor, await requests.get(id), id);
  return requestView(request, findService(request.serviceCode), await requests.events(id));
}

export async function listRequests(
  requests: RequestStore,
  actor: Actor,
  query: { village: string; status?: RequestStatus; limit: number; cursor?: string },
) {
  if (!actorCoversVillage(actor, query.village)) {
    throw new ForbiddenError(
      text(`Anda tidak bertugas di desa ${query.village}.`, `You do not work for village ${query.village}.`),
    );
  }
  const page = await requests.listByVillage({ villageCode: query.village, ...query });
  return {
    items: page.items.map((request) => requestView(request, findService(request.serviceCode))),
    ...(page.cursor ? { nextCursor: page.cursor } : {}),
  };
}

const DOWNLOAD_LINK_SECONDS = 300;

export async function documentLink(
  deps: { requests: RequestStore; registry: DocumentRegistry; files: DocumentStore; now: () => Date },
  actor: Actor,
  id: string,
) {
  const request = assertCanSee(actor, await deps.requests.get(id), id);
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

/** Public: anyone holding a letter can check it. The applicant's name is shortened to initials after the first word. */
export async function verifyDocument(
  registry: DocumentRegistry,
  villages: VillageDirectory,
  documentId: string,
) {
  const document = await registry.get(documentId);
  if (!document) {
    throw new NotFoundError(
      text(
        `Dokumen ${documentId} tidak terdaftar. Surat ini tidak diterbitkan oleh Desa Digital.`,
        `Document ${documentId} is not on record. This letter was not issued by Desa Digital.`,
      ),
    );
  }
  const service = findService(document.serviceCode);
  const village = await villageFor(villages, document.villageCode);
  return {
    documentId: document.documentId,
    status: document.status,
    letterNumber: document.letterNumber,
    issuedAt: document.issuedAt,
    service: { code: service.code, name: service.name },
    village: {
      code: village.code,
      name: village.name,
      district: village.district.name,
      regency: village.regency.name,
    },
    signer: document.signer,
    applicantName: shortenName(document.applicantName),
    sha256: document.sha256,
  };
}

const shortenName = (name: string): string =>
  name
    .split(/\s+/)
    .map((part, index) => (index === 0 ? part : `${part.charAt(0)}.`))
    .join(' ');
