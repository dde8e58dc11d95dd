import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoBudgetStore } from '../../functions/adapters/dynamo-budgets.js';
import { systemClock } from '../../functions/adapters/env.js';
import type { Budget, BudgetLine } from '../../functions/core/budget/budget.js';
import { parseBudgetRows } from '../../functions/core/budget/budget.js';
import { adoptBudget, type BudgetYearView } from '../../functions/core/budget/budgets.js';
import { budgetRowsFromCsv } from '../../functions/core/budget/csv.js';
import type { BudgetReport } from '../../functions/core/budget/report.js';
import type { AuditEntry } from '../../functions/core/privacy/audit.js';
import { ConflictError } from '../../functions/core/shared/errors.js';
import { heavyTestFile } from '../support/budgets.js';
import { TAMPO } from '../support/fixtures.js';
import { readPdf } from '../support/pdf-reader.js';
import { ApiClient, expectNothingWritten, signInAll, startTestRuntime } from '../support/runtime.js';

heavyTestFile();

/**
 * The village budget end to end (issue 12, item 2) on the local runtime: the secretary imports the CSV
 * template, anyone reads it (JSON, CSV), the Perdes adopts it (adoptBudget, as the legal chain will), the
 * operator records both semesters, and the art. 72 report (JSON and PDF) adds up to the lines.
 */
type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type ErrorBody = {
  error: { code: string; message: { id: string; en: string }; issues?: { field: string }[] };
};

const YEAR = 2027; // not a demo year: the runtime seeds 2026
const BASE = `/v1/villages/${TAMPO}/budgets/${YEAR}`;
const TEMPLATE = `kode_rekening,kode_kegiatan,uraian,sumber_dana,pelaksana,anggaran
4.1.2,,Sewa Tanah Kas Desa,,,12000000
4.2.1,,Dana Desa,,,980000000
4.2.3,,Alokasi Dana Desa,,,610000000
6.1.1,,SiLPA 2026,,,48000000
6.2.2,,Penyertaan Modal BUM Desa,,,40000000
5.1,01.01.01,,ADD,Kaur Keuangan,190000000
5.1,01.01.02,,ADD,Kaur Keuangan,320000000
5.2,01.04.08,"Website desa, surat daring",PAD,Kasi Pemerintahan,12000000
5.3,02.03.10,Pengaspalan jalan Dusun Krajan,DDS,Kasi Pembangunan,450000000
5.2,02.03.10,Perencanaan dan pengawasan jalan,DDS,Kasi Pembangunan,25000000
5.2,02.02.02,,DDS,Kasi Kesejahteraan,80000000
5.3,04.06.90,Kios BUM Desa,DDS,Kaur Perencanaan,90000000
5.4,05.03.01,BLT Dana Desa,DDS,Kasi Kesejahteraan,120000000
`;
const csvHeaders = { 'content-type': 'text/csv' };
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const amountOf = (lines: readonly BudgetLine[], prefix: string) =>
  sum(lines.filter((line) => line.code.startsWith(prefix)).map((line) => line.amount));

let runtime: Runtime;
let secretary: ApiClient;
let operator: ApiClient;
let anonymous: ApiClient;
let store: DynamoBudgetStore;

beforeAll(async () => {
  runtime = await startTestRuntime();
  [secretary, operator] = await signInAll(runtime, ['sekdes.tampo', 'operator.tampo'] as const);
  anonymous = new ApiClient(runtime.url);
  store = new DynamoBudgetStore(runtime.env.TABLE_NAME ?? '');
});
afterAll(() => runtime?.cleanup());

const putCsv = (client: ApiClient, csv: string) => client.send<ErrorBody>('PUT', BASE, csv, csvHeaders);
const realise = (semester: 1 | 2, activities: unknown[]) =>
  operator.send<ErrorBody>('PUT', `${BASE}/realisation/${semester}`, JSON.stringify({ activities }));

describe('the village budget', () => {
  it('refuses bad imports with the row and column named, and writes nothing', async () => {
    const cases: [string, string, string][] = [
      ['an unknown account code', TEMPLATE.replace('4.1.2,', '4.1.7,'), 'row 2, column kode_rekening'],
      ['an unknown kegiatan', TEMPLATE.replace('01.01.02', '01.01.42'), 'row 8, column kode_kegiatan'],
      ['a non-numeric amount', TEMPLATE.replace('320000000', '320 juta'), 'row 8, column anggaran'],
      ['an unbalanced budget', TEMPLATE.replace('120000000', '500000000'), 'budget'],
    ];
    for (const [what, csv, field] of cases) {
      await expectNothingWritten(runtime, async () => {
        const response = await putCsv(secretary, csv);
        expect(response.status, what).toBe(400);
        expect(
          response.body.error.issues?.map((issue) => issue.field),
          what,
        ).toContain(field);
        expect(response.body.error.message.id, what).toMatch(/tidak (diterima|seimbang)/);
        expect(response.body.error.message.en, what).toContain('nothing was saved');
      });
    }
    expect((await anonymous.get(BASE)).status).toBe(404);
  });

  it('imports the CSV template as a draft that anyone reads, as JSON and as CSV, adding up to its lines', async () => {
    const imported = await putCsv(secretary, TEMPLATE);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ version: 1, status: 'draft', year: YEAR });

    const { status, body } = await anonymous.get<BudgetYearView>(BASE);
    expect(status).toBe(200);
    const { lines } = body.budget;
    expect(lines).toEqual(parseBudgetRows(budgetRowsFromCsv(TEMPLATE)));
    expect(body.budget).toMatchObject({ status: 'draft', versionName: 'APBDes' });
    expect(body.summary.income.total).toBe(amountOf(lines, '4'));
    expect(body.summary.spending.total).toBe(amountOf(lines, '5'));
    expect(sum(body.summary.spending.byBidang.map((bidang) => bidang.budget))).toBe(amountOf(lines, '5'));
    expect(body.summary.financing.net).toBe(amountOf(lines, '6.1') - amountOf(lines, '6.2'));

    const download = await anonymous.get(`${BASE}/csv`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('text/csv');
    expect(download.headers.get('content-disposition')).toContain(`apbdes-${TAMPO}-${YEAR}-v1.csv`);
    const again = parseBudgetRows(budgetRowsFromCsv(new TextDecoder().decode(download.bytes)));
    expect(again).toEqual(lines);
  });

  it('takes no realisation before the Perdes adopts the budget; adoptBudget marks it adopted, once', async () => {
    await expectNothingWritten(runtime, async () => {
      const early = await realise(1, [{ activity: '01.01.01', amount: 1, progress: 'berjalan' }]);
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('BUDGET_NOT_ADOPTED');
    });
    const deps = { budgets: store, clock: systemClock };
    const adopted = await adoptBudget(deps, TAMPO, YEAR, 1, 'perdes-apbdes-2027');
    expect(adopted).toMatchObject({ status: 'adopted', legalProductId: 'perdes-apbdes-2027' });
    // The same regulation again changes nothing; another regulation, or a version that does not exist, is refused.
    await expect(adoptBudget(deps, TAMPO, YEAR, 1, 'perdes-apbdes-2027')).resolves.toMatchObject({
      adoptedAt: adopted.adoptedAt,
    });
    await expect(adoptBudget(deps, TAMPO, YEAR, 1, 'another-perdes')).rejects.toBeInstanceOf(ConflictError);
    await expect(adoptBudget(deps, TAMPO, YEAR, 2, 'another-perdes')).rejects.toThrow(/no budget/);

    const { body } = await anonymous.get<BudgetYearView>(BASE);
    expect(body.budget).toMatchObject({ status: 'adopted', legalProductId: 'perdes-apbdes-2027' });
  });

  it('records both semesters, refusing more than a kegiatan budget, and publishes the art. 72 report', async () => {
    const semester1 = await realise(1, [
      { activity: '01.01.01', amount: 95_000_000, progress: 'berjalan' },
      { activity: '01.01.02', amount: 160_000_000, progress: 'berjalan' },
      { activity: '02.03.10', amount: 200_000_000, progress: 'berjalan' },
      { activity: '05.03.01', amount: 60_000_000, progress: 'berjalan' },
    ]);
    expect(semester1.status).toBe(200);
    await expectNothingWritten(runtime, async () => {
      // 01.01.01 has Rp 190,000,000; Rp 95,000,000 went in semester 1.
      const over = await realise(2, [{ activity: '01.01.01', amount: 95_000_001, progress: 'selesai' }]);
      expect(over.status).toBe(400);
      expect(over.body.error.issues?.map((issue) => issue.field)).toEqual(['activities[0].amount']);
    });
    const semester2 = await realise(2, [
      { activity: '01.01.01', amount: 95_000_000, progress: 'selesai' },
      { activity: '01.01.02', amount: 160_000_000, progress: 'selesai' },
      { activity: '01.04.08', amount: 12_000_000, progress: 'selesai' },
      { activity: '02.03.10', amount: 262_500_000, progress: 'selesai' },
      { activity: '02.02.02', amount: 40_000_000, progress: 'berjalan' },
      { activity: '04.06.90', amount: 0, progress: 'batal', note: 'Lahan tidak tersedia' },
      { activity: '05.03.01', amount: 60_000_000, progress: 'selesai' },
    ]);
    expect(semester2.status).toBe(200);

    const { body: year } = await anonymous.get<BudgetYearView>(BASE);
    const lines = year.budget.lines;
    const realised = sum(year.realisation.flatMap((entry) => entry.activities.map((a) => a.amount)));
    expect(year.summary.realisation.total).toBe(realised);
    expect(sum(year.summary.spending.byBidang.map((bidang) => bidang.realised))).toBe(realised);

    const { status, body: report } = await anonymous.get<BudgetReport>(`${BASE}/reports/2`);
    expect(status).toBe(200);
    expect(report.totals.budget).toBe(amountOf(lines, '5'));
    expect(report.totals.realised).toBe(realised);
    expect(report.totals.remaining).toBe(amountOf(lines, '5') - realised);
    expect(sum(report.activities.map((a) => a.budget))).toBe(report.totals.budget);
    const road = report.activities.find((a) => a.activity === '02.03.10');
    expect(road).toMatchObject({
      budget: 475_000_000,
      realised: 462_500_000,
      remaining: 12_500_000,
      progress: 'selesai',
    });
    expect(road?.implementers).toEqual(['Kasi Pembangunan']);
    expect(report.unfinished.map((a) => [a.activity, a.progress])).toEqual([
      ['02.02.02', 'berjalan'],
      ['04.06.90', 'batal'],
    ]);
    expect(report.complaintAddress).toBeTruthy();
    // Semester 1's report counts semester 1 only.
    const { body: first } = await anonymous.get<BudgetReport>(`${BASE}/reports/1`);
    expect(first.totals.realised).toBe(515_000_000);

    const pdf = await anonymous.get(`${BASE}/reports/2/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const read = await readPdf(pdf.bytes ?? new Uint8Array());
    const printed = read.pages.map((page) => page.text).join('\n');
    expect(printed).toContain('LAPORAN REALISASI PELAKSANAAN APBDes');
    expect(printed).toContain('Semester II Tahun Anggaran 2027');
    for (const entry of report.activities) expect(printed).toContain(entry.activity);
    const rupiah = (amount: number) => amount.toLocaleString('id-ID');
    expect(printed).toContain(rupiah(report.totals.budget));
    expect(printed).toContain(rupiah(report.totals.realised));
    expect(printed).toContain(rupiah(report.totals.remaining));
    expect(printed).toContain('Kegiatan yang belum selesai atau batal');
  });

  it('writes a semester only while the other is as it was read, so two semesters sent at once cannot overspend', async () => {
    const { realisation } = await store.year(TAMPO, YEAR);
    const [first, second] = [1, 2].map((semester) =>
      realisation.find((entry) => entry.semester === semester),
    );
    if (!first || !second) throw new Error('both semesters are recorded by the test before');
    const audit = (): AuditEntry => ({
      id: randomUUID(),
      at: new Date().toISOString(),
      action: 'budget.realisation',
      target: { kind: 'budget', id: `${TAMPO}#${YEAR}` },
      actor: { subject: 'test', name: 'Uji', roles: ['operator'], areas: [TAMPO] },
    });
    const changed = { ...second, recordedAt: new Date().toISOString() };
    await expectNothingWritten(runtime, async () => {
      // Semester 1 read before semester 2 was recorded (nothing then), or at another moment: refused.
      expect(await store.putRealisation(TAMPO, YEAR, changed, audit(), undefined)).toBe(false);
      expect(await store.putRealisation(TAMPO, YEAR, changed, audit(), '2000-01-01T00:00:00.000Z')).toBe(
        false,
      );
    });
    expect(await store.putRealisation(TAMPO, YEAR, changed, audit(), first.recordedAt)).toBe(true);
  });

  it('starts the APBDes Perubahan as a new draft once the APBDes is adopted', async () => {
    const changed = await putCsv(secretary, TEMPLATE.replace('12000000\n5.3', '15000000\n5.3'));
    expect(changed.status).toBe(201);
    const { body } = await anonymous.get<BudgetYearView>(BASE);
    expect(body.budget).toMatchObject({ version: 2, versionName: 'APBDes Perubahan', status: 'draft' });
    expect(body.versions.map((v: Pick<Budget, 'version' | 'status'>) => [v.version, v.status])).toEqual([
      [1, 'adopted'],
      [2, 'draft'],
    ]);
    // The report stays on the adopted version until the Perubahan is adopted.
    expect((await anonymous.get<BudgetReport>(`${BASE}/reports/2`)).body.version).toBe(1);
  });

  it('serves the demo budgets npm start seeds: adopted, with semester 1 realisation', async () => {
    const { status, body } = await anonymous.get<BudgetYearView>(`/v1/villages/${TAMPO}/budgets/2026`);
    expect(status).toBe(200);
    expect(body.budget.status).toBe('adopted');
    expect(body.realisation.map((entry) => entry.semester)).toEqual([1]);
  });
});
