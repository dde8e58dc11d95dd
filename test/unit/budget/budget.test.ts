import { describe, expect, it } from 'vitest';
import { DEMO_BUDGETS } from '../../../config/demo-budgets.js';
import {
  type BudgetLine,
  budgetRowsFromJson,
  parseBudgetRows,
} from '../../../functions/core/budget/budget.js';
import { budgetRowsFromCsv, budgetToCsv } from '../../../functions/core/budget/csv.js';
import { parseRealisation, type SemesterRealisation } from '../../../functions/core/budget/realisation.js';
import { ACTIVITIES, SUB_BIDANG } from '../../../functions/core/budget/reference.js';
import { budgetSummary } from '../../../functions/core/budget/summary.js';
import { ValidationError } from '../../../functions/core/shared/errors.js';

const HEADER = 'kode_rekening,kode_kegiatan,uraian,sumber_dana,pelaksana,anggaran';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const fromCsv = (...rows: string[]) => parseBudgetRows(budgetRowsFromCsv(csv(...rows)));

/** The refusal `act` throws, with its issues' fields and messages. */
function refusal(act: () => unknown): ValidationError {
  try {
    act();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

const BALANCED = [
  '4.2.1,,Dana Desa,,,1000000000',
  '4.2.3,,,,,500000000',
  '6.1.1,,SiLPA 2025,,,40000000',
  '6.2.2,,Penyertaan modal,,,20000000',
  '5.1,01.01.01,,ADD,Kaur Keuangan,300000000',
  '5.3,02.03.10,"Jalan Dusun Krajan, 600 m",DDS,Kasi Pembangunan,700000000',
  '5.2,02.03.10,Perencanaan jalan,dds,Kasi Pembangunan,20000000',
  '5.4,05.03.01,,DDS,Kasi Kesejahteraan,100000000',
];

describe('the reference list (Permendagri 20/2018)', () => {
  it('holds 239 kegiatan, each BB.SS.KK under a known sub-bidang', () => {
    expect(ACTIVITIES.size).toBe(239);
    for (const code of ACTIVITIES.keys()) {
      expect(code).toMatch(/^0[1-5]\.\d{2}\.\d{2}$/);
      expect(SUB_BIDANG[code.slice(0, 5)], code).toBeDefined();
    }
  });
});

describe('budget rows', () => {
  it('reads the CSV template: sections by code, names from the reference list, quoted cells', () => {
    const lines = fromCsv(...BALANCED);
    expect(lines).toHaveLength(BALANCED.length);
    expect(lines[1]).toEqual({ code: '4.2.3', description: 'Alokasi Dana Desa', amount: 500_000_000 });
    expect(lines[4]).toMatchObject({
      code: '5.1',
      activity: '01.01.01',
      description: 'Penyediaan Penghasilan Tetap dan Tunjangan Kepala Desa',
      source: 'ADD',
      implementer: 'Kaur Keuangan',
    });
    expect(lines[5]?.description).toBe('Jalan Dusun Krajan, 600 m');
    expect(lines[6]?.source).toBe('DDS');
  });

  it('reads semicolon-separated files and a byte-order mark, and skips blank rows', () => {
    const source = `\uFEFF${HEADER.replaceAll(',', ';')}\r\n4.2.1;;;;;100\r\n;;;;;\r\n5.2;01.01.04;;DDS;Sekdes;100\r\n`;
    expect(parseBudgetRows(budgetRowsFromCsv(source)).map((line) => line.amount)).toEqual([100, 100]);
  });

  it('names the row and column of every bad cell, in Indonesian and English', () => {
    const error = refusal(() =>
      fromCsv(
        '4.2.1,,,,,1000',
        '4.9.9,,,,,10', // row 3: unknown account
        '5.2,09.09.09,,DDS,Kasi,10', // row 4: unknown kegiatan
        '5.2,01.01.04,,XYZ,Kasi,10', // row 5: unknown source
        '5.2,01.01.04,,DDS,Kasi,1.500', // row 6: not whole rupiah
        '5.2,01.01.04,,DDS,Kasi,-5', // row 7: negative
        '5.2,01.01.04,,DDS,,5', // row 8: no implementer
        '4.2.3,01.01.04,,,,5', // row 9: kegiatan on an income row
      ),
    );
    expect(error.status).toBe(400);
    expect(error.issues.map((issue) => issue.field)).toEqual([
      'row 3, column kode_rekening',
      'row 4, column kode_kegiatan',
      'row 5, column sumber_dana',
      'row 6, column anggaran',
      'row 7, column anggaran',
      'row 8, column pelaksana',
      'row 9, column kode_kegiatan',
    ]);
    expect(error.messages.id).toContain('baris 3, kolom kode_rekening: kode rekening tidak dikenal');
    expect(error.messages.en).toContain('row 3, column kode_rekening: unknown account code');
    expect(error.issues[3]?.message.id).toContain('baris 6, kolom anggaran');
  });

  it('refuses unknown or missing columns, naming them', () => {
    const error = refusal(() => budgetRowsFromCsv('kode_rekening,jumlah\n4.2.1,10'));
    expect(error.issues.map((issue) => issue.field)).toEqual([
      'row 1, column jumlah',
      'row 1, column anggaran',
    ]);
  });

  it('names JSON lines by index, and refuses fields the template does not know', () => {
    const bad = refusal(() =>
      parseBudgetRows(
        budgetRowsFromJson([
          { code: '4.2.1', amount: 1.5 },
          { code: '4.2.3', amount: '100' },
        ]),
      ),
    );
    expect(bad.issues.map((issue) => issue.field)).toEqual(['lines[0].amount', 'lines[1].amount']);
    const unknown = refusal(() => budgetRowsFromJson([{ code: '4.2.1', amount: 1, total: 2 }]));
    expect(unknown.issues.map((issue) => issue.field)).toEqual(['lines[0].total']);
  });
});

describe('balance', () => {
  it('accepts spending up to income plus net financing (SiLPA carried as 6.1.1)', () => {
    // Income 1,500 m + SiLPA 40 m − capital 20 m = 1,520 m available; spending 1,120 m.
    expect(() => fromCsv(...BALANCED, '5.2,01.01.04,,DDS,Sekdes,400000000')).not.toThrow(); // exactly 1,520 m
  });

  it('refuses a budget whose spending exceeds it by one rupiah, saying by how much', () => {
    const error = refusal(() => fromCsv(...BALANCED, '5.2,01.01.04,,DDS,Sekdes,400000001'));
    expect(error.issues[0]?.field).toBe('budget');
    expect(error.messages.id).toContain('tidak seimbang');
    expect(error.messages.en).toContain('short by Rp 1');
  });

  it('refuses an empty budget', () => {
    expect(refusal(() => fromCsv()).issues[0]?.field).toBe('budget');
  });
});

describe('CSV download', () => {
  it('imports again to the same lines, and never starts a cell with a formula character', () => {
    const lines = fromCsv(...BALANCED, '4.1.1,,=HYPERLINK("x"),,,1');
    const written = budgetToCsv({ lines });
    expect(written).toContain(`"'=HYPERLINK(""x"")"`);
    const again = parseBudgetRows(budgetRowsFromCsv(written));
    expect(again.map(({ description: _d, ...line }) => line)).toEqual(
      lines.map(({ description: _d, ...line }) => line),
    );
    expect(again.slice(0, -1)).toEqual(lines.slice(0, -1));
  });
});

const total = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0);

describe('realisation and the summary', () => {
  const lines: BudgetLine[] = fromCsv(...BALANCED);
  const semester1: SemesterRealisation = {
    semester: 1,
    version: 1,
    recordedAt: '2026-07-01T00:00:00Z',
    activities: parseRealisation(
      { lines },
      [
        { activity: '01.01.01', amount: 150_000_000, progress: 'berjalan' },
        { activity: '02.03.10', amount: 360_000_000, progress: 'berjalan' },
      ],
      undefined,
    ),
  };

  it('keeps both semesters within each kegiatan budget and refuses unknown or repeated kegiatan', () => {
    const error = refusal(() =>
      parseRealisation(
        { lines },
        [
          { activity: '01.01.01', amount: 150_000_001, progress: 'selesai' }, // 300 m budget, 150 m already
          { activity: '04.02.03', amount: 1, progress: 'berjalan' }, // not in this budget
          { activity: '02.03.10', amount: '12', progress: 'berjalan' },
          { activity: '02.03.10', amount: 1, progress: 'berjalan' },
        ],
        semester1,
      ),
    );
    expect(error.issues.map((issue) => issue.field)).toEqual([
      'activities[0].amount',
      'activities[1].activity',
      'activities[2].amount',
      'activities[3].activity',
    ]);
  });

  it('sums every figure from the lines: income, spending per bidang and type, financing, realisation', () => {
    const summary = budgetSummary({ lines, realisation: [semester1] });
    expect(summary.income.total).toBe(
      total(lines.filter((l) => l.code.startsWith('4')).map((l) => l.amount)),
    );
    expect(summary.income.total).toBe(total(summary.income.byGroup.map((group) => group.amount)));
    const spending = total(lines.filter((l) => l.code.startsWith('5')).map((l) => l.amount));
    expect(summary.spending.total).toBe(spending);
    expect(total(summary.spending.byBidang.map((b) => b.budget))).toBe(spending);
    expect(total(summary.spending.byType.map((t) => t.amount))).toBe(spending);
    expect(summary.financing).toEqual({ receipts: 40_000_000, expenditure: 20_000_000, net: 20_000_000 });
    expect(summary.surplus).toBe(summary.income.total + summary.financing.net - spending);
    expect(summary.spending.byBidang.map((b) => [b.code, b.budget, b.realised, b.percent])).toEqual([
      ['01', 300_000_000, 150_000_000, 50],
      ['02', 720_000_000, 360_000_000, 50],
      ['05', 100_000_000, 0, 0],
    ]);
    expect(summary.realisation).toEqual({ total: 510_000_000, percent: 45.5 });
  });

  it('accepts the demo budgets (they are imported by npm start through the same rules)', () => {
    for (const demo of DEMO_BUDGETS) {
      const demoLines = parseBudgetRows(budgetRowsFromCsv(demo.csv));
      expect(() => parseRealisation({ lines: demoLines }, demo.semester1, undefined)).not.toThrow();
    }
  });
});
