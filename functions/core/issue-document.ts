import { findService } from './catalog/index.js';
import type { ServiceDefinition } from './catalog/types.js';
import {
  calendarDateIn,
  fillLetter,
  formatIndonesianDate,
  formatLetterNumber,
  renderLetterPdf,
  sha256Hex,
} from './documents/index.js';
import { newId } from './ids.js';
import type { Village } from './places.js';
import type {
  Clock,
  DocumentRecord,
  DocumentRegistry,
  DocumentStore,
  RequestStore,
  VillageDirectory,
} from './ports.js';
import type { ServiceRequest } from './requests.js';
import { villageFor } from './submit-request.js';

export interface IssueDeps {
  readonly requests: RequestStore;
  readonly villages: VillageDirectory;
  readonly registry: DocumentRegistry;
  readonly files: DocumentStore;
  readonly clock: Clock;
  /** Base of the public verification link printed in the QR code. */
  readonly verifyBaseUrl: string;
}

/**
 * Issues the letter of an approved request.
 * Primary course: draw the village's next letter number and pin it (with a new document id) on the request;
 * render the PDF; store it; then, in one transaction, record the document and mark the request ISSUED.
 * Safe to retry at any point: a pinned number is reused, a number drawn by a losing retry is voided, the
 * PDF is rendered deterministically, and the request is ISSUED only after its PDF is stored.
 */
export async function issueDocument(deps: IssueDeps, requestId: string): Promise<{ documentId: string }> {
  let request = await mustGet(deps.requests, requestId);
  if (request.status === 'ISSUED' && request.document) return { documentId: request.document.documentId };
  if (request.status !== 'APPROVED')
    throw new Error(`Request ${requestId} is ${request.status}, not APPROVED`);
  const village = await villageFor(deps.villages, request.villageCode);
  request = await pinLetterNumber(deps, request, village);
  const pinned = request.document;
  if (!pinned?.issuedAt) throw new Error('Letter number was not pinned');

  const service = findService(request.serviceCode);
  const letter = fillLetter(service.letter, letterValues(service, request, village));
  const signer = await signerOf(deps.requests, request, service, village);
  const pdf = await renderLetterPdf({
    documentId: pinned.documentId,
    letterNumber: pinned.letterNumber,
    issuedAt: pinned.issuedAt,
    letterhead: {
      regency: village.regency.name,
      district: village.district.name,
      village: village.name,
      villageKind: village.kind,
      address: village.address,
    },
    ...letter,
    signer,
    placeOfIssue: village.name,
    verificationUrl: `${deps.verifyBaseUrl}/v1/verify/${pinned.documentId}`,
  });
  const sha256 = sha256Hex(pdf);
  const objectKey = `documents/${village.code}/${pinned.documentId}.pdf`;
  await deps.files.put(objectKey, pdf, sha256);

  const document: DocumentRecord = {
    documentId: pinned.documentId,
    requestId: request.id,
    letterNumber: pinned.letterNumber,
    issuedAt: pinned.issuedAt,
    serviceCode: service.code,
    villageCode: village.code,
    signer,
    applicantName: String(request.data.fullName ?? request.applicant.name),
    sha256,
    objectKey,
    status: 'valid',
  };
  const now = deps.clock.now().toISOString();
  const recorded = await deps.registry.recordIssued(document, {
    request: {
      ...request,
      status: 'ISSUED',
      document: { ...pinned, sha256 },
      updatedAt: now,
      version: request.version + 1,
    },
    expectedVersion: request.version,
    event: {
      requestId: request.id,
      at: now,
      type: 'ISSUED',
      status: 'ISSUED',
      actor: { subject: 'system', name: 'Sistem Desa Digital', role: 'system' },
      note: pinned.letterNumber,
    },
  });
  if (!recorded) throw new Error(`Request ${requestId} changed while its document was being issued`);
  return { documentId: pinned.documentId };
}

/** Draws a number once per request; a retry that lost the race voids the number it drew. */
async function pinLetterNumber(
  deps: IssueDeps,
  request: ServiceRequest,
  village: Village,
): Promise<ServiceRequest> {
  if (request.document) return request;
  const issuedAt = deps.clock.now();
  const { year } = calendarDateIn(issuedAt);
  const sequence = await deps.registry.nextSequence(village.code, year);
  const service = findService(request.serviceCode);
  const pinned: ServiceRequest = {
    ...request,
    document: {
      documentId: newId(issuedAt),
      letterNumber: formatLetterNumber({
        classificationCode: service.classificationCode,
        sequence,
        villageLetterCode: village.letterCode,
        issuedAt,
      }),
      issuedAt: issuedAt.toISOString(),
    },
    updatedAt: issuedAt.toISOString(),
    version: request.version + 1,
  };
  if (await deps.requests.update({ request: pinned, expectedVersion: request.version })) return pinned;
  await deps.registry.voidNumber(village.code, year, sequence, `lost race pinning request ${request.id}`);
  return mustGet(deps.requests, request.id);
}

/** The template's values as a person reads them: dates in Indonesian, choices by their label. */
function letterValues(
  service: ServiceDefinition,
  request: ServiceRequest,
  village: Village,
): Record<string, string> {
  const values: Record<string, string> = {
    village: village.name,
    district: village.district.name,
    regency: village.regency.name,
  };
  for (const field of service.fields) {
    const value = request.data[field.name];
    if (value === undefined) values[field.name] = '-';
    else if (field.type === 'date') values[field.name] = formatIndonesianDate(String(value));
    else if (field.type === 'choice') {
      values[field.name] = field.choices?.find((choice) => choice.value === value)?.label.id ?? String(value);
    } else values[field.name] = String(value);
  }
  return values;
}

/** The person who approved the signing stage signs the letter; the village head on record otherwise. */
async function signerOf(
  requests: RequestStore,
  request: ServiceRequest,
  service: ServiceDefinition,
  village: Village,
) {
  const signingStage = [...service.stages].reverse().find((stage) => stage.signs);
  const approval = (await requests.events(request.id))
    .filter((event) => event.type === 'DECISION_APPROVE' && event.stage === signingStage?.key)
    .at(-1);
  return {
    name: approval?.actor.name ?? village.head.name,
    title: `${village.head.title.id} ${village.name}`,
  };
}

async function mustGet(requests: RequestStore, id: string): Promise<ServiceRequest> {
  const request = await requests.get(id);
  if (!request) throw new Error(`Request ${id} not found`);
  return request;
}
