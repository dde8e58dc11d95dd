import { PDFDocument } from 'pdf-lib';
import { drawLetterhead, loadStyles, MARGIN, type Styles } from '../documents/letter-pdf.js';
import { PageFlow } from '../documents/page-flow.js';
import { type Align, encoderOf, type TextStyle, Typesetter } from '../documents/typesetter.js';
import { printableOneLine } from '../shared/text-rules.js';
import type { Progress } from './progress.js';
import type { ActivityReport, BudgetReport } from './report.js';

/**
 * The art. 72 report as a PDF, typeset like the village's letters (the same letterhead and typesetter), on
 * landscape A4 so the table of kegiatan fits: code, name, implementer, budget, realised, remaining, %, state.
 */
const LANDSCAPE_A4 = [841.89, 595.28] as const;
const PROGRESS_NAMES: Record<Progress, string> = {
  belum: 'Belum dimulai',
  berjalan: 'Berjalan',
  selesai: 'Selesai',
  batal: 'Batal',
};
const ROMAN = { 1: 'I', 2: 'II' } as const;

export const formatRupiah = (amount: number): string => amount.toLocaleString('id-ID');

interface Column {
  readonly title: string;
  readonly width: number;
  readonly align: Align;
  readonly value: (entry: ActivityReport) => string;
}

const COLUMNS: readonly Column[] = [
  { title: 'Kode', width: 52, align: 'left', value: (a) => a.activity },
  { title: 'Kegiatan', width: 250, align: 'left', value: (a) => a.name },
  { title: 'Pelaksana', width: 100, align: 'left', value: (a) => a.implementers.join(', ') },
  { title: 'Anggaran (Rp)', width: 80, align: 'right', value: (a) => formatRupiah(a.budget) },
  { title: 'Realisasi (Rp)', width: 80, align: 'right', value: (a) => formatRupiah(a.realised) },
  { title: 'Sisa (Rp)', width: 80, align: 'right', value: (a) => formatRupiah(a.remaining) },
  { title: '%', width: 30, align: 'right', value: (a) => a.percent.toLocaleString('id-ID') },
  { title: 'Keadaan', width: 60, align: 'left', value: (a) => PROGRESS_NAMES[a.progress] },
];
const CELL_GAP = 6;

/** One table row: every cell wrapped to its column, drawn side by side, the row as tall as its tallest cell. */
function tableRow(
  type: Typesetter,
  style: TextStyle,
  cells: readonly { text: string; column: Column }[],
): void {
  let x = type.flow.left;
  const placed = cells.map(({ text, column }) => {
    const lines = type.lines(printableOneLine(text), style, column.width);
    const at = { x, column, lines };
    x += column.width + CELL_GAP;
    return at;
  });
  const height = Math.max(1, ...placed.map((cell) => cell.lines.length)) * style.leading;
  type.flow.reserve(height);
  const top = type.flow.y;
  for (const cell of placed) {
    cell.lines.forEach((line, index) => {
      type.drawAt(
        top - index * style.leading,
        [{ text: line, x: cell.x, width: cell.column.width, align: cell.column.align }],
        style,
      );
    });
  }
  type.flow.advance(height + 2);
}

const heading = (type: Typesetter, styles: Styles, text: string) => {
  type.flow.gap(10);
  type.paragraph(text, { ...styles.body, font: styles.kopVillage.font, size: 11, leading: 15 });
};

export async function renderBudgetReportPdf(report: BudgetReport, asOf: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const title = `Laporan Realisasi APBDes Semester ${ROMAN[report.semester]} ${report.year} Desa ${report.village.name}`;
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setAuthor(
    `Pemerintah ${report.village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${report.village.name}`,
  );
  doc.setCreator('Desa Digital');
  doc.setProducer('Desa Digital (pdf-lib)');
  doc.setCreationDate(asOf);
  doc.setModificationDate(asOf);
  doc.setLanguage('id-ID');
  const styles = await loadStyles(doc);
  const flow = new PageFlow(doc, LANDSCAPE_A4, MARGIN);
  const type = new Typesetter(flow, encoderOf(styles.body.font));
  const body = { ...styles.body, size: 10.5, leading: 14 };
  const table = { ...styles.small, size: 8, leading: 10 };
  const tableBold = { ...table, font: styles.kopVillage.font };

  drawLetterhead(type, styles, {
    regency: report.village.regency,
    district: report.village.district,
    village: report.village.name,
    villageKind: report.village.kind,
    address: report.village.address,
  });
  type.paragraph('LAPORAN REALISASI PELAKSANAAN APBDes', styles.title, { align: 'center' });
  type.paragraph(`Semester ${ROMAN[report.semester]} Tahun Anggaran ${report.year}`, styles.body, {
    align: 'center',
  });
  const adoption =
    report.status === 'adopted' ? `ditetapkan (produk hukum ${report.legalProductId ?? '-'})` : 'rancangan';
  type.paragraph(`${report.versionName}, ${adoption}`, body, { align: 'center' });

  heading(type, styles, 'A. Ringkasan');
  const { summary } = report;
  for (const [label, amount] of [
    ['Pendapatan', summary.income.total],
    ['Belanja', summary.spending.total],
    ['Pembiayaan netto', summary.financing.net],
    ['Realisasi belanja', summary.realisation.total],
  ] as const) {
    type.row(
      [
        { text: label, x: flow.left },
        { text: `Rp ${formatRupiah(amount)}`, x: flow.left + 150, width: 120, align: 'right' },
      ],
      body,
    );
  }
  type.paragraph(
    `Realisasi belanja: ${summary.realisation.percent.toLocaleString('id-ID')}% dari anggaran belanja.`,
    body,
  );

  heading(type, styles, 'B. Realisasi per kegiatan');
  tableRow(
    type,
    tableBold,
    COLUMNS.map((column) => ({ text: column.title, column })),
  );
  for (const entry of report.activities) {
    tableRow(
      type,
      table,
      COLUMNS.map((column) => ({ text: column.value(entry), column })),
    );
  }
  const totalsRow: ActivityReport = {
    activity: '',
    name: 'JUMLAH',
    bidang: '',
    implementers: [],
    sources: [],
    ...report.totals,
    progress: 'berjalan',
  };
  tableRow(
    type,
    tableBold,
    COLUMNS.map((column) => ({ text: column.title === 'Keadaan' ? '' : column.value(totalsRow), column })),
  );

  heading(type, styles, 'C. Kegiatan yang belum selesai atau batal');
  if (report.unfinished.length === 0) type.paragraph('Tidak ada: semua kegiatan selesai.', body);
  for (const entry of report.unfinished) {
    type.paragraph(
      `${entry.activity} ${entry.name}: ${PROGRESS_NAMES[entry.progress].toLowerCase()}, sisa anggaran Rp ${formatRupiah(entry.remaining)}`,
      body,
    );
  }

  heading(type, styles, 'D. Sisa anggaran');
  type.paragraph(`Sisa anggaran belanja: Rp ${formatRupiah(report.totals.remaining)}.`, body);

  heading(type, styles, 'E. Pengaduan');
  type.paragraph(`Pengaduan tentang APBDes disampaikan ke: ${report.complaintAddress}`, body);

  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
