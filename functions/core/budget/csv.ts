import { ValidationError } from '../shared/errors.js';
import { text } from '../shared/text.js';
import { BUDGET_COLUMNS, type Budget, type BudgetField, type RawRow, rejectRows } from './budget.js';

/**
 * The budget as a CSV file (README "Village budget"): a header row naming the columns (BUDGET_COLUMNS, any
 * order; pelaksana, sumber_dana, kode_kegiatan and uraian may be left out), then one row per budget line.
 * Comma or semicolon separated (spreadsheets set to Indonesian write semicolons), RFC 4180 quoting, UTF-8
 * with or without a byte-order mark.
 */

const COLUMN_FIELD = new Map<string, BudgetField>(BUDGET_COLUMNS);
const REQUIRED_COLUMNS = ['kode_rekening', 'anggaran'];

/** Splits CSV text into records of cells (RFC 4180: quoted cells may hold separators, quotes and line breaks). */
export function csvRecords(source: string, separator: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  const input = source.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === separator) {
      record.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += char;
  }
  if (quoted) {
    throw new ValidationError(
      text('Berkas CSV: tanda kutip tidak ditutup.', 'CSV file: a quote is never closed.'),
      [{ field: 'body', message: text('tanda kutip tidak ditutup', 'unclosed quote') }],
    );
  }
  if (cell !== '' || record.length > 0) records.push([...record, cell]);
  return records;
}

const blank = (record: readonly string[]) => record.every((cell) => cell.trim() === '');

/** The file's rows, each with its line in the file (the header is row 1), ready for parseBudgetRows. */
export function budgetRowsFromCsv(source: string): RawRow[] {
  const firstLine = source.slice(0, source.search(/\r|\n|$/));
  const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const [header = [], ...records] = csvRecords(source, separator);
  const columns = header.map((name) => name.trim().toLowerCase());
  const unknown = columns.filter((name) => !COLUMN_FIELD.has(name));
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (unknown.length > 0 || missing.length > 0) {
    rejectRows(
      [
        ...unknown.map((name) => ['tidak dikenal', 'unknown', name]),
        ...missing.map((name) => ['tidak ada', 'missing', name]),
      ].map(([id, en, name]) => ({
        field: `row 1, column ${name}`,
        message: text(`baris 1, kolom ${name}: ${id}`, `row 1, column ${name}: ${en}`),
      })),
    );
  }
  return records.flatMap((record, index) => {
    if (blank(record)) return [];
    const line = index + 2;
    const values: Partial<Record<BudgetField, string>> = {};
    columns.forEach((name, column) => {
      const field = COLUMN_FIELD.get(name);
      if (field) values[field] = record[column]?.trim();
    });
    const columnOf = (field: BudgetField) => BUDGET_COLUMNS.find(([, f]) => f === field)?.[0] ?? field;
    return [
      {
        values,
        locate: (field: BudgetField) =>
          text(`baris ${line}, kolom ${columnOf(field)}`, `row ${line}, column ${columnOf(field)}`),
      },
    ];
  });
}

/** A cell as RFC 4180 wants it; a leading =, +, - or @ is prefixed so a spreadsheet never runs it as a formula. */
const cell = (value: string | number | undefined): string => {
  const raw = value === undefined ? '' : String(value);
  const safe = /^[=+\-@]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The budget in the import template's shape: downloading and importing it again gives the same lines. */
export function budgetToCsv(budget: Pick<Budget, 'lines'>): string {
  const header = BUDGET_COLUMNS.map(([name]) => name).join(',');
  const rows = budget.lines.map((line) => BUDGET_COLUMNS.map(([, field]) => cell(line[field])).join(','));
  return `${[header, ...rows].join('\r\n')}\r\n`;
}
