import { ApiError, api, NetworkError } from './api.js';
import type { UploadTicket } from './types.js';

/** What the documents bucket accepts (POST /v1/uploads). */
export const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/**
 * Uploads one attachment: a ticket from the API (a presigned S3 POST), then the file straight to storage,
 * every ticket field first and the file last. Phone photos are shrunk first (weak connections).
 */
export async function uploadAttachment(
  serviceCode: string,
  requirementCode: string,
  file: Blob,
): Promise<string> {
  const body = await shrink(file);
  if (!(ACCEPTED_TYPES as readonly string[]).includes(body.type)) {
    throw new ApiError(400, 'UNSUPPORTED_TYPE', {
      id: 'Berkas harus PDF, JPG, atau PNG.',
      en: 'The file must be a PDF, JPG or PNG.',
    });
  }
  const ticket = await api<UploadTicket>('/v1/uploads', {
    method: 'POST',
    body: { serviceCode, requirementCode, contentType: body.type, size: body.size },
  });
  if (body.size > ticket.maxBytes) {
    throw new ApiError(400, 'TOO_LARGE', {
      id: `Berkas terlalu besar (maksimal ${Math.floor(ticket.maxBytes / 1_048_576)} MB).`,
      en: `The file is too large (at most ${Math.floor(ticket.maxBytes / 1_048_576)} MB).`,
    });
  }
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append('file', body);
  let response: Response;
  try {
    response = await fetch(ticket.url, { method: 'POST', body: form });
  } catch {
    throw new NetworkError();
  }
  if (!response.ok) {
    throw new ApiError(response.status, 'UPLOAD_FAILED', {
      id: 'Unggahan berkas gagal; silakan coba lagi.',
      en: 'The upload failed; please try again.',
    });
  }
  return ticket.uploadId;
}

const SHRINK_ABOVE = 700 * 1024;
const MAX_SIDE = 1800;

/** A large JPEG/PNG photo becomes a JPEG of at most 1800 px a side: still legible, a fraction of the bytes. */
export async function shrink(file: Blob): Promise<Blob> {
  if (
    !file.type.startsWith('image/') ||
    file.size <= SHRINK_ABOVE ||
    typeof createImageBitmap !== 'function'
  ) {
    return file;
  }
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const smaller = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
    return smaller && smaller.size < file.size ? smaller : file;
  } catch {
    return file;
  }
}
