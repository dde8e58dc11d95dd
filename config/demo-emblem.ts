import { crc32, deflateSync } from 'node:zlib';

/**
 * The demo regencies' emblem: a small shield (green field, gold rim and a gold diamond) drawn here as a PNG,
 * so the demo letters show where a regency's lambang goes without shipping anyone's real coat of arms.
 * Seeded for Banyuwangi and Ponorogo at `npm start` unless their regency admin uploaded one.
 */
const WIDTH = 120;
const HEIGHT = 140;
const RIM = 7;

const GREEN = [0x1b, 0x5e, 0x20, 0xff];
const GOLD = [0xd4, 0xa0, 0x17, 0xff];
const CLEAR = [0, 0, 0, 0];

/** Half the shield's width at row y (shrunk by `inset`): straight sides, then curving to a point. */
const halfWidth = (y: number, inset: number): number => {
  const shoulder = HEIGHT * 0.55;
  const half = WIDTH / 2 - inset;
  if (y < shoulder) return half;
  const t = (y - shoulder) / (HEIGHT - inset * 1.6 - shoulder);
  return t >= 1 ? -1 : half * Math.sqrt(1 - t * t);
};

const inside = (x: number, y: number, inset: number): boolean =>
  y >= inset && Math.abs(x + 0.5 - WIDTH / 2) <= halfWidth(y, inset);

const pixel = (x: number, y: number): number[] => {
  if (!inside(x, y, 0)) return CLEAR;
  if (!inside(x, y, RIM)) return GOLD;
  const diamond = Math.abs(x + 0.5 - WIDTH / 2) / 26 + Math.abs(y - HEIGHT * 0.45) / 34;
  return diamond <= 1 ? GOLD : GREEN;
};

const chunk = (type: string, data: Uint8Array): Buffer => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const framed = Buffer.alloc(body.length + 8);
  framed.writeUInt32BE(data.length, 0);
  body.copy(framed, 4);
  framed.writeUInt32BE(crc32(body), body.length + 4);
  return framed;
};

/**
 * A PNG of these chunks: an 8-bit RGBA header of this size (no filter, no interlace), then `idat` as its image
 * data and the end; without `idat`, the header alone (the tests' truncated PNG).
 */
export const pngOf = (width: number, height: number, idat?: Uint8Array): Uint8Array => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(idat ? [chunk('IDAT', idat), chunk('IEND', new Uint8Array())] : []),
  ]);
};

/** The demo emblem's PNG bytes (8-bit RGBA, no filter): the same bytes at every call. */
export const demoEmblem = (): Uint8Array => {
  const rows = Buffer.alloc(HEIGHT * (1 + WIDTH * 4));
  for (let y = 0; y < HEIGHT; y++) {
    const start = y * (1 + WIDTH * 4); // each row starts with its filter byte, 0 (none)
    for (let x = 0; x < WIDTH; x++) rows.set(pixel(x, y), start + 1 + x * 4);
  }
  return pngOf(WIDTH, HEIGHT, deflateSync(rows, { level: 9 }));
};

/** The regencies of the demo villages (config/villages.ts): Banyuwangi and Ponorogo. */
export const DEMO_EMBLEM_REGENCIES = ['35.10', '35.02'] as const;
