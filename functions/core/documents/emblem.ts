import { PDFDocument, type PDFImage } from 'pdf-lib';
import { canManageRegency } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import { DomainError, ForbiddenError, ValidationError } from '../shared/errors.js';
import { type LocalizedText, text } from '../shared/text.js';

/**
 * The regency's emblem (lambang daerah) on the letterhead of its villages' letters (issue 14, item 5): a PNG
 * or JPEG the regency admin uploads, checked here before it is stored, so that no letter fails to render.
 */
export type EmblemType = 'image/png' | 'image/jpeg';

/** Where emblems are kept, one per regency (the documents bucket in AWS: s3-emblems.ts). */
export interface EmblemStore {
  /** The regency's emblem; undefined when none was uploaded (its letters then have none). */
  get(regencyCode: string): Promise<Uint8Array | undefined>;
  /** Replaces the regency's emblem; `uploadedBy` is kept beside it (who changed the letterhead). */
  put(regencyCode: string, image: Uint8Array, type: EmblemType, uploadedBy: string): Promise<void>;
}

/** An emblem is a small logo: 200 KB holds one printed sharply at 300 dpi many times over. */
export const MAX_EMBLEM_BYTES = 200 * 1024;
/**
 * Pixels per side: about 300 are enough for the 25 mm it is printed at. The cap matters for PNG, which is
 * decoded in full on embedding: 200 KB of compressed pixels could otherwise inflate to gigabytes.
 */
export const MAX_EMBLEM_PIXELS = 1500;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean =>
  signature.every((byte, i) => bytes[i] === byte);

/** What the bytes are, from their magic numbers (never from what the sender claims). */
export const emblemType = (bytes: Uint8Array): EmblemType | undefined =>
  startsWith(bytes, PNG_SIGNATURE)
    ? 'image/png'
    : startsWith(bytes, JPEG_SIGNATURE)
      ? 'image/jpeg'
      : undefined;

/** Embeds a checked emblem in a letter: PNG and JPEG each through their own pdf-lib embedder. */
export const embedEmblem = (doc: PDFDocument, bytes: Uint8Array): Promise<PDFImage> =>
  emblemType(bytes) === 'image/png' ? doc.embedPng(bytes) : doc.embedJpg(bytes);

const invalid = (message: LocalizedText) => new ValidationError(message, [{ field: 'body', message }]);

/** The width and height in the PNG's header chunk (IHDR, always first), read before anything is decoded. */
const pngSize = (bytes: Uint8Array): { width: number; height: number } | undefined => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isHeader = bytes.length >= 24 && new TextDecoder().decode(bytes.subarray(12, 16)) === 'IHDR';
  return isHeader ? { width: view.getUint32(16), height: view.getUint32(20) } : undefined;
};

const assertPixels = ({ width, height }: { width: number; height: number }): void => {
  if (width > 0 && height > 0 && Math.max(width, height) <= MAX_EMBLEM_PIXELS) return;
  throw invalid(
    text(
      `Lambang harus 1 sampai ${MAX_EMBLEM_PIXELS} piksel per sisi (ini ${width} x ${height}).`,
      `The emblem must be 1 to ${MAX_EMBLEM_PIXELS} pixels a side (this one is ${width} x ${height}).`,
    ),
  );
};

/**
 * The type of an emblem that can go on a letter, or a 4xx: empty, over 200 KB (413), not PNG or JPEG by its
 * magic bytes, larger than MAX_EMBLEM_PIXELS per side, or not something pdf-lib can embed (a truncated or
 * corrupt image), each with a message naming the body in Indonesian and English.
 */
export async function checkEmblem(bytes: Uint8Array): Promise<EmblemType> {
  if (bytes.length === 0) {
    throw invalid(text('Berkas lambang kosong.', 'The emblem file is empty.'));
  }
  if (bytes.length > MAX_EMBLEM_BYTES) {
    throw new DomainError(
      413,
      'PAYLOAD_TOO_LARGE',
      text(
        `Lambang lebih besar dari ${MAX_EMBLEM_BYTES / 1024} KB (${Math.ceil(bytes.length / 1024)} KB); perkecil gambarnya.`,
        `The emblem is larger than ${MAX_EMBLEM_BYTES / 1024} KB (${Math.ceil(bytes.length / 1024)} KB); make the image smaller.`,
      ),
      { field: 'body', limitBytes: MAX_EMBLEM_BYTES },
    );
  }
  const type = emblemType(bytes);
  if (!type) {
    throw invalid(
      text('Lambang harus berupa gambar PNG atau JPEG.', 'The emblem must be a PNG or JPEG image.'),
    );
  }
  if (type === 'image/png') assertPixels(pngSize(bytes) ?? { width: 0, height: 0 });
  let image: PDFImage;
  try {
    image = await embedEmblem(await PDFDocument.create(), bytes);
  } catch {
    throw invalid(
      text(
        'Gambar lambang tidak dapat dibaca; simpan ulang sebagai PNG atau JPEG.',
        'The emblem image cannot be read; save it again as PNG or JPEG.',
      ),
    );
  }
  assertPixels(image);
  return type;
}

/**
 * The regency admin sets the emblem printed on the letterhead of every letter of the regency's villages.
 * Primary course: the caller is the regency admin of that regency; the image passes checkEmblem; it replaces
 * the one stored. Letters issued before keep the emblem they were printed with (their bytes are signed).
 */
export async function setRegencyEmblem(
  deps: { emblems: Pick<EmblemStore, 'put'> },
  actor: Actor,
  regencyCode: string,
  image: Uint8Array,
): Promise<{ regencyCode: string; contentType: EmblemType; size: number }> {
  if (!canManageRegency(actor, regencyCode)) {
    throw new ForbiddenError(
      text(`Anda bukan admin kabupaten ${regencyCode}.`, `You are not the regency admin of ${regencyCode}.`),
    );
  }
  const contentType = await checkEmblem(image);
  await deps.emblems.put(regencyCode, image, contentType, actor.subject);
  return { regencyCode, contentType, size: image.length };
}
