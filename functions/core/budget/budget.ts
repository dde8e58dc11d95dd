import { type FieldIssue, ValidationError } from '../shared/errors.js';
import { type LocalizedText, text } from '../shared/text.js';
import { normaliseText, textProblem } from '../shared/text-rules.js';
import { ACCOUNTS, ACTIVITIES, FUND_SOURCES, groupOf, SPENDING_TYPES } from './reference.js';

/**
 * The village budget (APBDes, Permendagri 20/2018): per village and year, in versions (1 = APBDes, then
 * APBDes Perubahan). Every line is income (4.x.x), spending (5.x, by kegiatan `BB.SS.KK`, source of funds and
 * implementer) or financing (6.1.x receipts, SiLPA as 6.1.1; 6.2.x expenditure). Amounts are whole rupiah.
 */
export interface BudgetLine {
  /** Income or financing account (4.1.1, 6.1.1), or spending type (5.1–5.4). */
  readonly code: string;
  /** Spending only: the kegiatan, BB.SS.KK. */
  readonly activity?: string;
  readonly description: string;
  /** Spending only: what it is paid from (FUND_SOURCES). */
  readonly source?: string;
  /** Spending only: the pelaksana kegiatan (a kaur or kasi, by title). */
  readonly implementer?: string;
  readonly amount: number;
}

export type BudgetStatus = 'draft' | 'adopted';

export interface Budget {
  readonly villageCode: string;
  readonly year: number;
  readonly version: number;
  readonly status: BudgetStatus;
  /** The Peraturan Desa that adopted this version (legal products), once adopted. */
  readonly legalProductId?: string;
  readonly adoptedAt?: string;
  /** Where residents send complaints about the budget (art. 39 and 72). */
  readonly complaintAddress: string;
  readonly lines: readonly BudgetLine[];
  readonly updatedAt: string;
}

export const versionName = (version: number): string =>
  version === 1 ? 'APBDes' : version === 2 ? 'APBDes Perubahan' : `APBDes Perubahan ${version - 1}`;

export type Section = 'income' | 'spending' | 'financing';

export const sectionOf = (line: Pick<BudgetLine, 'code'>): Section =>
  line.code.startsWith('4') ? 'income' : line.code.startsWith('5') ? 'spending' : 'financing';

/** The budget's columns, as the CSV template names them (README "Village budget"), and the JSON fields. */
export const BUDGET_COLUMNS = [
  ['kode_rekening', 'code'],
  ['kode_kegiatan', 'activity'],
  ['uraian', 'description'],
  ['sumber_dana', 'source'],
  ['pelaksana', 'implementer'],
  ['anggaran', 'amount'],
] as const;
export type BudgetField = (typeof BUDGET_COLUMNS)[number][1];

/** One row as received: from a CSV file (strings) or JSON (any value), with where to point at it. */
export interface RawRow {
  readonly values: Readonly<Partial<Record<BudgetField, unknown>>>;
  /** The row and column as the sender knows them: "baris 3, kolom anggaran" or "lines[1].amount". */
  readonly locate: (field: BudgetField) => LocalizedText;
}

const MAX_TEXT = 200;
/** Far above any village's budget (Rp 1 trillion), and exact in a double. */
const MAX_AMOUNT = 1_000_000_000_000;
/** An answer lists at most this many problems; the first ones are enough to fix the file. */
const MAX_ISSUES = 20;

/** Reads whole rupiah: a JSON integer, or a CSV cell of digits only (no separators, no decimals). */
export function wholeRupiah(value: unknown): number | undefined {
  const amount =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value.trim())
        ? Number(value)
        : NaN;
  return Number.isSafeInteger(amount) && amount >= 0 && amount <= MAX_AMOUNT ? amount : undefined;
}

const PROBLEMS = {
  required: text('wajib diisi', 'is required'),
  notAllowed: text(
    'tidak diisi untuk baris ini (hanya untuk belanja)',
    'must be empty on this row (spending only)',
  ),
  account: text('kode rekening tidak dikenal', 'unknown account code'),
  activity: text(
    'kode kegiatan tidak dikenal (BB.SS.KK, Permendagri 20/2018)',
    'unknown activity code (BB.SS.KK)',
  ),
  source: text(
    `sumber dana tidak dikenal (${Object.keys(FUND_SOURCES).join(', ')})`,
    `unknown source of funds (${Object.keys(FUND_SOURCES).join(', ')})`,
  ),
  amount: text(
    'bukan rupiah bulat (angka saja, tanpa titik atau koma, tidak negatif)',
    'not whole rupiah (digits only, no separators, not negative)',
  ),
  text: text(
    `teks tidak valid atau lebih dari ${MAX_TEXT} karakter`,
    `invalid text or over ${MAX_TEXT} characters`,
  ),
} satisfies Record<string, LocalizedText>;

const issue = (where: LocalizedText, problem: LocalizedText): FieldIssue => ({
  field: where.en,
  message: text(`${where.id}: ${problem.id}`, `${where.en}: ${problem.en}`),
});

/** The first problems as one answer: its message names the first row and column. */
export function rejectRows(issues: readonly FieldIssue[]): never {
  const [first] = issues;
  const more = issues.length > 1 ? issues.length - 1 : 0;
  throw new ValidationError(
    text(
      `Anggaran tidak diterima, tidak ada yang disimpan. ${first?.message.id ?? ''}${more ? ` (dan ${more} masalah lain)` : ''}`,
      `Budget refused, nothing was saved. ${first?.message.en ?? ''}${more ? ` (and ${more} more)` : ''}`,
    ),
    issues.slice(0, MAX_ISSUES),
  );
}

const optionalText = (value: unknown): string | undefined | false => {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || textProblem(value) || value.length > MAX_TEXT) return false;
  const normalised = normaliseText(value);
  return normalised === '' ? undefined : normalised;
};

/** Validates one row; answers the line or adds its problems to `issues`. */
function parseRow(row: RawRow, issues: FieldIssue[]): BudgetLine | undefined {
  const before = issues.length;
  const problem = (field: BudgetField, what: LocalizedText) => issues.push(issue(row.locate(field), what));
  const texts: Partial<Record<BudgetField, string>> = {};
  for (const field of ['code', 'activity', 'description', 'source', 'implementer'] as const) {
    const value = optionalText(row.values[field]);
    if (value === false) problem(field, PROBLEMS.text);
    else if (value !== undefined) texts[field] = value;
    else if (field === 'code') problem(field, PROBLEMS.required);
  }
  const code = texts.code;
  const spending = code !== undefined && code in SPENDING_TYPES;
  if (code !== undefined && !spending && !(code in ACCOUNTS)) problem('code', PROBLEMS.account);
  if (spending) {
    if (texts.activity === undefined) problem('activity', PROBLEMS.required);
    else if (!ACTIVITIES.has(texts.activity)) problem('activity', PROBLEMS.activity);
    if (texts.source === undefined) problem('source', PROBLEMS.required);
    else if (!(texts.source.toUpperCase() in FUND_SOURCES)) problem('source', PROBLEMS.source);
    if (texts.implementer === undefined) problem('implementer', PROBLEMS.required);
  } else if (code !== undefined) {
    for (const field of ['activity', 'source', 'implementer'] as const) {
      if (texts[field] !== undefined) problem(field, PROBLEMS.notAllowed);
    }
  }
  const amount = wholeRupiah(row.values.amount);
  if (amount === undefined) problem('amount', PROBLEMS.amount);
  if (issues.length > before || code === undefined || amount === undefined) return undefined;
  const description =
    texts.description ?? (spending ? (ACTIVITIES.get(texts.activity ?? '') ?? '') : (ACCOUNTS[code] ?? ''));
  return spending
    ? {
        code,
        activity: texts.activity,
        description,
        source: texts.source?.toUpperCase(),
        implementer: texts.implementer,
        amount,
      }
    : { code, description, amount };
}

export interface Totals {
  readonly income: number;
  readonly spending: number;
  readonly financingReceipts: number;
  readonly financingExpenditure: number;
  readonly financingNet: number;
}

const sum = (lines: readonly BudgetLine[], keep: (line: BudgetLine) => boolean) =>
  lines.filter(keep).reduce((total, line) => total + line.amount, 0);

export function totalsOf(lines: readonly BudgetLine[]): Totals {
  const financingReceipts = sum(lines, (line) => groupOf(line.code) === '6.1');
  const financingExpenditure = sum(lines, (line) => groupOf(line.code) === '6.2');
  return {
    income: sum(lines, (line) => sectionOf(line) === 'income'),
    spending: sum(lines, (line) => sectionOf(line) === 'spending'),
    financingReceipts,
    financingExpenditure,
    financingNet: financingReceipts - financingExpenditure,
  };
}

const rupiah = (amount: number) => `Rp ${amount.toLocaleString('id-ID')}`;

/**
 * The rows of a budget, each checked (known codes, whole rupiah, the columns each section needs), then the
 * whole: spending may not exceed income plus net financing (SiLPA carried in as 6.1.1). Any problem refuses it all.
 */
export function parseBudgetRows(rows: readonly RawRow[]): BudgetLine[] {
  const issues: FieldIssue[] = [];
  const lines = rows.map((row) => parseRow(row, issues));
  if (issues.length > 0) rejectRows(issues);
  if (rows.length === 0) {
    rejectRows([issue(text('anggaran', 'budget'), text('tidak ada baris', 'has no rows'))]);
  }
  const parsed = lines.filter((line): line is BudgetLine => line !== undefined);
  const totals = totalsOf(parsed);
  const available = totals.income + totals.financingNet;
  if (totals.spending > available) {
    rejectRows([
      issue(
        text('anggaran', 'budget'),
        text(
          `tidak seimbang: belanja ${rupiah(totals.spending)} melebihi pendapatan ${rupiah(totals.income)} ditambah pembiayaan netto ${rupiah(totals.financingNet)} (selisih ${rupiah(totals.spending - available)})`,
          `unbalanced: spending ${rupiah(totals.spending)} exceeds income ${rupiah(totals.income)} plus net financing ${rupiah(totals.financingNet)} (short by ${rupiah(totals.spending - available)})`,
        ),
      ),
    ]);
  }
  return parsed;
}

const JSON_FIELDS = new Set<string>(BUDGET_COLUMNS.map(([, field]) => field));

/** The `lines` of a JSON body as rows; a field the template does not know is refused, named by its line. */
export function budgetRowsFromJson(lines: readonly Readonly<Record<string, unknown>>[]): RawRow[] {
  const unknown = lines.flatMap((line, index) =>
    Object.keys(line)
      .filter((field) => !JSON_FIELDS.has(field))
      .map((field) =>
        issue(
          text(`lines[${index}].${field}`, `lines[${index}].${field}`),
          text('tidak dikenal', 'unknown field'),
        ),
      ),
  );
  if (unknown.length > 0) rejectRows(unknown);
  return lines.map((line, index) => ({
    // JSON amounts are numbers: "1500000" as a string is refused, as a CSV cell it would be read.
    values: {
      ...line,
      amount: typeof line.amount === 'number' ? line.amount : Number.NaN,
    } as RawRow['values'],
    locate: (field) => text(`lines[${index}].${field}`, `lines[${index}].${field}`),
  }));
}
