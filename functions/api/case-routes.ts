import * as z from 'zod/mini';
import { CASE_REPORTERS } from '../core/cases/cases.js';
import { CASE_DASHBOARD_READERS } from '../core/cases/statistics.js';
import { CASE_KINDS } from '../core/catalog/services/welfare-cases.js';
import { FIELD_ROLES, STAFF_ROLES } from '../core/identity/roles.js';
import { safeText } from '../core/shared/text-schema.js';
import { regencyParams } from './legal-schemas.js';
import { type RouteDefinition, SIGNALLED_CHANGE, SUBMISSION_NEEDS, TABLE_NEEDS } from './route-types.js';
import { decisionBody, errorAnswer, requestIdParams, requestView, villageCode } from './schemas.js';
import { schoolDropoutYears } from './schooling-routes.js';

/* @__NO_SIDE_EFFECTS__ */
function pure<T>(build: () => T): T {
  return build();
}

/**
 * Cases to the UPT penanganan kemiskinan (issue 13, item 2): a case is a request of its kind's office service
 * (catalog/services/welfare-cases.ts) run by the generic approval workflow, so its stages also wait in the
 * staff's task inbox and may be decided through POST /v1/requests/{id}/decisions; these routes report it, read
 * it and decide it as a case. Listed in ROUTES (routes.ts).
 */

export const caseReportBody = pure(() =>
  z
    .strictObject({
      kind: z.enum(CASE_KINDS),
      villageCode,
      summary: safeText({ min: 10, max: 2000, multiline: true }),
      surveyId: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
      child: z.optional(z.strictObject({ nik: z.string().check(z.maxLength(16)) })),
      reason: z.optional(z.enum(['biaya', 'bekerja', 'jarak', 'menikah', 'disabilitas', 'lainnya'])),
    })
    .check(z.meta({ id: 'CaseReport' })),
);

const caseView = pure(() => z.object({ ...requestView.shape, kind: z.optional(z.enum(CASE_KINDS)) }));

export const reportCase = pure(
  () =>
    ({
      id: 'reportCase',
      method: 'POST',
      path: '/v1/cases',
      access: ['citizen', ...CASE_REPORTERS],
      rows: 'case-report',
      entry: 'functions/api/report-case.ts',
      summary:
        "Report a poor household's problem as a case (health-access, school-dropout, housing, food, disability, other) in a village: its operator, enumerators, teachers and health workers, or a citizen for their own household (linked NIK of the village's sub-district). A school-dropout case names the child by NIK (kept as a keyed pseudonym) aged 7–18. The case runs village verification → UPT → dinas. Repeating the call with the same Idempotency-Key returns the first answer.",
      tags: ['cases'],
      needs: [
        // The household survey it links to (SURVEY#), a citizen's linked NIK (USER#).
        { table: ['GetItem'], partitions: ['SURVEY#', 'USER#'] },
        // The case's entry in its regency's index, for the dashboards (CASE#).
        { table: ['PutItem'], partitions: ['CASE#'] },
        ...SUBMISSION_NEEDS,
      ],
      body: caseReportBody,
      headers: [
        {
          name: 'Idempotency-Key',
          description:
            'A unique key per intended report; retries with the same key and body create nothing new.',
          required: false,
        },
      ],
      responses: {
        201: { description: 'Case reported; it waits for the village to verify it', schema: requestView },
        400: errorAnswer(
          'Invalid report: unknown kind, a survey of another village, a dropout child outside 7–18 (named field)',
        ),
        403: errorAnswer(
          'Not a reporter of this village (or a citizen without a linked NIK of its sub-district)',
        ),
        404: errorAnswer('Unknown village'),
        422: errorAnswer('Idempotency-Key reused with a different body'),
      },
    }) as const satisfies RouteDefinition,
);

export const getCase = pure(
  () =>
    ({
      id: 'getCase',
      method: 'GET',
      path: '/v1/cases/{id}',
      access: ['citizen', ...STAFF_ROLES, ...FIELD_ROLES],
      rows: 'case',
      entry: 'functions/api/get-case.ts',
      summary:
        "One case with its timeline, for those who work on it: its reporter, the village's operator, secretary and head, the sub-district's UPT, the regency's poverty unit and the dinas it was referred to. Every read is audited.",
      tags: ['cases'],
      needs: [TABLE_NEEDS.requestReads, TABLE_NEEDS.auditedRead],
      params: requestIdParams,
      responses: {
        200: { description: 'The case', schema: caseView },
        404: errorAnswer('No such case (or not one you work on)'),
      },
    }) as const satisfies RouteDefinition,
);

export const decideCase = pure(
  () =>
    ({
      id: 'decideCase',
      method: 'POST',
      path: '/v1/cases/{id}/decisions',
      access: STAFF_ROLES,
      rows: 'case-decision',
      entry: 'functions/api/decide-case.ts',
      summary:
        "Decide a case's current stage (as POST /v1/requests/{id}/decisions): the village verifies, the UPT records the dinas it refers to, the dinas records the outcome and attaches evidence. A child back in school needs the school's name (records.schoolName).",
      tags: ['cases'],
      needs: [...SIGNALLED_CHANGE, 'signing:regencies'],
      params: requestIdParams,
      body: decisionBody,
      responses: {
        200: { description: 'Decision recorded', schema: requestView },
        202: {
          description: 'Decision recorded; the workflow continues shortly: do not decide again',
          schema: requestView,
        },
        400: errorAnswer('Invalid decision (a missing record or evidence, named)'),
        403: errorAnswer('Not the role, agency or area of the current stage'),
        404: errorAnswer('No such case (or not one you work on)'),
        409: errorAnswer('The case is not waiting for this decision'),
      },
    }) as const satisfies RouteDefinition,
);

const caseStatistics = pure(() =>
  z.object({
    area: z.string(),
    at: z.string(),
    cases: z.number(),
    kinds: z.array(
      z.object({
        kind: z.enum(CASE_KINDS),
        open: z.object({ total: z.number(), byAge: z.record(z.string(), z.number()) }),
        resolved: z.object({
          total: z.number(),
          medianHours: z.optional(z.number()),
          targetHours: z.number(),
          withinTarget: z.number(),
        }),
        closedUnresolved: z.number(),
      }),
    ),
    schoolDropouts: schoolDropoutYears,
  }),
);

/** Reads for a dashboard: the regency's case index (CASE#), then each case (REQ#). */
const STATISTICS_NEEDS = [
  { table: ['Query'], partitions: ['CASE#'] },
  { table: ['GetItem', 'Query'], partitions: ['REQ#'] },
] as const;

export const getDistrictCaseStatistics = pure(
  () =>
    ({
      id: 'getDistrictCaseStatistics',
      method: 'GET',
      path: '/v1/districts/{code}/case-statistics',
      access: CASE_DASHBOARD_READERS,
      rows: 'district-area',
      entry: 'functions/api/get-district-case-statistics.ts',
      summary:
        "A sub-district's welfare cases, for its UPT, the regency poverty unit and the regency admin. Open cases by kind and age (under a day, 1–3 days, 3–7 days, over 7), resolved ones with the median hours from report to closure against the kind's target, and cases closed unresolved. Counts only.",
      tags: ['cases'],
      needs: STATISTICS_NEEDS,
      params: pure(() =>
        z.strictObject({
          code: z.string().check(z.regex(/^\d{2}\.\d{2}\.\d{2}$/, 'district code looks like 35.10.06')),
        }),
      ),
      responses: {
        200: { description: 'The counts', schema: caseStatistics },
        403: errorAnswer('Not the UPT, poverty unit or regency admin over this sub-district'),
      },
    }) as const satisfies RouteDefinition,
);

export const getRegencyCaseStatistics = pure(
  () =>
    ({
      id: 'getRegencyCaseStatistics',
      method: 'GET',
      path: '/v1/regencies/{regencyCode}/case-statistics',
      access: CASE_DASHBOARD_READERS,
      rows: 'regency-area',
      entry: 'functions/api/get-regency-case-statistics.ts',
      summary:
        "A regency's welfare cases, for its poverty unit and its admin. Open cases by kind and age (under a day, 1–3 days, 3–7 days, over 7), resolved ones with the median hours from report to closure against the kind's target, and cases closed unresolved. Counts only.",
      tags: ['cases'],
      needs: STATISTICS_NEEDS,
      params: regencyParams,
      responses: {
        200: { description: 'The counts', schema: caseStatistics },
        403: errorAnswer('Not the poverty unit or regency admin of this regency'),
      },
    }) as const satisfies RouteDefinition,
);

export const CASE_ROUTES = pure(
  () => [reportCase, getCase, decideCase, getDistrictCaseStatistics, getRegencyCaseStatistics] as const,
);
