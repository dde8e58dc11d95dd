import { createHash } from 'node:crypto';
import type { ServiceDefinition } from './catalog/types.js';
import { type FieldIssue, ValidationError } from './errors.js';
import { newId } from './ids.js';
import type { Clock } from './ports.js';
import { ATTACHMENT_CONTENT_TYPES, type AttachmentContentType, type AttachmentRef } from './requests.js';
import type { Actor, Role } from './roles.js';
import { text } from './text.js';

/** The largest file a person may attach: a phone photo or a scanned page, not a video. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const UPLOAD_LINK_SECONDS = 15 * 60;

/** Where uploaded files wait (unattached ones expire) and where attached ones are kept. */
export interface UploadStore {
  presignUpload(
    key: string,
    contentType: AttachmentContentType,
    maxBytes: number,
    expiresInSeconds: number,
  ): Promise<{ url: string; fields: Record<string, string> }>;
  /** Size, stored content type and the first bytes of an uploaded file; undefined when there is none. */
  inspect(key: string): Promise<{ size: number; contentType: string; head: Uint8Array } | undefined>;
  /** Moves an accepted upload to its permanent key. */
  promote(fromKey: string, toKey: string): Promise<void>;
  discard(key: string): Promise<void>;
}

export interface UploadInput {
  readonly requirementCode: string;
  readonly contentType: AttachmentContentType;
  readonly size: number;
}

/** Uploads are kept per uploader: a key never carries the person's account id in clear. */
const uploadKey = (subject: string, uploadId: string) =>
  `uploads/${createHash('sha256').update(subject).digest('hex').slice(0, 20)}/${uploadId}`;

/**
 * Hands out a presigned POST for one file.
 * Primary course: the requirement belongs to the service (or is a document a decider attaches), the
 * declared type is allowed and the size within the limit; S3 enforces type and size again on upload.
 */
export async function requestUpload(
  deps: { uploads: UploadStore; clock: Clock },
  actor: Actor,
  service: ServiceDefinition,
  input: UploadInput,
) {
  const known =
    service.requirements.some((requirement) => requirement.code === input.requirementCode) ||
    service.stages.some(
      (stage) =>
        stage.kind === 'decision' && stage.attachesDocument?.requirementCode === input.requirementCode,
    );
  if (!known) {
    throw new ValidationError(
      text(
        `Persyaratan "${input.requirementCode}" tidak ada pada layanan ${service.code}.`,
        `Service ${service.code} has no requirement "${input.requirementCode}".`,
      ),
      [{ field: 'requirementCode', message: text('persyaratan tidak dikenal', 'unknown requirement') }],
    );
  }
  if (input.size > MAX_ATTACHMENT_BYTES) throw tooLarge('size', input.size);
  const uploadId = newId(deps.clock.now());
  const { url, fields } = await deps.uploads.presignUpload(
    uploadKey(actor.subject, uploadId),
    input.contentType,
    MAX_ATTACHMENT_BYTES,
    UPLOAD_LINK_SECONDS,
  );
  return {
    uploadId,
    url,
    fields,
    maxBytes: MAX_ATTACHMENT_BYTES,
    expiresAt: new Date(deps.clock.now().getTime() + UPLOAD_LINK_SECONDS * 1000).toISOString(),
  };
}

export interface AttachmentInput {
  readonly requirementCode: string;
  readonly uploadId: string;
}

/**
 * Accepts uploaded files as a request's attachments: each must exist, be within the size limit and start
 * with the bytes of its declared type (a renamed .exe is not a PDF). A refused file is deleted and nothing
 * is attached; accepted files move under the request.
 */
export async function acceptAttachments(
  deps: { uploads: UploadStore; clock: Clock },
  actor: Actor,
  role: Role,
  requestId: string,
  villageCode: string,
  inputs: readonly AttachmentInput[],
): Promise<AttachmentRef[]> {
  const inspected = await Promise.all(
    inputs.map((input) => deps.uploads.inspect(uploadKey(actor.subject, input.uploadId))),
  );
  const issues: FieldIssue[] = [];
  inspected.forEach((file, index) => {
    const problem = file
      ? fileProblem(file)
      : text('berkas belum diunggah atau sudah kedaluwarsa', 'file not uploaded or expired');
    if (problem) issues.push({ field: `attachments.${index}`, message: problem });
  });
  if (issues.length > 0) {
    await Promise.all(
      inputs.map((input, index) =>
        inspected[index] ? deps.uploads.discard(uploadKey(actor.subject, input.uploadId)) : undefined,
      ),
    );
    throw new ValidationError(
      text(
        `Lampiran ditolak: ${issues.map((issue) => issue.message.id).join('; ')}`,
        `Attachment refused: ${issues.map((issue) => issue.message.en).join('; ')}`,
      ),
      issues,
    );
  }
  const at = deps.clock.now().toISOString();
  return Promise.all(
    inputs.map(async (input, index) => {
      const file = inspected[index];
      if (!file) throw new Error('inspected file vanished');
      const attachmentId = newId(deps.clock.now());
      const objectKey = `attachments/${villageCode}/${requestId}/${attachmentId}`;
      await deps.uploads.promote(uploadKey(actor.subject, input.uploadId), objectKey);
      return {
        attachmentId,
        requirementCode: input.requirementCode,
        contentType: file.contentType as AttachmentContentType,
        size: file.size,
        objectKey,
        uploadedBy: { subject: actor.subject, role },
        at,
      };
    }),
  );
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

function fileProblem(file: { size: number; contentType: string; head: Uint8Array }) {
  if (file.size > MAX_ATTACHMENT_BYTES) return tooLarge('file', file.size).messages;
  if (file.size === 0) return text('berkas kosong', 'the file is empty');
  if (!(ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(file.contentType)) {
    return text(
      `jenis berkas ${file.contentType} tidak diizinkan (PDF, JPEG, PNG)`,
      `file type ${file.contentType} is not allowed (PDF, JPEG, PNG)`,
    );
  }
  const signature = SIGNATURES[file.contentType as AttachmentContentType];
  if (!signature.every((byte, index) => file.head[index] === byte)) {
    return text(`isi berkas bukan ${file.contentType}`, `the file's content is not ${file.contentType}`);
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
