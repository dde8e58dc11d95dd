import { SYSTEM_ACTOR } from '../approvals/review.js';
import { letterFields } from '../catalog/letter-fields.js';
import type { ServiceCatalog } from '../catalog/service-catalog.js';
import type { ServiceDefinition } from '../catalog/types.js';
import { announce } from '../notifications/announce.js';
import type { BusinessMetrics } from '../requests/business-metrics.js';
import type { EventActor, IssuedDocumentRef, RequestEvent, ServiceRequest } from '../requests/requests.js';
import { newId } from '../shared/ids.js';
import type {
  Clock,
  DocumentRecord,
  DocumentRegistry,
  DocumentSigner,
  DocumentStore,
  KeySigner,
  Notifier,
  RequestStore,
  VillageDirectory,
} from '../shared/ports.js';
import { type Village, villageFor } from '../villages/places.js';
import { detachedSignature } from './cms.js';
import type { EmblemStore } from './emblem.js';
import type { ExternalSigner, SignerCredentials } from './external-signing.js';
import { sha256Hex } from './hash.js';
import { drawLetterNumber } from './letter-numbering.js';
import {
  type LetterContent,
  type Letterhead,
  renderLetterForSigningService,
  renderLetterPdf,
} from './letter-pdf.js';
import { sealPdf } from './pades.js';
import { type CertificateStore, type LetterSigner, signingChain } from './signer-certificates.js';
import { signingStageOf } from './signing-stage.js';
import { fillLetter, formatIndonesianDate } from './template.js';

export interface IssueDeps {
  readonly requests: RequestStore;
  readonly villages: VillageDirectory;
  readonly catalog: ServiceCatalog;
  readonly registry: DocumentRegistry;
  readonly files: DocumentStore;
  readonly signer: DocumentSigner;
  readonly notifier: Notifier;
  /** Counts the change for devops (issue 15); absent where nobody counts (tests, scripts). */
  readonly metrics?: BusinessMetrics;
  readonly clock: Clock;
  /** Base URL of the web front end: the QR code opens its verification page, /verify.html#<documentId>. */
  readonly verifyBaseUrl: string;
  /** The regency's certificate authority and the certificates it issued (PAdES: signer-certificates.ts). */
  readonly authorityKey: KeySigner;
  readonly certificates: CertificateStore;
  /** The regency's emblem for the letterhead (emblem.ts); a regency without one gets letters without. */
  readonly emblems: Pick<EmblemStore, 'get'>;
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
  const service = await deps.catalog.definitionOf(request);
  request = await pinLetterNumber(deps, request, service, village);
  const pinned = request.document;
  if (!pinned?.issuedAt) throw new Error('Letter number was not pinned');

  // A letter a signing service (BSrE) signed at the final approval is stored already: record it as it is.
  const stored = pinned.signingService
    ? {
        record: await presignedRecord(deps, request, service, village, {
          ...pinned,
          issuedAt: pinned.issuedAt,
        }),
      }
    : await renderAndStoreLetter(deps, request, service, village, { ...pinned, issuedAt: pinned.issuedAt });
  const now = deps.clock.now().toISOString();
  const issued: ServiceRequest = {
    ...request,
    status: 'ISSUED',
    document: { ...pinned, sha256: stored.record.sha256 },
    updatedAt: now,
    version: request.version + 1,
  };
  const event: RequestEvent = {
    requestId: request.id,
    at: now,
    type: 'ISSUED',
    status: 'ISSUED',
    actor: SYSTEM_ACTOR,
    note: pinned.letterNumber,
  };
  const recorded = await deps.registry.recordIssued(stored.record, {
    request: issued,
    expectedVersion: request.version,
    event,
  });
  if (!recorded) throw new Error(`Request ${requestId} changed while its document was being issued`);
  await announce(deps, issued, service, event);
  return { documentId: pinned.documentId };
}

/** What a letter says and who signs it, before any signature: shared by the platform's key and a signing service. */
interface LetterDraft {
  readonly content: Omit<LetterContent, 'signature'>;
  readonly signer: LetterSigner;
  /** "Kepala Desa Tampo menandatangani Surat Keterangan Usaha Nomor …": the signature's stated reason. */
  readonly reason: string;
  /** "Tampo, Banyuwangi". */
  readonly location: string;
}

async function letterDraft(
  deps: Pick<IssueDeps, 'verifyBaseUrl' | 'emblems'>,
  request: ServiceRequest,
  service: ServiceDefinition,
  village: Village,
  pinned: IssuedDocumentRef & { issuedAt: string },
  signer: LetterSigner,
): Promise<LetterDraft> {
  const letter = fillLetter(service.letter, letterValues(service, request, village));
  // A letter the camat signs is the sub-district's: its letterhead, dated at the district.
  const byCamat = signedByCamat(service);
  const letterhead: Letterhead = byCamat
    ? {
        office: 'district',
        regency: village.regency.name,
        district: village.district.name,
        ...(village.district.address ? { address: village.district.address } : {}),
      }
    : {
        regency: village.regency.name,
        district: village.district.name,
        village: village.name,
        villageKind: village.kind,
        address: village.address,
      };
  const placeOfIssue = byCamat ? village.district.name : village.name;
  const emblem = await deps.emblems.get(village.regency.code);
  return {
    content: {
      documentId: pinned.documentId,
      letterNumber: pinned.letterNumber,
      issuedAt: pinned.issuedAt,
      paper: village.paper ?? 'A4',
      letterhead,
      ...(emblem ? { emblem } : {}),
      ...letter,
      signer,
      placeOfIssue,
      verificationUrl: `${deps.verifyBaseUrl}/verify.html#${pinned.documentId}`,
    },
    signer,
    reason: `${signer.title} menandatangani ${letter.title} Nomor ${pinned.letterNumber}`,
    location: `${placeOfIssue}, ${village.regency.name}`,
  };
}

/**
 * Renders a request's letter under a given number and document id, signs it with the platform's key under
 * the signer's certificate (PAdES), stores the PDF and returns the document record to write (shared by first
 * issue and reissue).
 */
export async function renderAndStoreLetter(
  deps: Pick<
    IssueDeps,
    'requests' | 'files' | 'signer' | 'verifyBaseUrl' | 'authorityKey' | 'certificates' | 'emblems'
  >,
  request: ServiceRequest,
  service: ServiceDefinition,
  village: Village,
  pinned: IssuedDocumentRef & { issuedAt: string },
): Promise<{ record: DocumentRecord; pdf: Uint8Array }> {
  const signer = signerFor(await signingApproval(deps.requests, request, service), service, village);
  const signedAt = new Date(pinned.issuedAt);
  const [draft, chain] = await Promise.all([
    letterDraft(deps, request, service, village, pinned, signer),
    signingChain(
      {
        authorityKey: deps.authorityKey,
        documentKey: deps.signer,
        certificates: deps.certificates,
        clock: { now: () => signedAt },
      },
      signer,
      village,
    ),
  ]);
  const prepared = await renderLetterPdf({
    ...draft.content,
    signature: { name: signer.name, reason: draft.reason, location: draft.location, signedAt },
  });
  // The PAdES signature first, then the hash of the signed file: GET /v1/verify checks the file people hold.
  const pdf = await sealPdf(prepared, (bytes) => detachedSignature(bytes, chain, deps.signer));
  const sha256 = sha256Hex(pdf);
  const objectKey = letterObjectKey(village, pinned);
  await deps.files.put(objectKey, pdf, sha256);
  return { pdf, record: await documentRecord(deps, request, service, village, pinned, signer, sha256) };
}

/**
 * Renders a letter for the approval that ends its chain and has a signing service (BSrE) sign it for the
 * approver, with the credentials they typed; stores the signed PDF where the letter's PDF lives and answers
 * its hash. Nothing is decided here: the caller records the approval with the hash (issueDocument then takes
 * the stored file as it is). Throws the service's refusal or unavailability as it comes.
 */
export async function signWithService(
  deps: Pick<IssueDeps, 'files' | 'verifyBaseUrl' | 'emblems'> & {
    readonly checkSigned: (pdf: Uint8Array) => void;
  },
  service: ExternalSigner,
  credentials: SignerCredentials,
  letter: {
    readonly request: ServiceRequest;
    readonly service: ServiceDefinition;
    readonly village: Village;
    readonly pinned: IssuedDocumentRef & { issuedAt: string };
    readonly approver: EventActor;
  },
): Promise<{ sha256: string }> {
  const signer = signerFor(letter.approver, letter.service, letter.village);
  const draft = await letterDraft(
    deps,
    letter.request,
    letter.service,
    letter.village,
    letter.pinned,
    signer,
  );
  const { pdf: prepared, signaturePlace } = await renderLetterForSigningService(draft.content);
  const pdf = await service.signPdf({
    credentials,
    pdf: prepared,
    box: signaturePlace,
    reason: draft.reason,
    location: draft.location,
  });
  deps.checkSigned(pdf);
  const sha256 = sha256Hex(pdf);
  await deps.files.put(letterObjectKey(letter.village, letter.pinned), pdf, sha256);
  return { sha256 };
}

/** The record of a letter a signing service signed: its stored hash, signed again by the platform's key. */
async function presignedRecord(
  deps: Pick<IssueDeps, 'requests' | 'signer'>,
  request: ServiceRequest,
  service: ServiceDefinition,
  village: Village,
  pinned: IssuedDocumentRef & { issuedAt: string },
): Promise<DocumentRecord> {
  if (!pinned.sha256) throw new Error(`Request ${request.id}: a signed letter without its hash`);
  const signer = signerFor(await signingApproval(deps.requests, request, service), service, village);
  return documentRecord(deps, request, service, village, pinned, signer, pinned.sha256);
}

/** The registry record of a stored letter; the platform's key signs its hash (GET /v1/verify's check). */
async function documentRecord(
  deps: Pick<IssueDeps, 'signer'>,
  request: ServiceRequest,
  service: ServiceDefinition,
  village: Village,
  pinned: IssuedDocumentRef & { issuedAt: string },
  signer: LetterSigner,
  sha256: string,
): Promise<DocumentRecord> {
  return {
    documentId: pinned.documentId,
    requestId: request.id,
    letterNumber: pinned.letterNumber,
    issuedAt: pinned.issuedAt,
    serviceCode: service.code,
    villageCode: village.code,
    signer,
    applicantName: String(request.data.fullName ?? request.applicant.name),
    sha256,
    objectKey: letterObjectKey(village, pinned),
    signature: await deps.signer.sign(sha256),
    status: 'valid',
  };
}

const letterObjectKey = (village: Village, pinned: IssuedDocumentRef): string =>
  `documents/${village.code}/${pinned.documentId}.pdf`;

/** Draws a number once per request; a retry that lost the race voids the number it drew. */
export async function pinLetterNumber(
  deps: Pick<IssueDeps, 'requests' | 'registry' | 'clock'>,
  request: ServiceRequest,
  service: ServiceDefinition,
  village: Village,
): Promise<ServiceRequest> {
  if (request.document) return request;
  const issuedAt = deps.clock.now();
  const drawn = await drawLetterNumber(deps, service, village, issuedAt);
  const pinned: ServiceRequest = {
    ...request,
    document: {
      documentId: newId(issuedAt),
      letterNumber: drawn.letterNumber,
      issuedAt: issuedAt.toISOString(),
    },
    updatedAt: issuedAt.toISOString(),
    version: request.version + 1,
  };
  if (await deps.requests.update({ request: pinned, expectedVersion: request.version })) return pinned;
  await deps.registry.voidNumber(
    village.code,
    drawn.year,
    drawn.sequence,
    `lost race pinning request ${request.id}`,
    drawn.scope,
  );
  return mustGet(deps.requests, request.id);
}

/** A request's letter values: its form, and what deciders recorded and a publication drew (letter-fields.ts). */
function letterValues(
  service: ServiceDefinition,
  request: ServiceRequest,
  village: Village,
): Record<string, string> {
  const recorded = Object.assign({}, ...Object.values(request.records ?? {})) as Record<string, unknown>;
  return printedValues(
    service,
    { ...recorded, ...request.data },
    { village: village.name, district: village.district.name, regency: village.regency.name },
  );
}

/**
 * The template's values as a person reads them: place names, dates in Indonesian, choices by their label,
 * '-' for an optional value left empty.
 */
export function printedValues(
  service: ServiceDefinition,
  data: Readonly<Record<string, unknown>>,
  places: Readonly<Record<'village' | 'district' | 'regency', string>>,
): Record<string, string> {
  const values: Record<string, string> = { ...places };
  for (const field of letterFields(service)) {
    const value = data[field.name];
    if (value === undefined) values[field.name] = '-';
    else if (field.type === 'date') values[field.name] = formatIndonesianDate(String(value));
    else if (field.type === 'choice') {
      values[field.name] = field.choices?.find((choice) => choice.value === value)?.label.id ?? String(value);
    } else values[field.name] = String(value);
  }
  return values;
}

/** Permits the district grants (IUMK, IPHP, …): the camat signs them, on the sub-district's letterhead. */
export const signedByCamat = (service: ServiceDefinition): boolean => {
  const stage = signingStageOf(service);
  return stage?.kind === 'decision' && stage.role === 'district_head';
};

/** The approval of the signing stage, as the request's history records it (the last one, after a return). */
async function signingApproval(
  requests: RequestStore,
  request: ServiceRequest,
  service: ServiceDefinition,
): Promise<EventActor | undefined> {
  const signingStage = signingStageOf(service);
  return (await requests.events(request.id))
    .filter((event) => event.type === 'DECISION_APPROVE' && event.stage === signingStage?.key)
    .at(-1)?.actor;
}

/**
 * The person who approves the signing stage signs the letter, with that stage's title (the village head,
 * or the camat for permits the district signs); the village head on record when no approval is found.
 */
export function signerFor(
  approver: Pick<EventActor, 'name' | 'role'> | undefined,
  service: ServiceDefinition,
  village: Village,
): LetterSigner {
  const title = signedByCamat(service)
    ? `Camat ${village.district.name}`
    : approver?.role === 'village_secretary'
      ? `a.n. ${village.head.title.id} ${village.name}, Sekretaris Desa`
      : `${village.head.title.id} ${village.name}`;
  return { name: approver?.name ?? village.head.name, title };
}

async function mustGet(requests: RequestStore, id: string): Promise<ServiceRequest> {
  const request = await requests.get(id);
  if (!request) throw new Error(`Request ${id} not found`);
  return request;
}
