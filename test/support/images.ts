import { deflateSync } from 'node:zlib';
import { pngOf } from '../../config/demo-emblem.js';

/**
 * The smallest baseline JPEG a decoder takes: one 8 x 8 grey block (DC 0, every AC 0), with a quantisation
 * table of ones and one-code Huffman tables. Written by hand because nothing here encodes JPEG.
 */
export const greyJpeg = (): Uint8Array => {
  const segment = (marker: number, body: readonly number[]) => [
    0xff,
    marker,
    (body.length + 2) >> 8,
    (body.length + 2) & 0xff,
    ...body,
  ];
  const oneCodeTable = (tableClass: number) => [tableClass, 1, ...new Array(15).fill(0), 0x00];
  return Uint8Array.from([
    0xff,
    0xd8, // SOI
    ...segment(0xdb, [0x00, ...new Array(64).fill(1)]), // DQT
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]), // SOF0: 8 bits, 8 x 8, one component
    ...segment(0xc4, oneCodeTable(0x00)), // DHT: DC, category 0 is code '0'
    ...segment(0xc4, oneCodeTable(0x10)), // DHT: AC, end-of-block is code '0'
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]), // SOS
    0b0011_1111, // DC '0', EOB '0', padded with ones
    0xff,
    0xd9, // EOI
  ]);
};

/** A PNG whose header claims a size and that stops there: enough to be refused before decoding. */
export const pngHeaderOnly = (width: number, height: number): Uint8Array => pngOf(width, height);

/** A 1 x 1 PNG whose image data inflates to 100 KB: far more than one pixel needs. */
export const inflatingPng = (): Uint8Array => pngOf(1, 1, deflateSync(new Uint8Array(100 * 1024)));
