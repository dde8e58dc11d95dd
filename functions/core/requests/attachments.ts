import { createHash } from 'node:crypto';
import { offeredEverywhere, type ServiceCatalog } from '../catalog/service-catalog.js';
import type { ServiceDefinition } from '../catalog/types.js';
import type { Actor, Role } from '../identity/roles.js';
import { type FieldIssue, NotFoundError, ValidationError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Clock, VillageDirectory } from '../shared/ports.js';
import { text } from '../shared/text.js';
import { activeContent } from './active-content.js';
import type { AttachmentContentType, AttachmentRef } from './requests.js';

/** The largest file a person may attach: a phone photo or a scanned page, not a video. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const UPLOAD_LINK_SECONDS = 15 * 60;

/**
 * What a ticket declared, kept beside the upload (written by the server, never by the browser) so that the
 * submission can check the file against it: who may attach it, to which service, village and requirement,
 * and its exact size and type.
 */
export interface UploadTicket {
  readonly serviceCode: string;
  /** Absent when the ticket named no village (a regency service asked for from the portal). */
  readonly villageCode?: string;
  readonly requirementCode: string;
  readonly contentType: AttachmentContentType;
  readonly size: number;
  readonly issuedAt: string;
}

/** Where uploaded files wait (unattached ones expire) and where attached ones are kept; a ticket says what each is for. */
export interface UploadStore<
  Ticket extends { readonly contentType: string; readonly size: number } = UploadTicket,
> {
  /** Stores the ticket beside the upload's key, then hands out a presigned POST for exactly that file. */
  presignUpload(
    key: string,
    ticket: Ticket,
    expiresInSeconds: number,
  ): Promise<{ url: string; fields: Record<string, string> }>;
  /** Size, stored content type and ticket of an uploaded file; undefined when there is none. */
  inspect(key: string): Promise<{ size: number; contentType: string; ticket?: Ticket } | undefined>;
  /** The whole file (at most MAX_ATTACHMENT_BYTES: callers check the size first). */
  read(key: string): Promise<Uint8Array>;
  /** Size and content type of a file already accepted under `key`; undefined when there is none. */
  accepted(key: string): Promise<{ size: number; contentType: string } | undefined>;
  /** Moves an accepted upload to its permanent key (and drops its ticket); safe to repeat. */
  promote(fromKey: string, toKey: string): Promise<void>;
  discard(key: string): Promise<void>;
}

export interface UploadInput {
  readonly serviceCode: string;
  readonly villageCode?: string;
  readonly requirementCode: string;
  readonly contentType: AttachmentContentType;
  readonly size: number;
}

/** Uploads are kept per uploader: a key never carries the person's account id in clear. */
const uploadKey = (subject: string, uploadId: string) =>
  `uploads/${createHash('sha256').update(subject).digest('hex').slice(0, 20)}/${uploadId}`;

/** Where an accepted file lives: named by its upload id, so accepting it again finds the same object. */
const attachmentKey = (villageCode: string, requestId: string, uploadId: string) =>
  `attachments/${villageCode}/${requestId}/${uploadId}`;

/** The requirement codes a service asks for on submission (or a resubmission). */
export const submittedRequirements = (service: ServiceDefinition) =>
  service.requirements.map((requirement) => requirement.code);

/** Every code a file of this service may be uploaded for: its persyaratan and its stages' documents. */
const uploadableRequirements = (service: ServiceDefinition) => [
  ...submittedRequirements(service),
  ...service.stages.flatMap((stage) =>
    stage.kind === 'decision' && stage.attachesDocument ? [stage.attachesDocument.requirementCode] : [],
  ),
];

/**
 * Hands out a presigned POST for one file.
 * Primary course: the village (if named) exists and offers the service, the requirement belongs to the
 * service (or is a document a decider attaches), the declared type is allowed and the size within the
 * limit; the ticket is stored beside the upload and S3 enforces type and exact size again on upload.
 */
export async function requestUpload(
  deps: { uploads: UploadStore; clock: Clock; catalog: ServiceCatalog; villages: VillageDirectory },
  actor: Actor,
  input: UploadInput,
) {
  const service = await ticketService(deps, input);
  if (!uploadableRequirements(service).includes(input.requirementCode)) {
    throw new ValidationError(
      text(
        `requirementCode: persyaratan "${input.requirementCode}" tidak ada pada layanan ${service.code}.`,
        `requirementCode: service ${service.code} has no requirement "${input.requirementCode}".`,
      ),
      [{ field: 'requirementCode', message: text('persyaratan tidak dikenal', 'unknown requirement') }],
    );
  }
  // A regulation's text is published and harvested as a PDF (JDIHN): never a photo of it.
  if (service.family === 'legal-product' && input.contentType !== 'application/pdf') {
    throw new ValidationError(
      text('contentType: naskah produk hukum harus PDF.', 'contentType: a legal text must be a PDF.'),
      [{ field: 'contentType', message: text('harus application/pdf', 'must be application/pdf') }],
    );
  }
  if (input.size > MAX_ATTACHMENT_BYTES) throw tooLarge('size', input.size);
  const now = deps.clock.now();
  const uploadId = newId(now);
  const ticket: UploadTicket = {
    serviceCode: service.code,
    ...(input.villageCode ? { villageCode: input.villageCode } : {}),
    requirementCode: input.requirementCode,
    contentType: input.contentType,
    size: input.size,
    issuedAt: now.toISOString(),
  };
  const { url, fields } = await deps.uploads.presignUpload(
    uploadKey(actor.subject, uploadId),
    ticket,
    UPLOAD_LINK_SECONDS,
  );
  return {
    uploadId,
    url,
    fields,
    maxBytes: MAX_ATTACHMENT_BYTES,
    expiresAt: new Date(now.getTime() + UPLOAD_LINK_SECONDS * 1000).toISOString(),
  };
}

/** The service a ticket is for: a 400 naming the field when the village or the service does not exist. */
async function ticketService(
  deps: { catalog: ServiceCatalog; villages: VillageDirectory },
  input: UploadInput,
): Promise<ServiceDefinition> {
  const refuse = (field: 'villageCode' | 'serviceCode', id: string, en: string) =>
    new ValidationError(text(`${field}: ${id}`, `${field}: ${en}`), [{ field, message: text(id, en) }]);
  const village = input.villageCode ? await deps.villages.get(input.villageCode) : undefined;
  if (input.villageCode && !village) {
    throw refuse(
      'villageCode',
      `desa dengan kode ${input.villageCode} tidak terdaftar`,
      `no village with code ${input.villageCode}`,
    );
  }
  const service = await deps.catalog.get(input.villageCode ?? '', input.serviceCode).catch((error) => {
    if (error instanceof NotFoundError) {
      throw refuse(
        'serviceCode',
        `layanan ${input.serviceCode} tidak ada${input.villageCode ? ' di desa ini' : ''}`,
        `no service ${input.serviceCode}${input.villageCode ? ' in this village' : ''}`,
      );
    }
    throw error;
  });
  if (village && !offeredEverywhere(service) && !village.services.includes(service.code)) {
    throw refuse(
      'serviceCode',
      `desa ${village.name} tidak melayani ${service.code}`,
      `village ${village.name} does not offer ${service.code}`,
    );
  }
  return service;
}

export interface AttachmentInput {
  readonly requirementCode: string;
  readonly uploadId: string;
}

/** Where the files go and what they must match. */
export interface AttachmentTarget {
  readonly requestId: string;
  readonly villageCode: string;
  readonly serviceCode: string;
  /** The requirement codes this step accepts: the service's persyaratan, or the stage's document. */
  readonly requirementCodes: readonly string[];
  /**
   * A submission resumed under a claimed Idempotency-Key: an upload already moved under this request by the
   * first attempt (it passed every check before it moved) is taken as it is.
   */
  readonly resumable?: boolean;
}

/**
 * Accepts uploaded files as a request's attachments.
 * Primary course: every requirement code is one this step accepts and every upload is used once; each file
 * exists under the caller's own uploads, matches its ticket (service, village, requirement, exact size and
 * type), starts with the bytes of its type (a renamed .exe is not a PDF) and carries no active content
 * (active-content.ts); only then do the files move under the request. Any problem: a 400 naming the field
 * (`attachments.1.requirementCode`), nothing moved; a file whose content was refused is deleted, the
 * others stay for a corrected submission.
 */
export async function acceptAttachments(
  deps: { uploads: UploadStore; clock: Clock },
  actor: Actor,
  role: Role,
  target: AttachmentTarget,
  inputs: readonly AttachmentInput[],
): Promise<AttachmentRef[]> {
  refuseIf(listProblems(target, inputs));
  const keys = inputs.map((input) => uploadKey(actor.subject, input.uploadId));
  const destinations = inputs.map((input) =>
    attachmentKey(target.villageCode, target.requestId, input.uploadId),
  );
  const inspected = await Promise.all(keys.map((key) => deps.uploads.inspect(key)));
  const resumed = await Promise.all(
    inspected.map((file, index) =>
      !file && target.resumable ? deps.uploads.accepted(destinations[index] ?? '') : undefined,
    ),
  );
  const issues: FieldIssue[] = [];
  inputs.forEach((input, index) => {
    if (resumed[index]) return;
    issues.push(...ticketProblems(target, input, index, inspected[index]));
  });
  refuseIf(issues);
  // Read one file at a time (at most 5 MB each): memory stays bounded whatever the number of attachments.
  const refused: string[] = [];
  for (const [index, file] of inspected.entries()) {
    const key = keys[index];
    if (!file?.ticket || !key) continue;
    const problem = contentProblem(file.ticket.contentType, await deps.uploads.read(key));
    if (problem) {
      issues.push({ field: `attachments.${index}.uploadId`, message: problem });
      refused.push(key);
    }
  }
  if (issues.length > 0) {
    await Promise.all(refused.map((key) => deps.uploads.discard(key)));
    refuseIf(issues);
  }
  const at = deps.clock.now().toISOString();
  return Promise.all(
    inputs.map(async (input, index) => {
      const destination = destinations[index] ?? '';
      const file = inspected[index] ?? resumed[index];
      const contentType = inspected[index]?.ticket?.contentType ?? resumed[index]?.contentType;
      if (!file || !contentType) throw new Error('inspected file vanished');
      if (inspected[index]) await deps.uploads.promote(keys[index] ?? '', destination);
      return {
        attachmentId: input.uploadId,
        requirementCode: input.requirementCode,
        contentType: contentType as AttachmentContentType,
        size: file.size,
        objectKey: destination,
        uploadedBy: { subject: actor.subject, role },
        at,
      };
    }),
  );
}

function refuseIf(issues: readonly FieldIssue[]) {
  if (issues.length === 0) return;
  throw new ValidationError(
    text(
      `Lampiran ditolak: ${issues.map((issue) => `${issue.field}: ${issue.message.id}`).join('; ')}`,
      `Attachment refused: ${issues.map((issue) => `${issue.field}: ${issue.message.en}`).join('; ')}`,
    ),
    issues,
  );
}

/** What is wrong with the list itself, before any file is looked at. */
function listProblems(target: AttachmentTarget, inputs: readonly AttachmentInput[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, index) => {
    if (!target.requirementCodes.includes(input.requirementCode)) {
      issues.push({
        field: `attachments.${index}.requirementCode`,
        message:
          target.requirementCodes.length > 0
            ? text(
                `persyaratan tidak dikenal di sini; yang diterima: ${target.requirementCodes.join(', ')}`,
                `unknown requirement here; accepted: ${target.requirementCodes.join(', ')}`,
              )
            : text('tidak ada lampiran yang diterima di sini', 'no attachment is accepted here'),
      });
    }
    if (seen.has(input.uploadId)) {
      issues.push({
        field: `attachments.${index}.uploadId`,
        message: text(
          'berkas yang sama sudah dipakai untuk persyaratan lain',
          'the same upload is already used for another requirement',
        ),
      });
    }
    seen.add(input.uploadId);
  });
  return issues;
}

/** The file against its ticket and this submission: one issue per mismatch, each naming its field. */
function ticketProblems(
  target: AttachmentTarget,
  input: AttachmentInput,
  index: number,
  file: { size: number; contentType: string; ticket?: UploadTicket } | undefined,
): FieldIssue[] {
  const issue = (field: string, id: string, en: string): FieldIssue => ({
    field: `attachments.${index}.${field}`,
    message: text(id, en),
  });
  const { ticket } = file ?? {};
  if (!file || !ticket) {
    // Someone else's upload is not under this caller's key: it reads as missing, and says nothing more.
    return [
      issue(
        'uploadId',
        'berkas belum diunggah, sudah kedaluwarsa, atau bukan unggahan Anda',
        'file not uploaded, expired, or not uploaded by you',
      ),
    ];
  }
  const issues: FieldIssue[] = [];
  if (ticket.serviceCode !== target.serviceCode) {
    issues.push(
      issue(
        'uploadId',
        `berkas diunggah untuk layanan ${ticket.serviceCode}, bukan ${target.serviceCode}`,
        `the file was uploaded for service ${ticket.serviceCode}, not ${target.serviceCode}`,
      ),
    );
  }
  if (ticket.villageCode && ticket.villageCode !== target.villageCode) {
    issues.push(
      issue(
        'uploadId',
        `berkas diunggah untuk desa ${ticket.villageCode}, bukan ${target.villageCode}`,
        `the file was uploaded for village ${ticket.villageCode}, not ${target.villageCode}`,
      ),
    );
  }
  if (ticket.requirementCode !== input.requirementCode) {
    issues.push(
      issue(
        'requirementCode',
        `berkas diunggah untuk persyaratan ${ticket.requirementCode}, bukan ${input.requirementCode}`,
        `the file was uploaded for requirement ${ticket.requirementCode}, not ${input.requirementCode}`,
      ),
    );
  }
  const problem = fileProblem(file, ticket);
  if (problem) issues.push({ field: `attachments.${index}.uploadId`, message: problem });
  return issues;
}

const EXTENSIONS: Record<AttachmentContentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/**
 * How an attachment is handed out: a name the server chooses (`lampiran-ktp-<id>.pdf`: the requirement code
 * only when the catalog declares it, else just the id) and the type validated when it was accepted. Caller
 * text never reaches a header, whatever older records hold.
 */
export function attachmentDownload(
  attachment: Pick<AttachmentRef, 'attachmentId' | 'requirementCode' | 'contentType'>,
  service: ServiceDefinition,
): { fileName: string; contentType: string } {
  const known = (uploadableRequirements(service) as readonly string[]).includes(attachment.requirementCode);
  const code =
    known && /^[a-z][a-z0-9-]{0,39}$/.test(attachment.requirementCode) ? attachment.requirementCode : '';
  const id = attachment.attachmentId.toLowerCase().replace(/[^a-z0-9]/g, '');
  const extension = EXTENSIONS[attachment.contentType] ?? 'bin';
  return {
    fileName: `lampiran-${code ? `${code}-` : ''}${id}.${extension}`,
    contentType: extension === 'bin' ? 'application/octet-stream' : attachment.contentType,
  };
}

/** Required persyaratan that a submission leaves out. */
export function missingRequirements(
  service: ServiceDefinition,
  attached: readonly { requirementCode: string }[],
): FieldIssue[] {
  return service.requirements
    .filter(
      (requirement) =>
        requirement.required && !attached.some((file) => file.requirementCode === requirement.code),
    )
    .map((requirement) => ({
      field: 'attachments',
      message: text(`${requirement.label.id} wajib dilampirkan`, `${requirement.label.en} is required`),
    }));
}

const SIGNATURES: Record<AttachmentContentType, readonly number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

function fileProblem(file: { size: number; contentType: string }, ticket: UploadTicket) {
  if (file.size > MAX_ATTACHMENT_BYTES) return tooLarge('file', file.size).messages;
  if (file.size === 0) return text('berkas kosong', 'the file is empty');
  if (file.size !== ticket.size) {
    return text(
      `ukuran berkas ${file.size} byte, tidak sama dengan yang dinyatakan (${ticket.size} byte)`,
      `the file has ${file.size} bytes, not the ${ticket.size} bytes declared`,
    );
  }
  if (file.contentType !== ticket.contentType) {
    return text(
      `jenis berkas ${file.contentType} tidak sama dengan yang dinyatakan (${ticket.contentType})`,
      `file type ${file.contentType} is not the type declared (${ticket.contentType})`,
    );
  }
  return undefined;
}

/** The whole file: the bytes of its type first, then no active content. */
function contentProblem(contentType: AttachmentContentType, bytes: Uint8Array) {
  const signature = SIGNATURES[contentType];
  if (!signature.every((byte, index) => bytes[index] === byte)) {
    return text(`isi berkas bukan ${contentType}`, `the file's content is not ${contentType}`);
  }
  const active = activeContent(contentType, bytes);
  if (active) {
    return text(
      `berkas berisi konten aktif (${active}); cetak lalu pindai ulang, atau simpan ulang sebagai PDF/foto biasa`,
      `the file carries active content (${active}); print and scan it again, or save it again as a plain PDF or photo`,
    );
  }
  return undefined;
}

function tooLarge(field: string, size: number) {
  const limit = `${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`;
  return new ValidationError(
    text(
      `Berkas terlalu besar (${Math.ceil(size / 1024)} KB); maksimal ${limit}.`,
      `File too large (${Math.ceil(size / 1024)} KB); the limit is ${limit}.`,
    ),
    [{ field, message: text(`maksimal ${limit}`, `at most ${limit}`) }],
  );
}
