import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { webpDecoder } from '../../../functions/adapters/webp-decoder.js';
import {
  MAX_PHOTO_BYTES,
  PHOTO_SIDE,
  photoType,
  processPhoto,
  THUMBNAIL_SIDE,
} from '../../../functions/core/market/photos.js';
import { DomainError } from '../../../functions/core/shared/errors.js';

/** A gradient, so the encoders have something to compress. */
function gradient(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 4;
      data[at] = (x * 255) / width;
      data[at + 1] = (y * 255) / height;
      data[at + 2] = 128;
      data[at + 3] = 255;
    }
  return data;
}

const sampleJpeg = (width: number, height: number) =>
  new Uint8Array(jpeg.encode({ width, height, data: gradient(width, height) }, 90).data);
/** A 1×1 lossless WebP. */
const TINY_WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');

async function refusal(run: () => Promise<unknown>): Promise<{ status: number; fields: string[] }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DomainError) {
      const issues = (error.details?.issues ?? []) as { field: string }[];
      return { status: error.status, fields: issues.map((issue) => issue.field) };
    }
    throw error;
  }
  throw new Error('not refused');
}

describe('product photos', () => {
  it('tells the type by the magic bytes, not the name', () => {
    expect(photoType(sampleJpeg(4, 4))).toBe('jpeg');
    expect(photoType(TINY_WEBP)).toBe('webp');
    expect(photoType(new TextEncoder().encode('%PDF-1.7 not a photo'))).toBeUndefined();
  });

  it('resizes a landscape JPEG to 800 px and a 240 px thumbnail, re-encoded as JPEG', async () => {
    const processed = await processPhoto(sampleJpeg(1600, 1200), 'photos[0]');
    expect([processed.width, processed.height]).toEqual([PHOTO_SIDE, 600]);
    const thumbnail = jpeg.decode(processed.thumbnail, { useTArray: true });
    expect([thumbnail.width, thumbnail.height]).toEqual([THUMBNAIL_SIDE, 180]);
    expect(photoType(processed.photo)).toBe('jpeg');
  });

  it('keeps a small PNG its size, transparency made white', async () => {
    const png = new PNG({ width: 20, height: 10 });
    png.data.fill(0); // fully transparent black
    const processed = await processPhoto(PNG.sync.write(png), 'photos[0]');
    const decoded = jpeg.decode(processed.photo, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([20, 10]);
    expect(decoded.data[0]).toBeGreaterThan(240);
  });

  it('decodes WebP with the WASM codec', async () => {
    const processed = await processPhoto(TINY_WEBP, 'photos[0]', webpDecoder);
    expect([processed.width, processed.height]).toEqual([1, 1]);
  });

  it('refuses what is not an image (400) and what is over 5 MB (413), naming the photo', async () => {
    expect(await refusal(() => processPhoto(new TextEncoder().encode('<svg/>'), 'photos[1]'))).toEqual({
      status: 400,
      fields: ['photos[1]'],
    });
    // A JPEG's magic bytes on a truncated body: the decoder refuses it.
    const truncated = sampleJpeg(64, 64).subarray(0, 200);
    expect(await refusal(() => processPhoto(truncated, 'photos[0]'))).toMatchObject({ status: 400 });
    const huge = new Uint8Array(MAX_PHOTO_BYTES + 1);
    huge.set([0xff, 0xd8, 0xff]);
    expect(await refusal(() => processPhoto(huge, 'photos[2]'))).toEqual({
      status: 413,
      fields: ['photos[2]'],
    });
  });
});
