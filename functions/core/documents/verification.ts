import type { ServiceCatalog } from '../catalog/service-catalog.js';
import { consumeOrThrow, type RateCounter, type RateLimitRule } from '../privacy/rate-limit.js';
import { DomainError, NotFoundError, ValidationError } from '../shared/errors.js';
import type {
  Clock,
  DocumentRecord,
  DocumentRegistry,
  DocumentSigner,
  DocumentStatus,
  KeySigner,
  VillageDirectory,
} from '../shared/ports.js';
import { type LocalizedText, text } from '../shared/text.js';
import { villageFor } from '../villages/places.js';
import { sha256Hex } from './hash.js';
import { type EmbeddedSignature, readEmbeddedSignature } from './pades-verify.js';
import { scanPdfForDocumentId } from './pdf-id-scan.js';

/**
 * Public verification of issued letters (DESIGN.md §1 "Documents"): anyone holding a letter checks it by its
 * document id (what the QR code opens) or by uploading the PDF. Nothing here needs a sign-in.
 */
export interface VerificationDeps {
  readonly registry: Pick<DocumentRegistry, 'get' | 'findByHash'>;
  readonly villages: VillageDirectory;
  readonly catalog: Pick<ServiceCatalog, 'get'>;
  readonly signer: Pick<DocumentSigner, 'verify'>;
  /** A signature that does not verify means the record was altered: operators must hear of it. */
  readonly log: AlertLog;
  /** Per-address limits (rate-limit.ts): the routes are public and take no sign-in. */
  readonly rates: RateCounter;
  readonly clock: Clock;
}

/** Who asks: the caller's address (actor.ts originOf), the value the per-address limits count. */
export interface VerificationClient {
  readonly address: string;
}

/**
 * Public verification is limited per client address with fixed windows (rate-limit.ts), generous enough
 * for a bank or an office behind one address checking letters all day, low enough that nobody can turn the
 * endpoints into a load test. Checking by id is a table read and a signature check; an upload also hashes
 * and scans up to MAX_UPLOAD_BYTES, so it gets the lower limit.
 */
export const VERIFY_LOOKUPS_PER_CLIENT: RateLimitRule = {
  name: 'verify-id-ip',
  limit: 240,
  windowSeconds: 15 * 60,
};
export const VERIFY_UPLOADS_PER_CLIENT: RateLimitRule = {
  name: 'verify-upload-ip',
  limit: 60,
  windowSeconds: 15 * 60,
};

export interface AlertLog {
  error(message: string, details: Record<string, unknown>): void;
}

/** What the verification page shows about an issued document. */
export interface DocumentVerification {
  readonly documentId: string;
  readonly status: DocumentStatus;
  /** The platform's signature over `sha256` verifies with its key. */
  readonly signatureValid: boolean;
  readonly signature?: { readonly algorithm: string; readonly keyId: string; readonly value: string };
  readonly letterNumber: string;
  readonly issuedAt: string;
  readonly service: { readonly code: string; readonly name: LocalizedText };
  readonly village: {
    readonly code: string;
    readonly name: string;
    readonly district: string;
    readonly regency: string;
  };
  readonly signer: { readonly name: string; readonly title: string };
  /** Masked per word (maskName): enough to compare with the paper in hand, not to harvest. */
  readonly applicantName: string;
  readonly sha256: string;
  readonly revokedAt?: string;
  readonly revocation?: { readonly reason: string };
  readonly supersededBy?: string;
  readonly supersedes?: string;
  readonly message: LocalizedText;
}

export type UploadStatus = DocumentStatus | 'tampered' | 'unknown';

/** The answer to "is this PDF the one that was issued?". */
export interface UploadVerification {
  readonly status: UploadStatus;
  /** SHA-256 of the uploaded file. */
  readonly sha256: string;
  /** Why a file is 'tampered': its bytes differ from the issued PDF's, or the record's signature fails. */
  readonly reason?: 'content-differs' | 'signature-invalid';
  readonly message: LocalizedText;
  /** The issued document the file is (or claims to be). */
  readonly document?: DocumentVerification;
  /** The file's own signature (pades-verify.ts), side by side with the hash check; absent when unsigned. */
  readonly embeddedSignature?: EmbeddedSignature;
}

/**
 * Issued letters are tens of kilobytes (a long one with its QR code stays under 200 KB): 2 MiB leaves ten
 * times that for a letter a viewer re-saved, and bounds what an anonymous caller can make the function hash
 * and scan. Larger bodies get 413. (Beyond this: API Gateway hands binary bodies to Lambda base64-encoded
 * and a synchronous invocation takes at most 6 MB, so from about 4.4 MB API Gateway itself fails the call
 * without running the function, and it refuses bodies over 10 MB with 413.)
 */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

/**
 * Verifies a document by its id.
 * Primary course: the document is on record; its signature is checked with the platform's key; its facts,
 * status (valid / revoked / superseded) and what replaced it are returned. Unknown id → NotFoundError.
 */
export async function verifyById(
  deps: VerificationDeps,
  documentId: string,
  client: VerificationClient,
): Promise<DocumentVerification> {
  await consumeOrThrow(deps.rates, VERIFY_LOOKUPS_PER_CLIENT, client.address, deps.clock.now());
  const document = await deps.registry.get(documentId);
  if (!document) {
    throw new NotFoundError(
      text(
        `Dokumen ${documentId} tidak terdaftar. Surat ini tidak diterbitkan oleh Desa Digital.`,
        `Document ${documentId} is not on record. This letter was not issued by Desa Digital.`,
      ),
    );
  }
  return describe(deps, document);
}

/**
 * Verifies an uploaded PDF: is it, byte for byte, a letter this platform issued?
 * Primary course: the file's SHA-256 is on record (the DOCHASH lookup written with the document at issue
 * time) → that document's status, if its signature verifies. The file is never parsed on this course.
 * Alternatives: the hash is not on record but the PDF names one of our documents in its metadata → 'tampered'
 * (the file differs from the one issued), with the issued document's facts; otherwise 'unknown'. The
 * metadata is found by a bounded scan (documents/pdf-id-scan.ts), never by parsing the whole file.
 * A record whose signature does not verify → 'tampered' (and an alert in the logs). Over the per-address
 * limit → 429; over MAX_UPLOAD_BYTES → 413, before any hashing.
 */
export async function verifyUpload(
  deps: VerificationDeps & {
    /** The certificate authority whose certificates an embedded (PAdES) signature may chain to. */
    readonly authorityKey: Pick<KeySigner, 'publicKeyDer'>;
    /** Signing services' root keys (BSrE's, SPKI DER) an embedded signature may chain to instead. */
    readonly trustedRoots: readonly Uint8Array[];
  },
  pdf: Uint8Array,
  client: VerificationClient,
): Promise<UploadVerification> {
  await consumeOrThrow(deps.rates, VERIFY_UPLOADS_PER_CLIENT, client.address, deps.clock.now());
  assertPdf(pdf);
  const sha256 = sha256Hex(pdf);
  const embedded = readEmbeddedSignature(pdf, [await deps.authorityKey.publicKeyDer(), ...deps.trustedRoots]);
  const withEmbedded = (answer: UploadVerification): UploadVerification =>
    embedded ? { ...answer, embeddedSignature: embedded } : answer;
  const issuedId = await deps.registry.findByHash(sha256);
  const issued = issuedId ? await deps.registry.get(issuedId) : undefined;
  if (issued?.sha256 === sha256) {
    const document = await describe(deps, issued);
    if (!document.signatureValid) {
      return withEmbedded({
        status: 'tampered',
        reason: 'signature-invalid',
        sha256,
        message: TAMPERED_RECORD,
        document,
      });
    }
    return withEmbedded({
      status: document.status,
      sha256,
      message: UPLOAD_MESSAGES[document.status],
      document,
    });
  }
  const claimedId = documentIdInMetadata(pdf);
  const claimed = claimedId ? await deps.registry.get(claimedId) : undefined;
  if (claimed) {
    return withEmbedded({
      status: 'tampered',
      reason: 'content-differs',
      sha256,
      message: TAMPERED_FILE,
      document: await describe(deps, claimed),
    });
  }
  return withEmbedded({ status: 'unknown', sha256, message: UNKNOWN });
}

const CASE_CLOSURE = text('Catatan penutupan kasus kesejahteraan', 'Welfare case closure record');

async function describe(deps: VerificationDeps, document: DocumentRecord): Promise<DocumentVerification> {
  const signatureValid = document.signature
    ? await deps.signer.verify(document.sha256, document.signature)
    : false;
  if (!signatureValid) {
    // Loud on purpose: the record's hash or signature was changed outside the platform, or the key differs.
    deps.log.error('DOCUMENT_SIGNATURE_INVALID: an issued document fails its signature check', {
      documentId: document.documentId,
      villageCode: document.villageCode,
      keyId: document.signature?.keyId ?? null,
    });
  }
  const village = await villageFor(deps.villages, document.villageCode);
  const service = await deps.catalog.get(village.code, document.serviceCode);
  return {
    documentId: document.documentId,
    status: document.status,
    signatureValid,
    ...(document.signature
      ? {
          signature: {
            algorithm: document.signature.algorithm,
            keyId: document.signature.keyId,
            value: document.signature.value,
          },
        }
      : {}),
    letterNumber: document.letterNumber,
    issuedAt: document.issuedAt,
    // A welfare case's closure record names neither the kind of case nor the household's reporter: anyone
    // holding the QR code learns only that a case of this village was closed (issue 13, privacy).
    ...(service.family === 'welfare-case'
      ? { service: { code: 'KASUS', name: CASE_CLOSURE }, applicantName: '-' }
      : {
          service: { code: service.code, name: service.name },
          applicantName: maskName(document.applicantName),
        }),
    village: {
      code: village.code,
      name: village.name,
      district: village.district.name,
      regency: village.regency.name,
    },
    signer: document.signer,
    sha256: document.sha256,
    ...(document.revokedAt ? { revokedAt: document.revokedAt } : {}),
    ...(document.revocation ? { revocation: { reason: document.revocation.reason } } : {}),
    ...(document.supersededBy ? { supersededBy: document.supersededBy } : {}),
    ...(document.supersedes ? { supersedes: document.supersedes } : {}),
    message: signatureValid ? RECORD_MESSAGES[document.status] : TAMPERED_RECORD,
  };
}

const PDF_MAGIC = Buffer.from('%PDF-');
/** PDF readers accept the header anywhere in the first kilobyte. */
const HEADER_WINDOW = 1024;

/** Refuses what cannot be a letter before any work is done on it. */
export function assertPdf(bytes: Uint8Array): void {
  const issue = (id: string, en: string) =>
    new ValidationError(text(id, en), [{ field: 'body', message: text(id, en) }]);
  if (bytes.length === 0) {
    throw issue('Berkas kosong; unggah berkas PDF surat.', "The file is empty; upload the letter's PDF.");
  }
  if (bytes.length > MAX_UPLOAD_BYTES) throw new PayloadTooLargeError(MAX_UPLOAD_BYTES);
  if (
    Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER_WINDOW)).indexOf(PDF_MAGIC) < 0
  ) {
    throw issue('Berkas ini bukan PDF.', 'This file is not a PDF.');
  }
}

const DOCUMENT_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * The document id our letters carry in their metadata (Subject, and first of the Keywords), read without
 * trusting or parsing the file (a bounded scan): anything hidden deeper simply names no document.
 */
export function documentIdInMetadata(pdf: Uint8Array): string | undefined {
  return scanPdfForDocumentId(pdf, (candidate) => DOCUMENT_ID.test(candidate)).documentId;
}

/**
 * The applicant's name as the public page shows it (UU 27/2022 on personal data: no more than the purpose
 * needs): each word keeps its first two characters (one, if it has only two) and the rest become asterisks,
 * one per character, so "Budi Santoso" reads "Bu** Sa*****". Enough for a reader to compare with the
 * name on the paper in hand; not enough to learn a name from a document id.
 */
export const maskName = (name: string): string =>
  name
    .trim()
    .split(/\s+/)
    .map((word) => {
      const letters = [...word];
      const shown = letters.length > 2 ? 2 : 1;
      return letters.slice(0, shown).join('') + '*'.repeat(Math.max(0, letters.length - shown));
    })
    .join(' ');

/** 413: the body is larger than the route takes (bilingual, naming the body and the limit). */
export class PayloadTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    const limit = limitBytes / (1024 * 1024);
    const message = text(
      `Berkas lebih besar dari ${limit} MB; surat dari Desa Digital jauh lebih kecil.`,
      `The file is larger than ${limit} MB; letters from Desa Digital are far smaller.`,
    );
    super(413, 'PAYLOAD_TOO_LARGE', message, { field: 'body', limitBytes });
  }
}

const RECORD_MESSAGES: Record<DocumentStatus, LocalizedText> = {
  valid: text(
    'Dokumen terdaftar dan berlaku. Cocokkan SHA-256 berkas Anda, atau unggah berkasnya untuk memastikan isinya tidak diubah.',
    'The document is on record and valid. Compare your file’s SHA-256, or upload the file, to be sure it was not altered.',
  ),
  revoked: text(
    'Dokumen ini telah DICABUT oleh pemerintah desa dan tidak berlaku lagi.',
    'This document has been REVOKED by the village and is no longer valid.',
  ),
  superseded: text(
    'Dokumen ini telah DIGANTI dengan dokumen yang diterbitkan ulang dan tidak berlaku lagi.',
    'This document has been REPLACED by a reissued document and is no longer valid.',
  ),
};

const UPLOAD_MESSAGES: Record<DocumentStatus, LocalizedText> = {
  valid: text(
    'ASLI dan BERLAKU: berkas ini sama persis dengan dokumen yang diterbitkan.',
    'AUTHENTIC and VALID: this file is identical to the document that was issued.',
  ),
  revoked: text(
    'Berkas ini asli, tetapi dokumennya telah DICABUT dan tidak berlaku lagi.',
    'This file is authentic, but the document has been REVOKED and is no longer valid.',
  ),
  superseded: text(
    'Berkas ini asli, tetapi dokumennya telah DIGANTI dengan dokumen yang diterbitkan ulang.',
    'This file is authentic, but the document has been REPLACED by a reissued document.',
  ),
};

const TAMPERED_FILE = text(
  'DIUBAH: berkas ini berbeda dari dokumen yang diterbitkan dengan nomor tersebut. Jangan terima berkas ini.',
  'ALTERED: this file differs from the document issued under that number. Do not accept it.',
);

const TAMPERED_RECORD = text(
  'TIDAK SAH: tanda tangan elektronik dokumen ini tidak dapat diverifikasi. Jangan terima dokumen ini dan hubungi kantor desa.',
  'NOT VALID: this document’s electronic signature does not verify. Do not accept it; contact the village office.',
);

const UNKNOWN = text(
  'TIDAK DIKENAL: berkas ini tidak diterbitkan oleh Desa Digital.',
  'UNKNOWN: this file was not issued by Desa Digital.',
);
