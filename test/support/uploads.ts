import jpeg from 'jpeg-js';
import { SERVICE_CATALOG } from '../../functions/core/catalog/index.js';
import type { DecisionStage } from '../../functions/core/catalog/types.js';
import type { ApiClient } from './runtime.js';

/** A tiny but real PDF and PNG: attachments are checked by their first bytes. */
export const SAMPLE_PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
export const SAMPLE_PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

/** A real (decodable) 16×16 JPEG: product photos are decoded and re-encoded. */
export const SAMPLE_JPEG = new Uint8Array(
  jpeg.encode({ width: 16, height: 16, data: Buffer.alloc(16 * 16 * 4, 200) }, 80).data,
);

export type UploadContentType = 'application/pdf' | 'image/jpeg' | 'image/png';

/**
 * Uploads a file the way the browser does: ask the API for a presigned POST, then send the form fields and
 * the file to S3 (s3rver locally). Returns the upload id to attach.
 */
export async function upload(
  client: ApiClient,
  serviceCode: string,
  requirementCode: string,
  bytes: Uint8Array = SAMPLE_PDF,
  contentType: UploadContentType = 'application/pdf',
  villageCode?: string,
): Promise<string> {
  const ticket = await client.post<{ uploadId: string; url: string; fields: Record<string, string> }>(
    '/v1/uploads',
    {
      serviceCode,
      ...(villageCode ? { villageCode } : {}),
      requirementCode,
      contentType,
      size: bytes.length,
    },
  );
  if (ticket.status !== 201)
    throw new Error(`upload ticket refused: ${ticket.status} ${JSON.stringify(ticket.body)}`);
  await sendPresigned(ticket.body, bytes, contentType);
  return ticket.body.uploadId;
}

/** Sends a file to S3 (s3rver locally) with a presigned POST's form fields, as a browser does. */
export async function sendPresigned(
  presigned: { url: string; fields: Record<string, string> },
  bytes: Uint8Array,
  contentType: string,
): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(presigned.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), 'upload.bin');
  const response = await fetch(presigned.url, { method: 'POST', body: form });
  if (!response.ok) throw new Error(`upload to S3 failed: ${response.status} ${await response.text()}`);
}

/** Uploads a sample file for each given requirement and returns the `attachments` of a submission. */
export async function attachAll(
  client: ApiClient,
  serviceCode: string,
  requirementCodes: readonly string[],
  villageCode?: string,
) {
  return Promise.all(
    requirementCodes.map(async (requirementCode) => ({
      requirementCode,
      uploadId: await upload(
        client,
        serviceCode,
        requirementCode,
        SAMPLE_PDF,
        'application/pdf',
        villageCode,
      ),
    })),
  );
}

/** The persyaratan a service requires on submission, from the catalog. */
export function requiredRequirements(serviceCode: string): string[] {
  const service = SERVICE_CATALOG.find((candidate) => candidate.code === serviceCode);
  if (!service) throw new Error(`no service ${serviceCode}`);
  return service.requirements
    .filter((requirement) => requirement.required)
    .map((requirement) => requirement.code);
}

/**
 * The document a decision stage attaches (as Dukcapil attaches the akta), uploaded by its decider; none
 * for the stages that attach nothing.
 */
export async function stageAttachments(
  client: ApiClient,
  serviceCode: string,
  stage: Pick<DecisionStage, 'attachesDocument'>,
) {
  if (!stage.attachesDocument) return undefined;
  const { requirementCode } = stage.attachesDocument;
  return [{ requirementCode, uploadId: await upload(client, serviceCode, requirementCode) }];
}
