import type { PDFFont, PDFImage } from 'pdf-lib';
import { PageSizes, PDFDocument, StandardFonts } from 'pdf-lib';
import { printableOneLine } from '../shared/text-rules.js';
import { DEFAULT_TIME_ZONE, parseInstant } from './calendar.js';
import { embedEmblem } from './emblem.js';
import { addSignaturePlaceholder, type SignatureBox, type SignatureDescription } from './pades.js';
import { PageFlow } from './page-flow.js';
import { drawQrCode, qrSymbol } from './qr.js';
import { formatIndonesianDate } from './template.js';
import type { BodyBlock } from './text-layout.js';
import { parseBodyLine } from './text-layout.js';
import type { TextStyle } from './typesetter.js';
import { BLACK, encoderOf, Typesetter } from './typesetter.js';

export type Paper = 'A4' | 'F4';

/** Kop surat of a village office (the budget report prints it too). */
export interface VillageLetterhead {
  readonly office?: 'village';
  readonly regency: string;
  readonly district: string;
  readonly village: string;
  readonly villageKind: 'desa' | 'kelurahan';
  readonly address: string;
}

/** Kop surat of the sub-district office: letters the camat signs (IUMK, IPHP, …). */
export interface DistrictLetterhead {
  readonly office: 'district';
  readonly regency: string;
  readonly district: string;
  /** The camat's office; the letterhead goes without an address line when the village record has none. */
  readonly address?: string;
}

export type Letterhead = VillageLetterhead | DistrictLetterhead;

/** Everything printed on a letter, already filled from the service's template. */
export interface LetterContent {
  readonly documentId: string;
  readonly letterNumber: string;
  /** ISO 8601 timestamp with zone; also the PDF's creation date, which keeps the bytes reproducible. */
  readonly issuedAt: string;
  /** @default 'A4' */
  readonly paper?: Paper;
  /** The village's time zone, for the date under the signature. @default Asia/Jakarta (WIB) */
  readonly timeZone?: string;
  readonly letterhead: Letterhead;
  /** The regency's emblem (PNG or JPEG, checked by emblem.ts), at the left of the letterhead. */
  readonly emblem?: Uint8Array;
  readonly title: string;
  readonly opening: string;
  /** "Label: value" lines become an aligned table; other lines are paragraphs. */
  readonly body: readonly string[];
  readonly closing: string;
  /** E.g. { name: 'Slamet Riyadi', title: 'Kepala Desa Tampo' }. */
  readonly signer: { readonly name: string; readonly title: string };
  /** Village name, for "Tampo, 22 November 2026". */
  readonly placeOfIssue: string;
  /** Public verification page, encoded in the QR code. */
  readonly verificationUrl: string;
  /**
   * When given, the signature block gets a PAdES signature field (pades.ts) that sealPdf then fills: the
   * letter carries its signature for any PDF reader, beside the QR code's revocation-aware check.
   */
  readonly signature?: SignatureDescription;
}

const mm = (millimetres: number): number => (millimetres * 72) / 25.4;

/** Page sizes in points. F4 (folio, 215 x 330 mm) is what many Indonesian offices still file. */
export const PAPER_SIZES: Readonly<Record<Paper, readonly [number, number]>> = {
  A4: PageSizes.A4,
  F4: [mm(215), mm(330)],
};

export const MARGIN = mm(25);
/** QR square with its quiet zone: 25 mm keeps a ~70-character URL (version 4-5) easy to scan. */
const QR_SIDE = mm(25);
/** The emblem's column at the left of the letterhead; as much room is kept on the right, so the text stays centred. */
const EMBLEM_COLUMN = mm(25);
const EMBLEM_GAP = mm(3);
/** Room for the signature between the signer's title and name. */
const SIGNATURE_SPACE = 56;
const SIGNATURE_GAP = 24;
const FOOTER_GAP = 16;
const FIELD_INDENT = mm(10);
const PARAGRAPH_GAP = 8;

// Fixed metadata: the same letter must give the same bytes, so nothing here may depend on the clock.
const CREATOR = 'Desa Digital';
const PRODUCER = 'Desa Digital (pdf-lib)';

export interface Styles {
  readonly kop: TextStyle;
  readonly kopVillage: TextStyle;
  readonly kopAddress: TextStyle;
  readonly title: TextStyle;
  readonly body: TextStyle;
  readonly signerName: TextStyle;
  readonly small: TextStyle;
}

export const loadStyles = async (doc: PDFDocument): Promise<Styles> => {
  const [regular, bold, italic, sans] = await Promise.all([
    doc.embedFont(StandardFonts.TimesRoman),
    doc.embedFont(StandardFonts.TimesRomanBold),
    doc.embedFont(StandardFonts.TimesRomanItalic),
    doc.embedFont(StandardFonts.Helvetica),
  ]);
  const style = (font: PDFFont, size: number, leading: number, underline = false): TextStyle => ({
    font,
    size,
    leading,
    underline,
  });
  return {
    kop: style(regular, 13, 16),
    kopVillage: style(bold, 16, 20),
    kopAddress: style(italic, 10, 13),
    title: style(bold, 13, 17, true),
    body: style(regular, 12, 17),
    signerName: style(bold, 12, 17, true),
    small: style(sans, 7.5, 9.5),
  };
};

/**
 * Defence in depth for text typed by people (issue 10, item 4): whatever a stored value holds, every text of
 * the letter is drawn on its own line(s) of the layout, never split by a line break it carries (a forged
 * "Catatan Kepala Desa: ..." line), and no control or bidi character reaches the page.
 */
const onePrintableLineEach = (letter: LetterContent): LetterContent => {
  const letterhead = letter.letterhead;
  const places = {
    regency: printableOneLine(letterhead.regency),
    district: printableOneLine(letterhead.district),
  };
  return {
    ...letter,
    letterhead:
      letterhead.office === 'district'
        ? {
            ...letterhead,
            ...places,
            ...(letterhead.address === undefined ? {} : { address: printableOneLine(letterhead.address) }),
          }
        : {
            ...letterhead,
            ...places,
            village: printableOneLine(letterhead.village),
            address: printableOneLine(letterhead.address),
          },
    title: printableOneLine(letter.title),
    opening: printableOneLine(letter.opening),
    body: letter.body.map(printableOneLine),
    closing: printableOneLine(letter.closing),
    signer: { name: printableOneLine(letter.signer.name), title: printableOneLine(letter.signer.title) },
    placeOfIssue: printableOneLine(letter.placeOfIssue),
  };
};

/** Adds the administrative level unless the name already carries it ("Kota Batu" stays "KOTA BATU"). */
const level = (name: string, levels: readonly string[]): string => {
  const upper = name.trim().toLocaleUpperCase('id-ID');
  return levels.some((prefix) => upper.startsWith(`${prefix} `)) ? upper : `${levels[0]} ${upper}`;
};

/** The letterhead's lines, top to bottom: the regency, then the issuing office in bold, then its address. */
const letterheadLines = (
  letterhead: Letterhead,
  styles: Styles,
): readonly (readonly [string, TextStyle])[] => {
  const regency = [`PEMERINTAH ${level(letterhead.regency, ['KABUPATEN', 'KOTA'])}`, styles.kop] as const;
  const district = level(letterhead.district, ['KECAMATAN']);
  if (letterhead.office === 'district') {
    return [
      regency,
      [district, styles.kopVillage],
      ...(letterhead.address ? [[letterhead.address, styles.kopAddress] as const] : []),
    ];
  }
  const kind = letterhead.villageKind === 'kelurahan' ? 'KELURAHAN' : 'DESA';
  return [
    regency,
    [district, styles.kop],
    [level(letterhead.village, [kind]), styles.kopVillage],
    [letterhead.address, styles.kopAddress],
  ];
};

/**
 * Kop surat: the issuing government, centred, closed by a thick and a thin rule. With the regency's emblem,
 * the emblem stands at the left, as tall as the text beside it, and the text keeps to a column centred on
 * the page (as wide a margin on the right), so it is centred as it is without one.
 */
export const drawLetterhead = (
  type: Typesetter,
  styles: Styles,
  letterhead: Letterhead,
  emblem?: PDFImage,
): void => {
  const { flow } = type;
  const inset = emblem ? EMBLEM_COLUMN + EMBLEM_GAP : 0;
  const column = { x: flow.left + inset, width: flow.width - 2 * inset, align: 'center' as const };
  const lines = letterheadLines(letterhead, styles).map(
    ([text, style]) => [type.lines(text, style, column.width), style] as const,
  );
  if (emblem) {
    const height = lines.reduce((sum, [wrapped, style]) => sum + wrapped.length * style.leading, 0);
    const scale = Math.min(height / emblem.height, EMBLEM_COLUMN / emblem.width);
    const size = { width: emblem.width * scale, height: emblem.height * scale };
    flow.page.drawImage(emblem, {
      x: flow.left + (EMBLEM_COLUMN - size.width) / 2,
      y: flow.y - height + (height - size.height) / 2,
      ...size,
    });
  }
  for (const [wrapped, style] of lines) {
    for (const line of wrapped) type.row([{ text: line, ...column }], style);
  }
  flow.advance(4);
  const rule = (thickness: number): void => {
    const y = flow.y - thickness / 2;
    flow.page.drawLine({ start: { x: flow.left, y }, end: { x: flow.right, y }, thickness, color: BLACK });
    flow.advance(thickness);
  };
  rule(2.25);
  flow.advance(1.5);
  rule(0.75);
  flow.gap(18);
};

const drawTitle = (type: Typesetter, styles: Styles, letter: LetterContent): void => {
  type.paragraph(letter.title, styles.title, { align: 'center' });
  type.paragraph(`Nomor: ${letter.letterNumber}`, styles.body, { align: 'center' });
  type.flow.gap(18);
};

/**
 * Body: "Label: value" lines as a table with aligned colons, other lines as paragraphs. The last block goes
 * on the page where `keepWithEnd` points (what follows it: the closing, signature and QR code) still fit
 * after it, so a signature never stands on a sheet without any of the letter's body.
 */
const drawBody = (type: Typesetter, style: TextStyle, body: readonly string[], keepWithEnd: number): void => {
  const { flow } = type;
  const blocks = body.map(parseBodyLine);
  const labels = blocks.flatMap((block) => (block.kind === 'field' ? [type.safe(block.label)] : []));
  // One label column for the whole body, so every colon lines up; long labels wrap rather than squeeze values.
  const labelWidth = Math.min(
    Math.max(0, ...labels.map((label) => type.measure(label, style))),
    flow.width * 0.35,
  );
  const labelX = flow.left + FIELD_INDENT;
  const colonX = labelX + labelWidth + 6;
  const valueX = colonX + type.measure(':', style) + 6;
  const valueWidth = flow.right - valueX;

  let previous: BodyBlock['kind'] | undefined;
  blocks.forEach((block, index) => {
    const gap = block.kind === 'paragraph' || previous !== 'field' ? PARAGRAPH_GAP : 0;
    const labelLines = block.kind === 'field' ? type.lines(block.label, style, labelWidth) : [];
    const valueLines = block.kind === 'field' ? type.lines(block.value, style, valueWidth) : [];
    if (index === blocks.length - 1) {
      const lines =
        block.kind === 'field'
          ? Math.max(labelLines.length, valueLines.length)
          : type.lines(block.text, style, flow.width).length;
      flow.reserve(gap + lines * style.leading + keepWithEnd);
    }
    flow.gap(gap);
    if (block.kind === 'paragraph') {
      type.paragraph(block.text, style);
    } else {
      const rowLines = Math.max(labelLines.length, valueLines.length);
      // A row (an address over two lines) moves to the next page whole rather than split after its label.
      flow.reserve(rowLines * style.leading);
      for (let i = 0; i < rowLines; i++) {
        type.row(
          [
            { text: labelLines[i] ?? '', x: labelX },
            { text: i === 0 ? ':' : '', x: colonX },
            { text: valueLines[i] ?? '', x: valueX },
          ],
          style,
        );
      }
    }
    previous = block.kind;
  });
};

const verificationCaption = (letter: LetterContent): string =>
  'Dokumen ini ditandatangani secara elektronik. Pindai kode QR atau buka ' +
  `${letter.verificationUrl} untuk memeriksa keasliannya.\nID dokumen: ${letter.documentId}`;

/** The closing's lines and heights, measured before the body is drawn (it keeps its end with them). */
interface ClosingLayout {
  readonly closing: readonly string[];
  readonly heading: readonly string[];
  readonly name: readonly string[];
  readonly caption: readonly string[];
  readonly column: { readonly x: number; readonly width: number; readonly align: 'center' };
  readonly captionX: number;
  readonly signatureHeight: number;
  readonly footerHeight: number;
  /** From the closing paragraph to the QR code's bottom. */
  readonly height: number;
}

const layoutClosing = (
  type: Typesetter,
  styles: Styles,
  letter: LetterContent,
  issuedAt: Date,
): ClosingLayout => {
  const { flow } = type;
  const closing = type.lines(letter.closing, styles.body, flow.width);
  const column = { x: flow.left + flow.width / 2, width: flow.width / 2, align: 'center' as const };
  const date = formatIndonesianDate(issuedAt, { timeZone: letter.timeZone ?? DEFAULT_TIME_ZONE });
  const heading = type.lines(
    `${letter.placeOfIssue}, ${date}\n${letter.signer.title}`,
    styles.body,
    column.width,
  );
  const name = type.lines(letter.signer.name, styles.signerName, column.width);
  const signatureHeight =
    SIGNATURE_GAP +
    heading.length * styles.body.leading +
    SIGNATURE_SPACE +
    name.length * styles.signerName.leading +
    FOOTER_GAP;
  const captionX = flow.left + QR_SIDE + 4;
  const caption = type.lines(verificationCaption(letter), styles.small, flow.right - captionX);
  const footerHeight = Math.max(QR_SIDE, caption.length * styles.small.leading);
  const height = PARAGRAPH_GAP + closing.length * styles.body.leading + signatureHeight + footerHeight;
  return { closing, heading, name, caption, column, captionX, signatureHeight, footerHeight, height };
};

/**
 * The closing paragraph, the signature block on the right ("Tampo, 22 November 2026", the signer's title,
 * room for the signature, the name) and, at the bottom-left of the same page, the QR code with its caption.
 * They are kept on one page: a page holding only a signature could be stapled to any other letter, and the
 * signature must never sit on a page without its verification code.
 */
const drawClosing = (
  type: Typesetter,
  styles: Styles,
  letter: LetterContent,
  layout: ClosingLayout,
): SignatureBox => {
  const { flow } = type;
  const { closing, heading, name, caption, column, captionX, signatureHeight, footerHeight } = layout;
  flow.reserve(layout.height);
  flow.gap(PARAGRAPH_GAP);
  for (const line of closing) type.row([{ text: line, x: flow.left }], styles.body);
  // Only a closing longer than a page gets here without room: the signature and QR code still stay together.
  flow.reserve(signatureHeight + footerHeight);
  flow.gap(SIGNATURE_GAP);
  for (const line of heading) type.row([{ text: line, ...column }], styles.body);
  const signatureBox = {
    page: flow.page,
    x: column.x,
    y: flow.y - SIGNATURE_SPACE,
    width: column.width,
    height: SIGNATURE_SPACE,
  };
  flow.advance(SIGNATURE_SPACE);
  for (const line of name) type.row([{ text: line, ...column }], styles.signerName);

  const bottom = flow.bottom;
  drawQrCode(flow.page, qrSymbol(letter.verificationUrl), { x: flow.left, y: bottom, side: QR_SIDE });
  // Caption centred vertically on the QR code (or the QR centred on a caption taller than it).
  const captionTop = bottom + footerHeight / 2 + (caption.length * styles.small.leading) / 2;
  caption.forEach((line, i) => {
    type.drawAt(captionTop - i * styles.small.leading, [{ text: line, x: captionX }], styles.small);
  });
  return signatureBox;
};

/** "Nomor … · Halaman 1 dari 2" in the bottom margin, so a loose page can be traced to its letter. */
const numberPages = (type: Typesetter, style: TextStyle, letterNumber: string): void => {
  const { flow } = type;
  if (flow.pages.length < 2) return;
  const top = flow.bottom / 2 + style.leading / 2;
  flow.pages.forEach((page, i) => {
    const text = type.safe(`Nomor ${letterNumber} \u00b7 Halaman ${i + 1} dari ${flow.pages.length}`);
    type.drawAt(top, [{ text, x: flow.left, width: flow.width, align: 'right' }], style, page);
  });
};

const writeMetadata = (doc: PDFDocument, letter: LetterContent, issuedAt: Date): void => {
  // Info strings are UTF-16 in the PDF, so these keep any character the letter itself had to replace.
  const { letterhead } = letter;
  const office =
    letterhead.office === 'district'
      ? `Kecamatan ${letterhead.district}`
      : `${letterhead.villageKind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${letterhead.village}`;
  doc.setTitle(`${letter.title} ${letter.letterNumber}`, { showInWindowTitleBar: true });
  doc.setSubject(letter.documentId);
  doc.setKeywords([letter.documentId, letter.letterNumber]);
  doc.setAuthor(`Pemerintah ${office}`);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setCreationDate(issuedAt);
  doc.setModificationDate(issuedAt);
  doc.setLanguage('id-ID');
};

/**
 * Renders an issued letter as PDF. Deterministic: the same content gives byte-identical output (metadata
 * dates come from `issuedAt`, and pdf-lib's resource names come from a generator seeded per document),
 * so a document's SHA-256 can be recomputed and checked at any time.
 */
export const renderLetterPdf = async (content: LetterContent): Promise<Uint8Array> =>
  (await composeLetter(content)).pdf;

/** Where a letter's signature block sits: page (1-based) and box in points from the page's bottom-left. */
export interface SignaturePlace {
  readonly page: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Renders a letter for a signing service that adds its own signature (BSrE): no signature field of ours,
 * and where the signature block is, for the service to draw its signature there.
 */
export const renderLetterForSigningService = async (
  content: Omit<LetterContent, 'signature'>,
): Promise<{ pdf: Uint8Array; signaturePlace: SignaturePlace }> => composeLetter(content);

const composeLetter = async (
  content: LetterContent,
): Promise<{ pdf: Uint8Array; signaturePlace: SignaturePlace }> => {
  const letter = onePrintableLineEach(content);
  const issuedAt = parseInstant(letter.issuedAt, 'issuedAt');
  const pageSize = PAPER_SIZES[letter.paper ?? 'A4'];
  if (!pageSize) throw new RangeError(`Unknown paper size "${String(letter.paper)}"`);

  // updateMetadata: false stops pdf-lib stamping the current time and its own name; writeMetadata sets them all.
  const doc = await PDFDocument.create({ updateMetadata: false });
  writeMetadata(doc, letter, issuedAt);
  const styles = await loadStyles(doc);
  const flow = new PageFlow(doc, pageSize, MARGIN);
  const type = new Typesetter(flow, encoderOf(styles.body.font));

  const emblem = content.emblem ? await embedEmblem(doc, content.emblem) : undefined;
  drawLetterhead(type, styles, letter.letterhead, emblem);
  drawTitle(type, styles, letter);
  type.paragraph(letter.opening, styles.body);
  const closing = layoutClosing(type, styles, letter, issuedAt);
  drawBody(type, styles.body, letter.body, closing.height);
  const signatureBox = drawClosing(type, styles, letter, closing);
  numberPages(type, styles.small, letter.letterNumber);
  if (content.signature) addSignaturePlaceholder(doc, signatureBox, content.signature, styles.small.font);

  // Classic cross-reference table (no object streams): readable by old office PDF viewers and tools.
  // objectsPerTick: a letter is small, and yielding to the event loop mid-save only adds latency in Lambda.
  const pdf = await doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
  const { page, x, y, width, height } = signatureBox;
  return { pdf, signaturePlace: { page: doc.getPages().indexOf(page) + 1, x, y, width, height } };
};
