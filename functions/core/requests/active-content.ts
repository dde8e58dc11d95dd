import { inflateSync } from 'node:zlib';
import type { AttachmentContentType } from './requests.js';

/**
 * Finds content that a browser or a PDF reader would run in an uploaded attachment. Attachments are
 * scanned, birth letters, photos of a KTP: none of them needs scripts, actions, embedded files or forms,
 * so any such marker refuses the file (the citizen prints or scans it again).
 *
 * What is looked at:
 * - PDF: every name object outside stream data (where dictionaries live), with `#xx` escapes decoded, and
 *   the same inside object streams (`/Type /ObjStm`, compressed objects: PDF 1.5+ writers put dictionaries
 *   there), inflated up to a bound. An object stream that cannot be read (another filter, corrupt, too big)
 *   refuses the file: what cannot be inspected is not accepted. Other compressed streams (page content,
 *   images, fonts) are not inflated: their bytes can be anything, and an action or a script in a PDF is
 *   a dictionary, never page content.
 * - HTML markup (a "polyglot" a browser would render as a page): anywhere in the first KiB (where browsers
 *   sniff), anywhere outside PDF stream data and in unfiltered PDF streams, and anywhere in an image.
 *
 * Known limits: a marker inside a compressed stream other than an object stream is not seen (a reader
 * does not run it from there either); markup split by a compression boundary is not seen. The serving side
 * (attachment disposition, a server-chosen name, the validated type, nosniff, a sandbox CSP) is the second
 * line for whatever this misses.
 */
export function activeContent(contentType: AttachmentContentType, bytes: Uint8Array): string | undefined {
  const text = latin1(bytes);
  const sniffed = htmlMarker(text.slice(0, SNIFF_WINDOW));
  if (sniffed) return `HTML ${sniffed}`;
  if (contentType !== 'application/pdf') {
    const markup = htmlMarker(text);
    return markup ? `HTML ${markup}` : undefined;
  }
  return pdfActiveContent(bytes, text);
}

/** The PDF names that make a document act rather than show: scripts, actions, attachments, forms, media. */
export const PDF_ACTIVE_NAMES: ReadonlySet<string> = new Set([
  'JavaScript',
  'JS',
  'OpenAction',
  'AA',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'XFA',
  'SubmitForm',
  'ImportData',
  'GoToR',
  'GoToE',
]);

/** Browsers sniff the first 512 bytes (WHATWG MIME sniffing); a KiB leaves room. */
const SNIFF_WINDOW = 1024;
/** An object stream holds dictionaries only: 20 MB inflated is far beyond any real one (bounds a bomb). */
const MAX_OBJECT_STREAM_BYTES = 20 * 1024 * 1024;

/**
 * Tags that make a page of a document (or load or run something), each followed by a delimiter,
 * case-insensitive. Short tags (`<a`, `<img`) are left out: random binary data (a photo) holds them by
 * chance. `<svg` with a delimiter still turns up by chance about once in four thousand 5 MB images; such a
 * photo is refused with a message to take it again.
 */
const HTML_MARKUP =
  /<(?:!doctype|html|head|body|script|iframe|frameset|object|embed|svg|meta|\?xml)[\s/>]|javascript:/i;

function htmlMarker(text: string): string | undefined {
  return HTML_MARKUP.exec(text)?.[0].replace(/[\s/>]$/, '');
}

const latin1 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** `stream` (after its dictionary) up to `endstream`: the data PDF syntax does not apply to. */
const STREAM = /(<<(?:[^<>]|<<(?:[^<>]|<<[^<>]*>>)*>>|<[0-9A-Fa-f\s]*>)*>>)\s*stream\r?\n/g;

function pdfActiveContent(bytes: Uint8Array, text: string): string | undefined {
  let outside = '';
  let position = 0;
  for (const match of text.matchAll(STREAM)) {
    if (match.index < position) continue;
    const dictionary = match[1] ?? '';
    const dataStart = match.index + match[0].length;
    const end = text.indexOf('endstream', dataStart);
    // No endstream: what follows is not stream data to a reader either; scan it as syntax.
    if (end === -1) break;
    // Bytes between the declared length and endstream are what a lenient reader parses as objects.
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary)?.[1];
    const dataEnd = length ? Math.min(end, dataStart + Number(length)) : end;
    outside += text.slice(position, dataStart);
    const data = text.slice(dataStart, dataEnd);
    if (/\/Type\s*\/ObjStm\b/.test(dictionary)) {
      const objects = objectStream(bytes.subarray(dataStart, dataEnd), dictionary);
      if (objects === undefined) return 'an object stream that cannot be read';
      const found = activeName(objects) ?? htmlMarker(objects);
      if (found) return found;
    } else if (!/\/Filter\b/.test(dictionary)) {
      const found = activeName(data) ?? htmlMarker(data);
      if (found) return found;
    }
    position = dataEnd;
  }
  outside += text.slice(position);
  const name = activeName(outside);
  if (name) return name;
  const markup = htmlMarker(outside);
  return markup ? `HTML ${markup}` : undefined;
}

/** The first active PDF name in `text`, `#xx` escapes decoded (`/J#61vaScript` is `/JavaScript`). */
function activeName(text: string): string | undefined {
  for (const [, raw] of text.matchAll(/\/([^\s/<>[\]()%{}]*)/g)) {
    const name = (raw ?? '').replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
    if (PDF_ACTIVE_NAMES.has(name)) return `/${name}`;
  }
  return undefined;
}

/** The objects of an object stream as text; undefined when its filter is not Flate or it does not inflate. */
function objectStream(data: Uint8Array, dictionary: string): string | undefined {
  const filters = [...dictionary.matchAll(/\/(FlateDecode|Fl)\b/g)].length;
  const declared = /\/Filter\s*(\[[^\]]*\]|\/[^\s/<>[\]]+)/.exec(dictionary)?.[1] ?? '';
  const names = declared.match(/\/[^\s/<>[\]]+/g) ?? [];
  if (names.length > 1 || (names.length === 1 && filters === 0)) return undefined;
  if (/\/DecodeParms/.test(dictionary)) return undefined;
  if (names.length === 0) return latin1(data);
  try {
    return latin1(inflateSync(data, { maxOutputLength: MAX_OBJECT_STREAM_BYTES }));
  } catch {
    return undefined;
  }
}
