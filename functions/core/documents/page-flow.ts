import type { PDFDocument, PDFPage } from 'pdf-lib';

/**
 * Top-to-bottom flow of content over as many pages as it needs. Each piece of content asks for its height
 * first (`reserve`), so long letters continue on a new page instead of running into the bottom margin.
 */
export class PageFlow {
  readonly pages: PDFPage[] = [];
  private current: PDFPage;
  /** Top of the free space on the current page, in points from the bottom edge. */
  y = 0;

  constructor(
    private readonly doc: PDFDocument,
    readonly pageSize: readonly [width: number, height: number],
    readonly margin: number,
  ) {
    this.current = this.newPage();
  }

  /** The page being filled. */
  get page(): PDFPage {
    return this.current;
  }

  get left(): number {
    return this.margin;
  }

  get right(): number {
    return this.pageSize[0] - this.margin;
  }

  get width(): number {
    return this.right - this.left;
  }

  get bottom(): number {
    return this.margin;
  }

  newPage(): PDFPage {
    this.current = this.doc.addPage([this.pageSize[0], this.pageSize[1]]);
    this.pages.push(this.current);
    this.y = this.pageSize[1] - this.margin;
    return this.current;
  }

  /** Nothing has been drawn on the current page yet. */
  get atTop(): boolean {
    return this.y === this.pageSize[1] - this.margin;
  }

  /** Makes sure `height` points fit on the current page, starting a new one if they do not. */
  reserve(height: number): void {
    // On a fresh page there is nowhere better to go: an oversized block is drawn rather than looping forever.
    if (this.y - height < this.bottom && !this.atTop) this.newPage();
  }

  /** Moves down past drawn content. */
  advance(height: number): void {
    this.y -= height;
  }

  /** White space between blocks: dropped at the top of a page, and never carried over to the next one. */
  gap(height: number): void {
    if (!this.atTop) this.y = Math.max(this.y - height, this.bottom);
  }
}
