import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DomainError, ValidationError } from '../shared/errors.js';
import { text } from '../shared/text.js';

/**
 * Product photos (issue 13, item 4): what sellers send from their phones (often 12-megapixel JPEGs of a few
 * MB) is re-encoded and resized here, so a listing stays light on a cheap phone and no metadata the seller
 * did not mean to publish (EXIF: GPS position, camera serial) survives: only the pixels are kept.
 */

/** What a seller may send per photo. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** Beyond this a phone photo is not: refused before its pixels are allocated (about 190 MB as RGBA). */
const MAX_MEGAPIXELS = 48;
/** The longest side of the photo a product page shows, and of its thumbnail in a listing. */
export const PHOTO_SIDE = 800;
export const THUMBNAIL_SIDE = 240;
export const JPEG_QUALITY = 75;

export type PhotoType = 'jpeg' | 'png' | 'webp';

/** The type by the file's first bytes (its magic number), never by its name or declared content type. */
export function photoType(bytes: Uint8Array): PhotoType | undefined {
  const starts = (...magic: number[]) => magic.every((byte, index) => bytes[index] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length > 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return undefined;
}

export interface Pixels {
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes a pixel. */
  readonly data: Uint8Array;
}

/** Decodes WebP (a WASM codec, loaded by the adapter that has it). */
export type WebpDecoder = (bytes: Uint8Array) => Promise<Pixels>;

export interface ProcessedPhoto {
  /** JPEG, longest side PHOTO_SIDE at most. */
  readonly photo: Uint8Array;
  /** JPEG, longest side THUMBNAIL_SIDE at most. */
  readonly thumbnail: Uint8Array;
  readonly width: number;
  readonly height: number;
}

const notAnImage = (field: string) =>
  new ValidationError(
    text(
      `${field}: bukan foto JPEG, PNG atau WebP yang dapat dibaca.`,
      `${field}: not a readable JPEG, PNG or WebP photo.`,
    ),
    [
      {
        field,
        message: text(`${field}: bukan foto JPEG, PNG atau WebP`, `${field}: not a JPEG, PNG or WebP photo`),
      },
    ],
  );

/** 413 Content Too Large, naming the photo. */
export class PhotoTooLargeError extends DomainError {
  constructor(field: string) {
    super(
      413,
      'PHOTO_TOO_LARGE',
      text(`${field}: foto lebih dari 5 MB.`, `${field}: the photo is over 5 MB.`),
      { issues: [{ field, message: text(`${field}: maksimal 5 MB`, `${field}: 5 MB at most`) }] },
    );
  }
}

/**
 * Checks, decodes, resizes and re-encodes one photo. `field` names it in any error (photos[1]). A file that
 * is not an image, or that its decoder refuses, is a 400; one over MAX_PHOTO_BYTES a 413.
 */
export async function processPhoto(
  bytes: Uint8Array,
  field: string,
  webp?: WebpDecoder,
): Promise<ProcessedPhoto> {
  if (bytes.length > MAX_PHOTO_BYTES) throw new PhotoTooLargeError(field);
  const type = photoType(bytes);
  if (!type || (type === 'webp' && !webp)) throw notAnImage(field);
  let pixels: Pixels;
  try {
    pixels =
      type === 'jpeg'
        ? jpeg.decode(bytes, {
            useTArray: true,
            formatAsRGBA: true,
            maxResolutionInMP: MAX_MEGAPIXELS,
            maxMemoryUsageInMB: 512,
          })
        : type === 'png'
          ? pngPixels(bytes)
          : await (webp as WebpDecoder)(bytes);
  } catch {
    throw notAnImage(field);
  }
  if (pixels.width < 1 || pixels.height < 1 || pixels.width * pixels.height > MAX_MEGAPIXELS * 1_000_000)
    throw notAnImage(field);
  const photo = fitWithin(pixels, PHOTO_SIDE);
  // The thumbnail from the resized photo: far fewer pixels to read, and the same look.
  const thumbnail = fitWithin(photo, THUMBNAIL_SIDE);
  return {
    photo: encodeJpeg(photo),
    thumbnail: encodeJpeg(thumbnail),
    width: photo.width,
    height: photo.height,
  };
}

function pngPixels(bytes: Uint8Array): Pixels {
  const png = PNG.sync.read(Buffer.from(bytes));
  return {
    width: png.width,
    height: png.height,
    data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length),
  };
}

/** Transparent pixels (a PNG's, a WebP's) become white: JPEG has no alpha, and white is how a page shows them. */
function encodeJpeg(pixels: Pixels): Uint8Array {
  const data = Buffer.from(pixels.data);
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3] ?? 255;
    if (alpha === 255) continue;
    for (let c = 0; c < 3; c += 1)
      data[i + c] = Math.round(((data[i + c] ?? 0) * alpha + 255 * (255 - alpha)) / 255);
    data[i + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ width: pixels.width, height: pixels.height, data }, JPEG_QUALITY).data);
}

/**
 * Scales down so the longest side is at most `side` (never up), averaging every source pixel that falls in
 * each target pixel (a box filter): sharp enough at these ratios, no aliasing, one pass over the source.
 */
export function fitWithin(source: Pixels, side: number): Pixels {
  const scale = Math.min(1, side / Math.max(source.width, source.height));
  if (scale === 1) return source;
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  const sums = new Float64Array(width * height * 4);
  const counts = new Uint32Array(width * height);
  const xs = new Uint32Array(source.width);
  for (let x = 0; x < source.width; x += 1)
    xs[x] = Math.min(width - 1, Math.floor((x * width) / source.width));
  for (let y = 0; y < source.height; y += 1) {
    const row = Math.min(height - 1, Math.floor((y * height) / source.height)) * width;
    let from = y * source.width * 4;
    for (let x = 0; x < source.width; x += 1, from += 4) {
      const target = row + (xs[x] as number);
      const at = target * 4;
      sums[at] = (sums[at] as number) + (source.data[from] as number);
      sums[at + 1] = (sums[at + 1] as number) + (source.data[from + 1] as number);
      sums[at + 2] = (sums[at + 2] as number) + (source.data[from + 2] as number);
      sums[at + 3] = (sums[at + 3] as number) + (source.data[from + 3] as number);
      counts[target] = (counts[target] as number) + 1;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < counts.length; i += 1) {
    const count = counts[i] || 1;
    for (let c = 0; c < 4; c += 1) data[i * 4 + c] = Math.round((sums[i * 4 + c] as number) / count);
  }
  return { width, height, data };
}
