import { crc32, inflateSync } from 'node:zlib';
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

/**
 * Embeds a checked emblem in a letter: PNG and JPEG each through their own pdf-lib embedder. On a copy: the
 * JPEG embedder reads the bytes' whole ArrayBuffer from its start, whatever view of it it is given.
 */
export const embedEmblem = (doc: PDFDocument, bytes: Uint8Array): Promise<PDFImage> => {
  const own = new Uint8Array(bytes);
  return emblemType(own) === 'image/png' ? doc.embedPng(own) : doc.embedJpg(own);
};

const invalid = (message: LocalizedText) => new ValidationError(message, [{ field: 'body', message }]);

const damagedPng = () => invalid(text('Berkas PNG lambang rusak.', 'The emblem PNG is damaged.'));

/**
 * The PNG's size, once its structure holds: every chunk within the file with a right CRC, the header first,
 * an end chunk, and image data that inflates to no more than its size allows. pdf-lib's PNG decoder (UPNG)
 * trusts all of that, and loops forever on a truncated file: nothing reaches it unchecked.
 */
const wellFormedPng = (bytes: Uint8Array): { width: number; height: number } => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (from: number) => String.fromCharCode(...bytes.subarray(from, from + 4));
  let size: { width: number; height: number } | undefined;
  const data: Uint8Array[] = [];
  for (let offset = PNG_SIGNATURE.length; offset + 12 <= bytes.length; ) {
    const length = view.getUint32(offset);
    const type = ascii(offset + 4);
    const end = offset + 12 + length;
    if (end > bytes.length || crc32(bytes.subarray(offset + 4, end - 4)) !== view.getUint32(end - 4)) {
      throw damagedPng();
    }
    if (offset === PNG_SIGNATURE.length) {
      if (type !== 'IHDR' || length !== 13) throw damagedPng();
      size = { width: view.getUint32(offset + 8), height: view.getUint32(offset + 12) };
      assertPixels(size);
    }
    if (type === 'IDAT') data.push(bytes.subarray(offset + 8, end - 4));
    if (type === 'IEND' && size) {
      // At most 8 bytes a pixel (16-bit RGBA), a filter byte a row, in up to 7 interlace passes.
      const limit = (size.width * 8 + 7) * size.height;
      try {
        inflateSync(Buffer.concat(data), { maxOutputLength: limit });
      } catch {
        throw damagedPng();
      }
      return size;
    }
    offset = end;
  }
  throw damagedPng();
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
  if (type === 'image/png') wellFormedPng(bytes);
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
