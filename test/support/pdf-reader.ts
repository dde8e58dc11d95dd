import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextItem {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

export interface ReadPage {
  readonly width: number;
  readonly height: number;
  readonly items: readonly TextItem[];
  /** Every text item on its own line: sentences wrap, so assert on fragments that fit one line. */
  readonly text: string;
}

export interface ReadPdf {
  readonly pages: readonly ReadPage[];
  readonly info: Readonly<Record<string, unknown>>;
}

/** Reads a PDF back the way a viewer does (pdfjs), independently of the library that wrote it. */
export const readPdf = async (bytes: Uint8Array): Promise<ReadPdf> => {
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
  const pdf = await getDocument({
    data: bytes.slice(),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: ReadPage[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const [, , width = 0, height = 0] = page.view;
      const content = await page.getTextContent();
      const items = content.items.flatMap((item) =>
        'str' in item && item.str.trim() !== ''
          ? [
              {
                str: item.str,
                x: item.transform[4] as number,
                y: item.transform[5] as number,
                width: item.width,
              },
            ]
          : [],
      );
      pages.push({ width, height, items, text: items.map((item) => item.str).join('\n') });
    }
    const { info } = await pdf.getMetadata();
    return { pages, info: info as Record<string, unknown> };
  } finally {
    await pdf.destroy();
  }
};

/** The decoded content streams of a page, as text (PDF operators are ASCII). */
export const pageContent = async (bytes: Uint8Array, pageIndex: number): Promise<string> => {
  const doc = await PDFDocument.load(bytes);
  const contents = doc.getPage(pageIndex).node.Contents();
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
  return streams
    .map((stream) =>
      stream instanceof PDFRawStream
        ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')
        : '',
    )
    .join('\n');
};

export interface PageImage {
  /** Its filter: /FlateDecode for a PNG pdf-lib re-encoded, /DCTDecode for a JPEG embedded as it is. */
  readonly filter: string;
  readonly width: number;
  readonly height: number;
}

/** The image XObjects in a page's resources. */
export const imagesOnPage = async (bytes: Uint8Array, pageIndex: number): Promise<PageImage[]> => {
  const doc = await PDFDocument.load(bytes);
  const xObjects = doc.getPage(pageIndex).node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  return (xObjects?.values() ?? []).flatMap((ref) => {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) return [];
    const entry = (key: string) => stream.dict.get(PDFName.of(key))?.toString() ?? '';
    return entry('Subtype') === '/Image'
      ? [{ filter: entry('Filter'), width: Number(entry('Width')), height: Number(entry('Height')) }]
      : [];
  });
};

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The rectangles (`x y w h re`) inside a marked-content section `/<tag> BMC … EMC`. */
export const markedRectangles = (content: string, tag: string): Rect[] => {
  const start = content.indexOf(`/${tag} BMC`);
  const end = content.indexOf('EMC', start);
  if (start < 0 || end < 0) return [];
  const number = String.raw`(-?\d+(?:\.\d+)?)`;
  const re = new RegExp(`${number}\\s+${number}\\s+${number}\\s+${number}\\s+re\\b`, 'g');
  return [...content.slice(start, end).matchAll(re)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    width: Number(m[3]),
    height: Number(m[4]),
  }));
};
