import { PDFDocument, StandardFonts } from 'pdf-lib';
import { DEMO_VILLAGES } from '../../../config/villages.js';
import { memoryKey } from '../../../functions/adapters/signing/local-signer.js';
import { businessCertificate } from '../../../functions/core/catalog/services/business-certificate.js';
import { sha256Hex } from '../../../functions/core/documents/index.js';
import type { Actor } from '../../../functions/core/identity/roles.js';
import type { RateCounter } from '../../../functions/core/privacy/rate-limit.js';
import type { RequestEvent, ServiceRequest } from '../../../functions/core/requests/requests.js';
import type {
  DocumentRecord,
  DocumentRegistry,
  DocumentRevocation,
  DocumentSigner,
  DocumentStatus,
  DocumentWriteResult,
  RequestChange,
  RequestStore,
  VillageDirectory,
} from '../../../functions/core/shared/ports.js';
import { catalogOf } from '../../support/catalog.js';

/** Plain in-memory stand-ins for the ports: the use cases run without AWS or local servers. */

export const TAMPO = '35.10.06.2001';
export const tampo = (() => {
  const village = DEMO_VILLAGES.find((candidate) => candidate.code === TAMPO);
  if (!village) throw new Error('demo village Tampo is missing');
  return village;
})();

export const villages: VillageDirectory = {
  get: async (code) => DEMO_VILLAGES.find((village) => village.code === code),
  list: async () => [...DEMO_VILLAGES],
};

export const catalog = catalogOf([businessCertificate]);

/** Real signatures with a key held in memory (no file, no KMS). */
export const fakeSigner: DocumentSigner = memoryKey('test-key');

export class Requests implements Pick<RequestStore, 'get'> {
  readonly items = new Map<string, ServiceRequest>();
  readonly events: RequestEvent[] = [];

  async get(id: string) {
    return this.items.get(id);
  }

  /** Applies a change if the stored version still matches (as the DynamoDB adapter's condition does). */
  accepts(change: RequestChange): boolean {
    return this.items.get(change.request.id)?.version === change.expectedVersion;
  }

  apply(change: RequestChange): void {
    this.items.set(change.request.id, change.request);
    if (change.event) this.events.push(change.event);
  }
}

/** The registry with the DynamoDB adapter's conditions; `beforeWrite` lets a test slip a concurrent change in. */
export class Registry implements DocumentRegistry {
  readonly documents = new Map<string, DocumentRecord>();
  readonly hashes = new Map<string, string>();
  readonly counters = new Map<string, number>();
  readonly voided: { villageCode: string; year: number; sequence: number; reason: string; scope?: string }[] =
    [];
  beforeWrite?: () => void;

  constructor(private readonly requests: Requests) {}

  async get(documentId: string) {
    return this.documents.get(documentId);
  }

  async nextSequence(villageCode: string, year: number, scope = 'ALL') {
    const key = `${villageCode}#${year}#${scope}`;
    const next = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, next);
    return next;
  }

  async voidNumber(villageCode: string, year: number, sequence: number, reason: string, scope?: string) {
    this.voided.push({ villageCode, year, sequence, reason, ...(scope ? { scope } : {}) });
  }

  async recordIssued(document: DocumentRecord, change: RequestChange) {
    if (!this.requests.accepts(change)) return false;
    this.requests.apply(change);
    this.put(document);
    return true;
  }

  async findByHash(sha256: string) {
    return this.hashes.get(sha256);
  }

  async revoke(
    documentId: string,
    { at, ...revocation }: DocumentRevocation & { at: string },
    change: RequestChange,
  ): Promise<DocumentWriteResult> {
    this.beforeWrite?.();
    const document = this.documents.get(documentId);
    if (document?.status !== 'valid') return 'document-changed';
    if (!this.requests.accepts(change)) return 'request-changed';
    this.documents.set(documentId, { ...document, status: 'revoked', revokedAt: at, revocation });
    this.requests.apply(change);
    return 'written';
  }

  async recordReissued(
    document: DocumentRecord & { supersedes: string },
    previousStatus: Exclude<DocumentStatus, 'superseded'>,
    change: RequestChange,
  ): Promise<DocumentWriteResult> {
    this.beforeWrite?.();
    const previous = this.documents.get(document.supersedes);
    if (previous?.status !== previousStatus || previous.supersededBy) return 'document-changed';
    if (!this.requests.accepts(change)) return 'request-changed';
    this.documents.set(previous.documentId, {
      ...previous,
      status: 'superseded',
      supersededBy: document.documentId,
    });
    this.put(document);
    this.requests.apply(change);
    return 'written';
  }

  put(document: DocumentRecord) {
    this.documents.set(document.documentId, document);
    this.hashes.set(document.sha256, document.documentId);
  }
}

/** An in-memory window counter that behaves like the DynamoDB ADD (rate-limit.ts RateCounter). */
export class MemoryRateCounter implements RateCounter {
  readonly hits = new Map<string, number>();

  async add(key: string, windowStart: number, delta: number): Promise<number> {
    const id = `${key}|${windowStart}`;
    const count = (this.hits.get(id) ?? 0) + delta;
    this.hits.set(id, count);
    return count;
  }
}

export const DOCUMENT_ID = '01JD7X3M4N5P6Q7R8S9T0V1W2X';
export const REQUEST_ID = '01JD7X3M4N5P6Q7R8S9T0V1W2Y';

/** A small PDF that carries a document id where our letters do: the metadata Subject and Keywords. */
export async function letterPdf(
  documentId = DOCUMENT_ID,
  body = 'SURAT KETERANGAN USAHA',
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setSubject(documentId);
  pdf.setKeywords([documentId, '500.2/001/TMP/XI/2026']);
  pdf.setCreationDate(new Date('2026-11-22T03:15:00Z'));
  pdf.setModificationDate(new Date('2026-11-22T03:15:00Z'));
  const page = pdf.addPage();
  page.drawText(body, { x: 72, y: 720, font: await pdf.embedFont(StandardFonts.TimesRoman) });
  return pdf.save({ useObjectStreams: false });
}

/** The request of an issued letter, and that letter's record, signed by `fakeSigner`. */
export async function issued(
  pdf: Uint8Array,
  overrides: Partial<DocumentRecord> = {},
): Promise<{ request: ServiceRequest; document: DocumentRecord }> {
  const sha256 = sha256Hex(pdf);
  const documentId = overrides.documentId ?? DOCUMENT_ID;
  const document: DocumentRecord = {
    documentId,
    requestId: REQUEST_ID,
    letterNumber: '500.2/001/TMP/XI/2026',
    issuedAt: '2026-11-22T03:15:00.000Z',
    serviceCode: 'SKU',
    villageCode: TAMPO,
    signer: { name: 'Suwebi', title: 'Kepala Desa Tampo' },
    applicantName: 'Budi Santoso',
    sha256,
    objectKey: `documents/${TAMPO}/${documentId}.pdf`,
    signature: await fakeSigner.sign(sha256),
    status: 'valid',
    ...overrides,
  };
  const request: ServiceRequest = {
    id: REQUEST_ID,
    trackingCode: 'DD-7K3M-Q9XA',
    serviceCode: 'SKU',
    villageCode: TAMPO,
    status: 'ISSUED',
    stageIndex: 2,
    applicant: { subject: 'citizen-1', name: 'Budi Santoso' },
    data: { fullName: 'Budi Santoso' },
    createdAt: '2026-11-21T01:00:00.000Z',
    updatedAt: '2026-11-22T03:15:00.000Z',
    version: 7,
    document: {
      documentId,
      letterNumber: document.letterNumber,
      issuedAt: document.issuedAt,
      sha256,
    },
  };
  return { request, document };
}

export const actor = (roles: Actor['roles'], areas: readonly string[] = [TAMPO]): Actor => ({
  subject: `${roles[0]}-subject`,
  name: roles[0] === 'village_head' ? 'Suwebi' : 'Staf Desa',
  roles,
  areas,
});
