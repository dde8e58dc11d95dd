import { PDFDocument } from 'pdf-lib';
import { scanPdfForDocumentId } from '../functions/core/documents/pdf-id-scan.js';
import { MAX_UPLOAD_BYTES } from '../functions/core/documents/verification.js';
import { manyObjectsPdf } from '../test/support/hostile-pdf.js';
import { measurePdfBytes } from './flow.js';

const DOCUMENT_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export interface VerifyWorstCase {
  /** Bytes of each body. */
  readonly sizes: { readonly letter: number; readonly hostile: number; readonly hostileUnderLimit: number };
  /** The bounded scan verification now does on an unknown file (ms, median). */
  readonly scanMs: { readonly letter: number; readonly hostileUnderLimit: number };
  /** A full pdf-lib parse, which verification used to do (ms, one run each): what the scan avoids. */
  readonly fullParseMs: { readonly letter: number; readonly hostile: number };
  /** The 4 MB hostile body is refused by size: no scan, no parse. */
  readonly hostileRefusedBySize: boolean;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const timed = async (work: () => unknown) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

/**
 * Public verification's worst case (issue 10, item 5): the hostile body (4 MB, ~95,000 tiny objects) and the
 * largest such body under the size limit, against a normal letter. In process, no runtime: the figures are
 * the CPU work of the function, which the route's reserved concurrency and rate limit bound further.
 */
export async function measureVerifyWorstCase(rounds: number): Promise<VerifyWorstCase> {
  const letter = await measurePdfBytes();
  const hostile = manyObjectsPdf(95_000);
  const hostileUnderLimit = manyObjectsPdf(Math.floor(MAX_UPLOAD_BYTES / 44) - 100);
  const accept = (candidate: string) => DOCUMENT_ID.test(candidate);
  const scan = async (bytes: Uint8Array) => {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) times.push(await timed(() => scanPdfForDocumentId(bytes, accept)));
    return median(times);
  };
  const parse = (bytes: Uint8Array) =>
    timed(() =>
      PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true }).catch(() => undefined),
    );
  return {
    sizes: { letter: letter.length, hostile: hostile.length, hostileUnderLimit: hostileUnderLimit.length },
    scanMs: { letter: await scan(letter), hostileUnderLimit: await scan(hostileUnderLimit) },
    fullParseMs: { letter: await parse(letter), hostile: await parse(hostile) },
    hostileRefusedBySize: hostile.length > MAX_UPLOAD_BYTES,
  };
}
