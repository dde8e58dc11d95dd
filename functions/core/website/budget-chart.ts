import type { SiteBudget } from './content.js';
import { esc, percent, rupiah } from './html.js';

/** What a row without a reported realisation says instead of a percentage. */
export const NOT_REPORTED = 'realisasi tidak dilaporkan / realisation not reported';

/** Drawing units: the SVG scales to the page width (360 px phones and up). */
const WIDTH = 340;
const ROW = 46;
const BAR = 14;

export interface BudgetRow {
  readonly label: string;
  readonly planned: number;
  /** Absent when not reported (income): no dark bar, and the row says so. */
  readonly realised?: number;
}

/** Longer labels are cut in the chart (the table beside it carries them whole), so the text fits 340 units. */
const LABEL_CHARS = 50;
const fitted = (label: string) =>
  label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label;

/** The infographic's rows: income first, then spending per bidang. */
export const budgetRows = (budget: SiteBudget): BudgetRow[] => [
  { label: 'Pendapatan / Income', ...budget.income },
  ...budget.spendingByBidang.map((bidang) => ({
    label: `Bidang ${bidang.code} ${bidang.name}`,
    planned: bidang.planned,
    realised: bidang.realised,
  })),
];

/**
 * Income against spending by bidang as an inline SVG: per row, the planned amount as a pale bar and the
 * realised amount as a dark bar over it, on one scale (the largest amount fills the width), with the amounts
 * and the realisation % written out. Presentation attributes only (no style attribute), so the page's
 * Content-Security-Policy needs no 'unsafe-inline'.
 */
export function budgetChart(budget: SiteBudget): string {
  const rows = budgetRows(budget);
  const scale = Math.max(1, ...rows.flatMap((row) => [row.planned, row.realised ?? 0]));
  const width = (amount: number) => ((Math.max(0, amount) / scale) * WIDTH).toFixed(1);
  const height = rows.length * ROW;
  const drawn = rows.map((row, index) => {
    const y = index * ROW;
    return (
      `<g><text x="0" y="${y + 12}" font-size="11" fill="#1a1a1a">${esc(fitted(row.label))}</text>` +
      `<rect x="0" y="${y + 17}" width="${width(row.planned)}" height="${BAR}" fill="#c9d8e8"/>` +
      (row.realised === undefined
        ? `<text x="0" y="${y + 43}" font-size="11" fill="#333">${esc(rupiah(row.planned))} · ${esc(NOT_REPORTED)}</text></g>`
        : `<rect x="0" y="${y + 17}" width="${width(row.realised)}" height="${BAR}" fill="${index === 0 ? '#1d6b3a' : '#1f4e79'}"/>` +
          `<text x="0" y="${y + 43}" font-size="11" fill="#333">${esc(rupiah(row.realised))} / ${esc(rupiah(row.planned))} · ${esc(percent(row.realised, row.planned))}</text></g>`)
    );
  });
  return (
    `<svg viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="apb-t apb-d" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="apb-t">APBDes ${esc(budget.year)}: pendapatan dan belanja per bidang / income and spending by bidang</title>` +
    `<desc id="apb-d">Batang pucat: anggaran; batang gelap: realisasi. Pale bar: planned; dark bar: realised.</desc>` +
    `${drawn.join('')}</svg>`
  );
}
