import { constants, inflateSync } from 'node:zlib';

/**
 * Finds the document id a PDF claims in its Info dictionary (our letters write it as the Subject and first of
 * the Keywords) without parsing the file: a public, unauthenticated endpoint must not hand an attacker's PDF
 * to a full parser, whose work grows with the number of objects (a 4 MB body of ~95,000 tiny objects took
 * 3.7 s in pdf-lib). The work here is bounded by the input size and fixed limits:
 * - one linear search of the bytes for `/Subject` and `/Keywords` (at most MAX_KEY_HITS of each), reading
 *   at most MAX_STRING_BYTES of the string that follows;
 * - if the Info dictionary is not in plain sight (a PDF saved with object streams keeps it compressed), at
 *   most MAX_OBJECT_STREAMS `/ObjStm` streams are inflated, each to at most MAX_INFLATED_BYTES (a
 *   "zip bomb" stops there), and searched the same way.
 * No cross-reference table, object graph or page tree is read: a file that hides its metadata deeper simply
 * names no document (and is then "unknown", as a foreign file is).
 */
export const PDF_SCAN_LIMITS = {
  maxKeyHits: 32,
  maxStringBytes: 512,
  maxObjectStreams: 8,
  maxInflatedBytes: 256 * 1024,
} as const;

export interface PdfIdScan {
  /** The first candidate accepted by `accept`, if any. */
  readonly documentId?: string;
  /** Object streams inflated to look inside (bounded by PDF_SCAN_LIMITS.maxObjectStreams). */
  readonly objectStreamsRead: number;
}

const KEYS = [Buffer.from('/Subject'), Buffer.from('/Keywords')];
const OBJECT_STREAM = Buffer.from('/ObjStm');
const STREAM = Buffer.from('stream');
const END_STREAM = Buffer.from('endstream');

export function scanPdfForDocumentId(pdf: Uint8Array, accept: (candidate: string) => boolean): PdfIdScan {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const plain = idInInfoStrings(bytes, accept);
  if (plain) return { documentId: plain, objectStreamsRead: 0 };
  let objectStreamsRead = 0;
  let from = 0;
  while (objectStreamsRead < PDF_SCAN_LIMITS.maxObjectStreams) {
    const marker = bytes.indexOf(OBJECT_STREAM, from);
    if (marker < 0) break;
    from = marker + OBJECT_STREAM.length;
    const data = streamData(bytes, from);
    if (!data) continue;
    objectStreamsRead++;
    const inflated = boundedInflate(data);
    const found = inflated ? idInInfoStrings(inflated, accept) : undefined;
    if (found) return { documentId: found, objectStreamsRead };
  }
  return { objectStreamsRead };
}

/** The candidates after each `/Subject` and `/Keywords` key, split on separators; the first accepted. */
function idInInfoStrings(bytes: Buffer, accept: (candidate: string) => boolean): string | undefined {
  for (const key of KEYS) {
    let from = 0;
    for (let hit = 0; hit < PDF_SCAN_LIMITS.maxKeyHits; hit++) {
      const at = bytes.indexOf(key, from);
      if (at < 0) break;
      from = at + key.length;
      const value = readPdfString(bytes, from);
      const found = value
        ?.split(/[\s,;]+/)
        .map((candidate) => candidate.trim())
        .find(accept);
      if (found) return found;
    }
  }
  return undefined;
}

/** A PDF string object (literal `( … )` or hex `< … >`) starting at `from` after optional white space. */
export function readPdfString(bytes: Buffer, from: number): string | undefined {
  let at = from;
  while (at < bytes.length && isWhiteSpace(bytes[at] ?? 0)) at++;
  const open = bytes[at];
  if (open === 0x28 /* ( */) return decodeText(literalString(bytes, at + 1));
  if (open === 0x3c /* < */ && bytes[at + 1] !== 0x3c) return decodeText(hexString(bytes, at + 1));
  return undefined;
}

function literalString(bytes: Buffer, start: number): Buffer {
  const out: number[] = [];
  let depth = 0;
  const end = Math.min(bytes.length, start + PDF_SCAN_LIMITS.maxStringBytes);
  for (let at = start; at < end; at++) {
    const byte = bytes[at] ?? 0;
    if (byte === 0x5c /* \ */) {
      const next = bytes[++at] ?? 0;
      const escaped: Record<number, number> = { 110: 0x0a, 114: 0x0d, 116: 0x09, 98: 0x08, 102: 0x0c };
      if (next >= 0x30 && next <= 0x37) {
        let octal = next - 0x30;
        for (
          let digits = 1;
          digits < 3 && (bytes[at + 1] ?? 0) >= 0x30 && (bytes[at + 1] ?? 0) <= 0x37;
          digits++
        ) {
          octal = octal * 8 + ((bytes[++at] ?? 0) - 0x30);
        }
        out.push(octal & 0xff);
      } else if (next !== 0x0a && next !== 0x0d) {
        out.push(escaped[next] ?? next);
      }
      continue;
    }
    if (byte === 0x28) depth++;
    if (byte === 0x29 /* ) */ && depth-- === 0) break;
    out.push(byte);
  }
  return Buffer.from(out);
}

function hexString(bytes: Buffer, start: number): Buffer {
  const end = bytes.indexOf(0x3e /* > */, start);
  if (end < 0) return Buffer.alloc(0);
  const digits = bytes
    .toString('latin1', start, Math.min(end, start + 2 * PDF_SCAN_LIMITS.maxStringBytes))
    .replace(/[^0-9a-fA-F]/g, '');
  return Buffer.from(digits.length % 2 === 0 ? digits : `${digits}0`, 'hex');
}

/** PDF text strings: UTF-16BE with a byte-order mark, otherwise (close enough to) PDFDocEncoding. */
function decodeText(raw: Buffer): string {
  if (raw[0] === 0xfe && raw[1] === 0xff) {
    const body = raw.subarray(2, raw.length - (raw.length % 2));
    return Buffer.from(body).swap16().toString('utf16le');
  }
  return raw.toString('latin1');
}

const isWhiteSpace = (byte: number) =>
  byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;

/** The bytes of the stream whose dictionary contains `from`: between `stream<EOL>` and `endstream`. */
function streamData(bytes: Buffer, from: number): Buffer | undefined {
  let keyword = bytes.indexOf(STREAM, from);
  // Skip "endstream" of a preceding object (a marker outside a dictionary).
  while (keyword >= 3 && bytes.toString('latin1', keyword - 3, keyword) === 'end') {
    keyword = bytes.indexOf(STREAM, keyword + STREAM.length);
  }
  if (keyword < 0) return undefined;
  let start = keyword + STREAM.length;
  if (bytes[start] === 0x0d) start++;
  if (bytes[start] === 0x0a) start++;
  const end = bytes.indexOf(END_STREAM, start);
  return end < 0 ? undefined : bytes.subarray(start, end);
}

/** Inflates at most maxInflatedBytes; a stream that is not deflate data, or inflates to more, is skipped. */
function boundedInflate(data: Buffer): Buffer | undefined {
  try {
    return inflateSync(data, {
      maxOutputLength: PDF_SCAN_LIMITS.maxInflatedBytes,
      finishFlush: constants.Z_SYNC_FLUSH,
    });
  } catch {
    return undefined;
  }
}
