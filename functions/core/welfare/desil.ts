import { csvRecords } from '../budget/csv.js';
import { canManageRegency } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import { personHash } from '../privacy/person-pseudonym.js';
import { DomainError, type FieldIssue, ForbiddenError, ValidationError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Clock } from '../shared/ports.js';
import { type LocalizedText, text } from '../shared/text.js';

/**
 * The DTSEN ranking (Inpres 4/2025: DTKS, P3KE and Regsosek merged, matched to NIK, ranked in deciles) as a
 * regency imports it: a CSV file `nik,desil`, one row per person, desil 1 (poorest tenth) to 10. The platform
 * keeps it keyed by each NIK's pseudonym (never the NIK) under an import id; a per-regency pointer names the
 * current import, so a re-import replaces the previous one at once and rows of an older import no longer count.
 */

/**
 * At most this many rows per import: one API call carries at most ~6 MB (Lambda's payload limit) and writes
 * its rows within the function's time limit (100 per transaction). 60,000 rows (~1.1 MB) covers the demo
 * and a few sub-districts; a whole regency's DTSEN file (Banyuwangi: ~1.7 million people, ~32 MB) needs an
 * upload to S3 and a background import, which is not built.
 */
export const MAX_DESIL_ROWS = 60_000;

/** At most this many bytes per import: 60,000 rows with a header take ~1.1 MB; Lambda's limit is ~6 MB. */
export const MAX_DESIL_BYTES = 2 * 1024 * 1024;

/** At most this many row problems are told in one answer. */
const MAX_ISSUES = 50;

export interface DesilEntry {
  /** personHash(NIK): the only way a person appears in the stored ranking. */
  readonly person: string;
  readonly desil: number;
}

export interface DesilImport {
  readonly regencyCode: string;
  readonly importId: string;
  readonly rows: number;
  readonly importedAt: string;
  readonly importedBy: string;
}

export interface DesilStore {
  /** Writes the import's rows, then makes it the regency's current import (the previous one stops counting). */
  replace(entry: DesilImport, rows: readonly DesilEntry[]): Promise<void>;
  /** The person's desil in the regency's current import; undefined when there is none or they are not in it. */
  desilOf(regencyCode: string, person: string): Promise<number | undefined>;
  current(regencyCode: string): Promise<DesilImport | undefined>;
  /**
   * The desil of each of these people in the regency's current import (absent: not ranked); undefined when
   * the regency has no import. One read of the pointer for all of them.
   */
  desilsOf(regencyCode: string, persons: readonly string[]): Promise<Map<string, number> | undefined>;
}

export interface DesilDeps {
  readonly desil: DesilStore;
  readonly clock: Clock;
  /** Whether the population register knows this NIK as a resident of a village of the regency. */
  readonly residentOf: (nik: string, regencyCode: string) => boolean;
}

interface DesilRow {
  /** The row's line in the file (the header is row 1). */
  readonly line: number;
  readonly nik: string;
  readonly desil: number;
}

const COLUMNS = ['nik', 'desil'] as const;

const rowIssue = (line: number, column: string, id: string, en: string): FieldIssue => ({
  field: `row ${line}, column ${column}`,
  message: text(`baris ${line}, kolom ${column}: ${id}`, `row ${line}, column ${column}: ${en}`),
});

function refuse(issues: readonly FieldIssue[]): never {
  const [first] = issues;
  const more = issues.length - 1;
  throw new ValidationError(
    text(
      `Berkas desil tidak diterima, tidak ada yang disimpan. ${first?.message.id ?? ''}${more > 0 ? ` (dan ${more} masalah lain)` : ''}`,
      `Desil file refused, nothing was saved. ${first?.message.en ?? ''}${more > 0 ? ` (and ${more} more)` : ''}`,
    ),
    issues.slice(0, MAX_ISSUES),
  );
}

/**
 * The file's rows, checked whole: a header naming `nik` and `desil` (any order, comma or semicolon), each
 * NIK 16 digits and listed once, each desil a whole number 1–10. Problems name the row (the header is row 1)
 * and the column, never the NIK itself (answers and logs must not carry one).
 */
export function parseDesilCsv(source: string): DesilRow[] {
  const firstLine = source.slice(0, source.search(/\r|\n|$/));
  const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const [header = [], ...records] = csvRecords(source, separator);
  const columns = header.map((name) => name.trim().toLowerCase());
  const missing = COLUMNS.filter((name) => !columns.includes(name));
  const unknown = columns.filter((name) => !(COLUMNS as readonly string[]).includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    refuse([
      ...missing.map((name) => rowIssue(1, name, 'tidak ada', 'missing')),
      ...unknown.map((name) => rowIssue(1, name || '(kosong)', 'tidak dikenal', 'unknown')),
    ]);
  }
  const nikAt = columns.indexOf('nik');
  const desilAt = columns.indexOf('desil');
  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  const rows: DesilRow[] = [];
  records.forEach((record, index) => {
    if (record.every((cell) => cell.trim() === '')) return;
    const line = index + 2;
    const nik = (record[nikAt] ?? '').trim();
    const desilText = (record[desilAt] ?? '').trim();
    if (!/^\d{16}$/.test(nik)) issues.push(rowIssue(line, 'nik', 'bukan 16 angka', 'not 16 digits'));
    else if (seen.has(nik)) {
      issues.push(
        rowIssue(line, 'nik', `sudah ada di baris ${seen.get(nik)}`, `already in row ${seen.get(nik)}`),
      );
    } else seen.set(nik, line);
    if (!/^(?:[1-9]|10)$/.test(desilText)) {
      issues.push(rowIssue(line, 'desil', 'harus bilangan bulat 1–10', 'must be a whole number 1–10'));
    }
    rows.push({ line, nik, desil: Number(desilText) });
  });
  if (rows.length === 0) refuse([rowIssue(2, 'nik', 'berkas tanpa baris data', 'the file has no data rows')]);
  if (rows.length > MAX_DESIL_ROWS) {
    refuse([
      rowIssue(
        MAX_DESIL_ROWS + 2,
        'nik',
        `lebih dari ${MAX_DESIL_ROWS} baris dalam satu impor`,
        `more than ${MAX_DESIL_ROWS} rows in one import`,
      ),
    ]);
  }
  if (issues.length > 0) refuse(issues);
  return rows;
}

/**
 * PUT /v1/regencies/{regencyCode}/desil: the regency admin replaces the regency's desil ranking. Every NIK must
 * be a resident of one of the regency's villages in the population register; any bad row refuses the whole
 * file and nothing is written.
 */
export async function importDesil(
  deps: DesilDeps,
  actor: Actor,
  regencyCode: string,
  file: Uint8Array,
): Promise<DesilImport> {
  if (!canManageRegency(actor, regencyCode)) {
    throw new ForbiddenError(
      text(`Anda bukan admin kabupaten ${regencyCode}.`, `You are not the regency admin of ${regencyCode}.`),
    );
  }
  if (file.length > MAX_DESIL_BYTES) {
    throw new DomainError(
      413,
      'PAYLOAD_TOO_LARGE',
      text(
        `Berkas desil lebih dari ${MAX_DESIL_BYTES / 1024 / 1024} MB; bagi per kecamatan.`,
        `The desil file is over ${MAX_DESIL_BYTES / 1024 / 1024} MB; split it by sub-district.`,
      ),
    );
  }
  const rows = parseDesilCsv(new TextDecoder().decode(file));
  const unknown = rows.flatMap((row) =>
    deps.residentOf(row.nik, regencyCode)
      ? []
      : [
          rowIssue(
            row.line,
            'nik',
            'tidak terdaftar sebagai penduduk kabupaten ini',
            'not a resident of this regency in the population register',
          ),
        ],
  );
  if (unknown.length > 0) refuse(unknown);
  const now = deps.clock.now();
  const entry: DesilImport = {
    regencyCode,
    importId: newId(now),
    rows: rows.length,
    importedAt: now.toISOString(),
    importedBy: actor.subject,
  };
  await deps.desil.replace(
    entry,
    rows.map((row) => ({ person: personHash(row.nik), desil: row.desil })),
  );
  return entry;
}

/**
 * What a returned SPM says when the household is not in the programme's deciles: the same text whether the
 * household ranks just above the line, far above it, or is not in the ranking at all, so the applicant never
 * learns their desil (no number in it).
 */
export const DESIL_REASON: LocalizedText = text(
  'Rumah tangga tidak termasuk kelompok sasaran Data Tunggal Sosial dan Ekonomi Nasional (DTSEN) untuk SPM; bila keadaan berubah, minta pendataan ulang kepada tim kemiskinan desa.',
  'The household is not in the target group of the national social and economic data (DTSEN) for the SPM; if circumstances changed, ask the village poverty team for a new survey.',
);

/** Whether a desil (undefined: not in the ranking) is within a programme's deciles 1…maxDesil. */
export const withinDesil = (desil: number | undefined, maxDesil: number): boolean =>
  desil !== undefined && desil >= 1 && desil <= maxDesil;
