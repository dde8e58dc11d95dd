import * as z from 'zod/mini';
import { SURVEY_READERS, SURVEY_RECORDERS } from '../core/identity/policy.js';
import {
  COOKING_FUEL,
  EDUCATION,
  FLOORS,
  INCOME_SOURCES,
  LIGHTING,
  RELATIONS,
  SCHOOLING,
  TOILETS,
  WALLS,
  WATER,
} from '../core/welfare/survey-fields.js';
import { villageCodeParams } from './console-schemas.js';
import { regencyParams } from './legal-schemas.js';
import { type RouteDefinition, SUBMISSION_NEEDS } from './route-types.js';
import { errorAnswer, requestView } from './schemas.js';

/* @__NO_SIDE_EFFECTS__ */
function pure<T>(build: () => T): T {
  return build();
}

/**
 * Household welfare data (issue 13, item 1): the regency's DTSEN desil ranking, which the SPM's registry check
 * asks (core/welfare/desil.ts), and the village poverty team's household surveys (core/welfare/survey.ts).
 * Listed in ROUTES (routes.ts).
 */

const desilImport = pure(() =>
  z.object({
    regencyCode: z.string(),
    importId: z.string(),
    rows: z.number(),
    importedAt: z.string(),
    importedBy: z.string(),
  }),
);

export const putRegencyDesil = pure(
  () =>
    ({
      id: 'putRegencyDesil',
      method: 'PUT',
      path: '/v1/regencies/{regencyCode}/desil',
      access: ['regency_admin'],
      rows: 'regency',
      entry: 'functions/api/put-regency-desil.ts',
      summary:
        "Imports the regency's DTSEN desil ranking (CSV `nik,desil`, desil 1–10, every NIK a resident of the regency), replacing the previous import at once. Stored by NIK pseudonym, never the NIK. At most 60,000 rows and 2 MB per import; any bad row is a 400 naming row and column, nothing written.",
      tags: ['welfare'],
      timeoutSeconds: 29,
      needs: [
        // The rows under the new import's id (transactions of 100 puts), then the regency's pointer to it.
        { table: ['PutItem'], partitions: ['DESIL#'] },
        'pseudonym:key',
      ],
      params: regencyParams,
      rawBody: {
        contentTypes: ['text/csv'],
        description: 'CSV with the columns nik and desil (comma or semicolon separated), at most 2 MB',
      },
      responses: {
        200: { description: 'The import is now current', schema: desilImport },
        400: errorAnswer(
          'A bad row (named by row and column): not 16 digits, twice, unknown NIK, desil not 1–10',
        ),
        403: errorAnswer('Not the regency admin of this regency'),
        413: errorAnswer('Larger than 2 MB'),
      },
    }) as const satisfies RouteDefinition,
);

const shortText = (max: number) => z.string().check(z.maxLength(max));

/** The survey's shape; what cannot be true of a household is checked by core/welfare/survey.ts (400 naming the field). */
export const surveyBody = pure(() =>
  z.strictObject({
    familyCardNumber: shortText(16),
    surveyedOn: shortText(10),
    hamlet: z.optional(shortText(60)),
    housing: z.strictObject({
      floorAreaM2: z.number(),
      floor: z.enum(FLOORS),
      wall: z.enum(WALLS),
      toilet: z.enum(TOILETS),
      lighting: z.enum(LIGHTING),
      drinkingWater: z.enum(WATER),
      cookingFuel: z.enum(COOKING_FUEL),
    }),
    consumption: z.strictObject({
      meatMilkPerWeek: z.number(),
      mealsPerDay: z.number(),
      newClothesPerYear: z.number(),
      canPayTreatment: z.boolean(),
    }),
    head: z.strictObject({
      incomeSource: z.enum(INCOME_SOURCES),
      monthlyIncome: z.number(),
      education: z.enum(EDUCATION),
    }),
    saleableAssets: z.boolean(),
    programmes: z.strictObject({
      pkh: z.boolean(),
      bpnt: z.boolean(),
      pbiJk: z.boolean(),
      bltDanaDesa: z.boolean(),
    }),
    members: z
      .array(
        z.strictObject({
          nik: z.optional(shortText(16)),
          name: shortText(100),
          birthDate: shortText(10),
          relation: z.enum(RELATIONS),
          school: z.enum(SCHOOLING),
        }),
      )
      .check(z.maxLength(30)),
  }),
);

const loose = pure(() => z.record(z.string(), z.unknown()));

export const recordHouseholdSurvey = pure(
  () =>
    ({
      id: 'recordHouseholdSurvey',
      method: 'POST',
      path: '/v1/villages/{code}/household-surveys',
      access: SURVEY_RECORDERS,
      rows: 'village-welfare',
      entry: 'functions/api/record-household-survey.ts',
      summary:
        "An enumerator of the village poverty team (or the operator) records a household's survey: the 14 BPS criteria, programmes received, members' schooling. The family card number and NIKs are sent in the body and stored only as pseudonyms. Repeating the call with the same Idempotency-Key returns the first answer.",
      tags: ['welfare'],
      needs: [
        // The survey, its audit entry (SURVEY#), one index item per member with a NIK (PERSON#); a replay reads it.
        { table: ['GetItem', 'PutItem'], partitions: ['SURVEY#'] },
        { table: ['PutItem'], partitions: ['PERSON#'] },
        'pseudonym:key',
      ],
      params: villageCodeParams,
      body: surveyBody,
      headers: [
        {
          name: 'Idempotency-Key',
          description:
            'A unique key per survey taken (the console makes one when the form is saved, offline or not); a resend with the same key and body stores nothing new.',
          required: false,
        },
      ],
      responses: {
        201: { description: 'Recorded (or, replayed, the first answer)', schema: loose },
        400: errorAnswer(
          'An impossible survey (named by field): floor area 0, 7 meals a day, a member aged 150…',
        ),
        403: errorAnswer('Not an enumerator or operator of this village'),
        409: errorAnswer('The Idempotency-Key was used for another survey'),
      },
    }) as const satisfies RouteDefinition,
);

export const listHouseholdSurveys = pure(
  () =>
    ({
      id: 'listHouseholdSurveys',
      method: 'GET',
      path: '/v1/villages/{code}/household-surveys',
      access: SURVEY_READERS,
      rows: 'village-welfare',
      entry: 'functions/api/list-household-surveys.ts',
      summary:
        "A village's household surveys, newest first: for its enumerators, operator, village secretary and head only. Every read is audited before it answers.",
      tags: ['welfare'],
      needs: [{ table: ['Query', 'PutItem'], partitions: ['SURVEY#'] }],
      params: villageCodeParams,
      responses: {
        200: { description: 'The surveys', schema: z.object({ items: z.array(loose) }) },
        403: errorAnswer('Not an enumerator, operator, secretary or head of this village'),
      },
    }) as const satisfies RouteDefinition,
);

const cell = pure(() => z.nullable(z.union([z.number(), z.literal('< 5')])));
const cells = pure(() => z.nullable(z.record(z.string(), cell)));

export const getWelfareStatistics = pure(
  () =>
    ({
      id: 'getWelfareStatistics',
      method: 'GET',
      path: '/v1/villages/{code}/welfare-statistics',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/get-welfare-statistics.ts',
      summary:
        'A village\'s welfare statistics from its household surveys (the latest per household): households, by BPS criteria met, by programme received, school participation of members aged 7–18, and by the head\'s desil when the regency imported a ranking. A count of 1–4 is "< 5", 0 is 0; a cell that would let a small one be worked out is null; no breakdown below 5 households.',
      tags: ['welfare'],
      needs: [
        // The village (404 when unknown), its surveys (counted, not shown), the regency's desil pointer and rows.
        { table: ['GetItem'], partitions: ['VILLAGE#', 'DESIL#'] },
        { table: ['Query'], partitions: ['SURVEY#'] },
      ],
      params: villageCodeParams,
      responses: {
        200: {
          description: 'The counts',
          schema: z.object({
            villageCode: z.string(),
            households: cell,
            criteriaMet: cells,
            programmes: z.nullable(
              z.record(z.string(), z.nullable(z.object({ received: cell, notReceived: cell }))),
            ),
            schoolAge: z.nullable(z.object({ children: cell, inSchool: cell, notInSchool: cell })),
            desil: z.optional(cells),
          }),
        },
        404: errorAnswer('No such village'),
      },
    }) as const satisfies RouteDefinition,
);

export const draftMusdesVerification = pure(
  () =>
    ({
      id: 'draftMusdesVerification',
      method: 'POST',
      path: '/v1/villages/{code}/musdes-verifications',
      access: SURVEY_RECORDERS,
      rows: 'village-welfare',
      entry: 'functions/api/draft-musdes-verification.ts',
      summary:
        "An enumerator or the operator drafts the village meeting's (musdes) verification of the village's current household surveys (the latest per household; one hamlet's when `hamlet` is given): a request of the MUSDES service, whose list of households (head and hamlet, no NIK or KK) the platform compiles. It runs through its approval chain like any request: the village head records the meeting and signs, Dinas Sosial ratifies, the berita acara PDF is issued. Repeating the call with the same Idempotency-Key returns the first answer.",
      tags: ['welfare'],
      needs: [
        // The village's surveys, read audited (SURVEY#), then everything a submission needs.
        { table: ['Query', 'PutItem'], partitions: ['SURVEY#'] },
        ...SUBMISSION_NEEDS,
      ],
      params: villageCodeParams,
      body: z.strictObject({ hamlet: z.optional(shortText(60)) }),
      headers: [
        {
          name: 'Idempotency-Key',
          description:
            'A unique key per intended draft; retries with the same key (and the same surveys) create nothing new.',
          required: false,
        },
      ],
      responses: {
        201: { description: 'Drafted; its request runs the chain', schema: requestView },
        400: errorAnswer('No surveys to verify (in that hamlet), or a list too long for one berita acara'),
        403: errorAnswer('Not an enumerator or operator of this village'),
        404: errorAnswer('Unknown village'),
      },
    }) as const satisfies RouteDefinition,
);

/** Appended to ROUTES. */
export const WELFARE_ROUTES: readonly RouteDefinition[] = pure(() => [
  putRegencyDesil,
  recordHouseholdSurvey,
  listHouseholdSurveys,
  getWelfareStatistics,
  draftMusdesVerification,
]);
