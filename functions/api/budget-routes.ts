import * as z from 'zod/mini';
import { PROGRESS } from '../core/budget/progress.js';
import { BUDGET_KEEPERS } from '../core/identity/policy.js';
import { type RouteDefinition, TABLE_NEEDS, type TableNeed } from './route-types.js';
import { errorAnswer, villageCode } from './schemas.js';

/**
 * `const x = pure(() => …)`: a declaration a bundle leaves out when the handler does not use it (esbuild
 * honours the annotation within its own file only, hence this helper in each route and schema module). When
 * used, it is built at once, as a plain declaration would be.
 */
/* @__NO_SIDE_EFFECTS__ */
function pure<T>(build: () => T): T {
  return build();
}

/**
 * The village budget (APBDes, issue 12 item 2): staff enter or import it and record realisation per semester;
 * anyone reads it, downloads it as CSV and reads the art. 72 semester report (JSON or PDF).
 */

const year = pure(() => z.string().check(z.regex(/^\d{4}$/, 'a year such as 2026')));
const budgetParams = pure(() => z.strictObject({ code: villageCode, year }));
const reportParams = pure(() => z.strictObject({ code: villageCode, year, semester: z.enum(['1', '2']) }));

/** A budget year (BUDGET#<village>#<year>): its versions and realisation, one Query. */
const READ_YEAR = { table: ['Query'], partitions: ['BUDGET#'] } as const satisfies TableNeed;
/** The village (letterhead, default complaint address). */
const READ_VILLAGE = { table: ['GetItem'], partitions: ['VILLAGE#'] } as const satisfies TableNeed;
/** A version or a semester's realisation with its audit entry, in one transaction. */
const WRITE_YEAR = { table: ['PutItem'], partitions: ['BUDGET#'] } as const satisfies TableNeed;

const loose = pure(() => z.record(z.string(), z.unknown()));

export const putBudget = pure(
  () =>
    ({
      id: 'putBudget',
      method: 'PUT',
      path: '/v1/villages/{code}/budgets/{year}',
      access: BUDGET_KEEPERS,
      rows: 'village-budget',
      entry: 'functions/api/put-budget.ts',
      summary:
        "Enters or imports a village's budget for a year: JSON ({ lines, complaintAddress? }) or the CSV template (README). Replaces the draft; once a version is adopted, the next one (APBDes Perubahan) starts as a draft. Checked whole: known codes, whole rupiah, balanced; any bad row is a 400 naming row and column, nothing written.",
      tags: ['budget'],
      needs: [READ_VILLAGE, READ_YEAR, WRITE_YEAR],
      params: budgetParams,
      rawBody: {
        contentTypes: ['application/json', 'text/csv'],
        description:
          'JSON { lines: [{ code, activity?, description?, source?, implementer?, amount }], complaintAddress? } or CSV with the columns kode_rekening, kode_kegiatan, uraian, sumber_dana, pelaksana, anggaran',
      },
      responses: {
        200: { description: 'The draft version was replaced', schema: loose },
        201: { description: 'A new version was created (draft)', schema: loose },
        400: errorAnswer('A bad row (named by row and column), an unbalanced budget, a bad year'),
        403: errorAnswer('Not staff of this village'),
        404: errorAnswer('Unknown village'),
        409: errorAnswer('Changed by someone else meanwhile'),
      },
    }) as const satisfies RouteDefinition,
);

export const getBudget = pure(
  () =>
    ({
      id: 'getBudget',
      method: 'GET',
      path: '/v1/villages/{code}/budgets/{year}',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/get-budget.ts',
      summary:
        "A village's budget for a year: the latest version (draft or adopted, with its Peraturan Desa), its lines, every version's status, the semesters' realisation and the summary the website shows.",
      tags: ['budget'],
      needs: [READ_YEAR],
      params: budgetParams,
      responses: {
        200: { description: 'The budget year', schema: loose },
        404: errorAnswer('No budget for that village and year'),
      },
    }) as const satisfies RouteDefinition,
);

export const getBudgetCsv = pure(
  () =>
    ({
      id: 'getBudgetCsv',
      method: 'GET',
      path: '/v1/villages/{code}/budgets/{year}/csv',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/get-budget-csv.ts',
      summary:
        'The latest version of the budget as CSV, in the import template (importing it again gives the same lines).',
      tags: ['budget'],
      needs: [READ_YEAR],
      params: budgetParams,
      responses: {
        200: { description: 'The budget lines', contentType: 'text/csv' },
        404: errorAnswer('No budget for that village and year'),
      },
    }) as const satisfies RouteDefinition,
);

export const putBudgetRealisation = pure(
  () =>
    ({
      id: 'putBudgetRealisation',
      method: 'PUT',
      path: '/v1/villages/{code}/budgets/{year}/realisation/{semester}',
      access: BUDGET_KEEPERS,
      rows: 'village-budget',
      entry: 'functions/api/put-budget-realisation.ts',
      summary:
        "Records one semester's realisation per kegiatan of the adopted budget (amount spent in that semester, progress); recording it again replaces it. Both semesters together stay within each kegiatan's budget. The village's website shows it within minutes (the scheduled site render).",
      tags: ['budget'],
      needs: [
        READ_YEAR,
        WRITE_YEAR,
        // The other semester, still as read (both together stay within each kegiatan's budget).
        { table: ['ConditionCheckItem'], partitions: ['BUDGET#'] },
        // The village's site shows the realisation: marked stale after the write (core/website/stale-sites.ts).
        TABLE_NEEDS.siteStale,
      ],
      params: reportParams,
      body: z.strictObject({
        activities: z.array(
          z.strictObject({
            activity: z.string().check(z.maxLength(20)),
            amount: z.unknown(),
            progress: z.enum(PROGRESS),
            note: z.optional(z.string().check(z.maxLength(500))),
          }),
        ),
      }),
      responses: {
        200: { description: 'Recorded', schema: loose },
        400: errorAnswer('An unknown kegiatan, an amount that is not whole rupiah or beyond the budget'),
        403: errorAnswer('Not staff of this village'),
        404: errorAnswer('No budget for that village and year'),
        409: errorAnswer(
          "The budget is not adopted yet, or the other semester's realisation changed meanwhile",
        ),
      },
    }) as const satisfies RouteDefinition,
);

export const getBudgetReport = pure(
  () =>
    ({
      id: 'getBudgetReport',
      method: 'GET',
      path: '/v1/villages/{code}/budgets/{year}/reports/{semester}',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/get-budget-report.ts',
      summary:
        'The semester report of Permendagri 20/2018 art. 72 as data: realisation per kegiatan, unfinished or cancelled kegiatan, remaining budget, complaint address.',
      tags: ['budget'],
      needs: [READ_VILLAGE, READ_YEAR],
      params: reportParams,
      responses: {
        200: { description: 'The report', schema: loose },
        404: errorAnswer('No budget for that village and year'),
        409: errorAnswer('The budget is not adopted yet'),
      },
    }) as const satisfies RouteDefinition,
);

export const getBudgetReportPdf = pure(
  () =>
    ({
      id: 'getBudgetReportPdf',
      method: 'GET',
      path: '/v1/villages/{code}/budgets/{year}/reports/{semester}/pdf',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/get-budget-report-pdf.ts',
      summary: 'The art. 72 semester report as a PDF, under the village letterhead.',
      tags: ['budget'],
      needs: [READ_VILLAGE, READ_YEAR],
      params: reportParams,
      responses: {
        200: { description: 'The report', contentType: 'application/pdf' },
        404: errorAnswer('No budget for that village and year'),
        409: errorAnswer('The budget is not adopted yet'),
      },
    }) as const satisfies RouteDefinition,
);

/** Appended to ROUTES. */
export const BUDGET_ROUTES: readonly RouteDefinition[] = pure(() => [
  putBudget,
  getBudget,
  getBudgetCsv,
  putBudgetRealisation,
  getBudgetReport,
  getBudgetReportPdf,
]);
