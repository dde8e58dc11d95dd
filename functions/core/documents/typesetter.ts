import type { PDFFont, PDFPage } from 'pdf-lib';
import { rgb } from 'pdf-lib';
import type { PageFlow } from './page-flow.js';
import { wrapText } from './text-layout.js';
import type { CanEncode } from './winansi.js';
import { toWinAnsi } from './winansi.js';

export interface TextStyle {
  readonly font: PDFFont;
  readonly size: number;
  /** Distance from one line's top to the next one's, in points. */
  readonly leading: number;
  readonly underline?: boolean;
}

export type Align = 'left' | 'center' | 'right';

/** A piece of one line of text: drawn at `x`, aligned inside `width` (needed for center and right). */
export interface Cell {
  readonly text: string;
  readonly x: number;
  readonly width?: number;
  readonly align?: Align;
}

export const BLACK = rgb(0, 0, 0);

/** The set of code points a standard font can encode (the same WinAnsi set for Times and Helvetica). */
export const encoderOf = (font: PDFFont): CanEncode => {
  const supported = new Set(font.getCharacterSet());
  return (codePoint) => supported.has(codePoint);
};

/**
 * Text on the flowing pages: sanitizes for the standard fonts, measures, wraps and draws. Every string that
 * reaches pdf-lib goes through `safe` first, so no input can make rendering throw.
 */
export class Typesetter {
  private readonly charWidths = new Map<PDFFont, Map<string, number>>();
  private readonly pageFonts = new WeakMap<PDFPage, PDFFont>();

  constructor(
    readonly flow: PageFlow,
    private readonly canEncode: CanEncode,
  ) {}

  safe(text: string): string {
    return toWinAnsi(text, this.canEncode);
  }

  /**
   * Width as drawn. pdf-lib's widthOfTextAtSize applies kerning but drawText does not, so measuring with it
   * would let a line with "AV" or "To" overrun the margin a little: sum unkerned glyph widths instead.
   * Expects text that went through `safe`.
   */
  measure(text: string, style: TextStyle): number {
    let widths = this.charWidths.get(style.font);
    if (!widths) {
      widths = new Map();
      this.charWidths.set(style.font, widths);
    }
    let total = 0;
    for (const char of text) {
      let width = widths.get(char);
      if (width === undefined) {
        width = style.font.widthOfTextAtSize(char, 1);
        widths.set(char, width);
      }
      total += width;
    }
    return total * style.size;
  }

  /** Sanitized text wrapped to `width`. */
  lines(text: string, style: TextStyle, width: number): string[] {
    return wrapText(this.safe(text), width, (line) => this.measure(line, style));
  }

  /** Draws cells of one line whose top is at `top` (does not move the flow). */
  drawAt(top: number, cells: readonly Cell[], style: TextStyle, page: PDFPage = this.flow.page): void {
    // Baseline placed so that the cap height sits centred in the line box, leaving room for descenders.
    const baseline = top - (style.leading - style.size) / 2 - style.size * 0.8;
    for (const cell of cells) {
      // Cheap when the text is already safe (the usual case), and makes drawText unable to throw on input.
      const text = this.safe(cell.text);
      if (text === '') continue;
      const textWidth = this.measure(text, style);
      const room = (cell.width ?? textWidth) - textWidth;
      const x = cell.x + (cell.align === 'center' ? room / 2 : cell.align === 'right' ? room : 0);
      this.useFont(page, style.font);
      page.drawText(text, { x, y: baseline, size: style.size, color: BLACK });
      if (style.underline) {
        const y = baseline - style.size * 0.12;
        page.drawLine({
          start: { x, y },
          end: { x: x + textWidth, y },
          thickness: Math.max(style.size * 0.06, 0.5),
          color: BLACK,
        });
      }
    }
  }

  /**
   * drawText({ font }) adds two entries to the page's font resources on every call (set, then restore):
   * switching the page's font only when it changes keeps one entry per switch.
   */
  private useFont(page: PDFPage, font: PDFFont): void {
    if (this.pageFonts.get(page) === font) return;
    page.setFont(font);
    this.pageFonts.set(page, font);
  }

  /** One line in the flow: a new page first if it does not fit. */
  row(cells: readonly Cell[], style: TextStyle): void {
    this.flow.reserve(style.leading);
    this.drawAt(this.flow.y, cells, style);
    this.flow.advance(style.leading);
  }

  /** A wrapped paragraph in the flow, in the column [x, x + width]. */
  paragraph(
    text: string,
    style: TextStyle,
    column: { x?: number; width?: number; align?: Align } = {},
  ): void {
    const x = column.x ?? this.flow.left;
    const width = column.width ?? this.flow.right - x;
    for (const line of this.lines(text, style, width)) {
      this.row([{ text: line, x, width, align: column.align ?? 'left' }], style);
    }
  }
}
