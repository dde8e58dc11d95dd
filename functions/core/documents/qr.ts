import type { PDFPage } from 'pdf-lib';
import {
  beginMarkedContent,
  endMarkedContent,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingGrayscaleColor,
} from 'pdf-lib';
import QRCode from 'qrcode';

/** Four light modules around the symbol: the quiet zone scanners need to find it (ISO/IEC 18004). */
export const QR_QUIET_ZONE_MODULES = 4;

/** Marked-content tag around the QR drawing, so tests (and tools) can find exactly what was drawn. */
export const QR_MARKED_CONTENT_TAG = 'QRCode';

/** A horizontal run of dark modules: row and column from the symbol's top-left corner. */
export interface ModuleRun {
  readonly row: number;
  readonly col: number;
  readonly length: number;
}

export interface QrSymbol {
  /** Modules per side, without the quiet zone. */
  readonly size: number;
  readonly runs: readonly ModuleRun[];
}

/**
 * The QR symbol for a text, as dark runs. Level M (15% recovery) survives a crease or a smudge on a printed
 * letter while keeping a verification URL at a size phones read from 25 mm. Runs rather than single modules:
 * far fewer rectangles, and no hairline seams between neighbouring modules in some viewers.
 */
export const qrSymbol = (text: string): QrSymbol => {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: ModuleRun[] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col) === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
};

export interface QrPlacement {
  /** Bottom-left corner of the square, quiet zone included, in points. */
  readonly x: number;
  readonly y: number;
  /** Side of the square, quiet zone included, in points. */
  readonly side: number;
}

/**
 * Draws the symbol as filled rectangles in one path (vector: sharp at any print resolution, no image
 * decoder needed). The quiet zone is left blank inside the placement square.
 */
export const drawQrCode = (page: PDFPage, symbol: QrSymbol, { x, y, side }: QrPlacement): void => {
  const moduleSide = side / (symbol.size + 2 * QR_QUIET_ZONE_MODULES);
  const left = x + QR_QUIET_ZONE_MODULES * moduleSide;
  const top = y + side - QR_QUIET_ZONE_MODULES * moduleSide;
  page.pushOperators(
    beginMarkedContent(QR_MARKED_CONTENT_TAG),
    pushGraphicsState(),
    setFillingGrayscaleColor(0),
    ...symbol.runs.map((run) =>
      rectangle(
        left + run.col * moduleSide,
        top - (run.row + 1) * moduleSide,
        run.length * moduleSide,
        moduleSide,
      ),
    ),
    fill(),
    popGraphicsState(),
    endMarkedContent(),
  );
};
