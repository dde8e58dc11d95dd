import { describe, expect, it } from 'vitest';
import { demoEmblem } from '../../../config/demo-emblem.js';
import {
  checkEmblem,
  type EmblemStore,
  MAX_EMBLEM_BYTES,
  setRegencyEmblem,
} from '../../../functions/core/documents/emblem.js';
import type { Actor } from '../../../functions/core/identity/roles.js';
import { DomainError, ForbiddenError, ValidationError } from '../../../functions/core/shared/errors.js';
import { greyJpeg, inflatingPng, pngHeaderOnly } from '../../support/images.js';

const flipLastByte = (bytes: Uint8Array): Uint8Array => {
  const copy = Uint8Array.from(bytes);
  copy[copy.length - 1] = (copy.at(-1) ?? 0) ^ 0xff;
  return copy;
};

const refusal = async (bytes: Uint8Array): Promise<DomainError> => {
  const error = await checkEmblem(bytes).catch((caught: unknown) => caught);
  if (!(error instanceof DomainError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
};

describe('checkEmblem', () => {
  it('takes a PNG and a JPEG, by their magic bytes', async () => {
    await expect(checkEmblem(demoEmblem())).resolves.toBe('image/png');
    await expect(checkEmblem(greyJpeg())).resolves.toBe('image/jpeg');
  });

  it.each([
    ['an empty body', new Uint8Array(), /kosong/, /empty/],
    ['a GIF', new TextEncoder().encode('GIF89a\x01\x00\x01\x00'), /PNG atau JPEG/, /PNG or JPEG/],
    [
      'an SVG',
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      /PNG atau JPEG/,
      /PNG or JPEG/,
    ],
    ['a truncated PNG (which hangs the PNG decoder)', demoEmblem().subarray(0, 80), /rusak/, /damaged/],
    ['a PNG whose data inflates past its size', inflatingPng(), /rusak/, /damaged/],
    ['a PNG with a wrong checksum', flipLastByte(demoEmblem()), /rusak/, /damaged/],
    [
      'a JPEG with no frame header',
      Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]),
      /tidak dapat dibaca/,
      /cannot be read/,
    ],
    [
      'a PNG of 20000 x 20000 pixels (refused before decoding)',
      pngHeaderOnly(20_000, 20_000),
      /piksel/,
      /pixels/,
    ],
    ['a PNG of 0 pixels', pngHeaderOnly(0, 10), /piksel/, /pixels/],
  ])('refuses %s with a 400 naming the body, in Indonesian and English', async (_, bytes, id, en) => {
    const error = await refusal(bytes);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(400);
    expect(error.messages.id).toMatch(id);
    expect(error.messages.en).toMatch(en);
    expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual(['body']);
  });

  it('refuses more than 200 KB with a 413 saying the limit, before looking at the image', async () => {
    const bytes = new Uint8Array(MAX_EMBLEM_BYTES + 1);
    bytes.set(demoEmblem());
    const error = await refusal(bytes);
    expect(error.status).toBe(413);
    expect(error.messages.id).toContain('200 KB');
    expect(error.messages.en).toContain('200 KB');
  });

  it('takes exactly 200 KB', async () => {
    // A JPEG's bytes after its end marker are ignored by readers: padding keeps it valid.
    const bytes = new Uint8Array(MAX_EMBLEM_BYTES);
    bytes.set(greyJpeg());
    await expect(checkEmblem(bytes)).resolves.toBe('image/jpeg');
  });
});

describe('setRegencyEmblem', () => {
  const stored: Parameters<EmblemStore['put']>[] = [];
  const emblems = { put: async (...args: Parameters<EmblemStore['put']>) => void stored.push(args) };
  const actor = (roles: Actor['roles'], areas: string[]): Actor => ({
    subject: 'u1',
    name: 'U',
    roles,
    areas,
  });

  it("stores the regency admin's emblem for their regency, with who uploaded it", async () => {
    const image = demoEmblem();
    const result = await setRegencyEmblem({ emblems }, actor(['regency_admin'], ['35.10']), '35.10', image);
    expect(result).toEqual({ regencyCode: '35.10', contentType: 'image/png', size: image.length });
    expect(stored.at(-1)).toEqual(['35.10', image, 'image/png', 'u1']);
  });

  it.each([
    ['the admin of another regency', actor(['regency_admin'], ['35.02'])],
    ['a village head of the regency', actor(['village_head'], ['35.10.06.2001'])],
    ['a camat of the regency', actor(['district_head'], ['35.10.06'])],
  ])('refuses %s and stores nothing', async (_, caller) => {
    const before = stored.length;
    await expect(setRegencyEmblem({ emblems }, caller, '35.10', demoEmblem())).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(stored).toHaveLength(before);
  });

  it('stores nothing when the image is refused', async () => {
    const before = stored.length;
    await expect(
      setRegencyEmblem(
        { emblems },
        actor(['regency_admin'], ['35.10']),
        '35.10',
        pngHeaderOnly(9_999, 9_999),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(stored).toHaveLength(before);
  });
});
