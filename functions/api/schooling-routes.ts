import * as z from 'zod/mini';
import { OUT_OF_SCHOOL_READERS } from '../core/identity/policy.js';
import { villageCodeParams } from './console-schemas.js';
import type { RouteDefinition } from './route-types.js';
import { errorAnswer } from './schemas.js';

/* @__NO_SIDE_EFFECTS__ */
function pure<T>(build: () => T): T {
  return build();
}

/** Children back to school (issue 13, item 3; Garda Ampuh): core/schooling/. Listed in ROUTES (routes.ts). */

/** Garda Ampuh's counts per year and village (core/schooling/follow-ups.ts yearCounts). */
export const schoolDropoutYears = pure(() =>
  z.array(
    z.object({ year: z.number(), villageCode: z.string(), followed: z.number(), backInSchool: z.number() }),
  ),
);

const enrolment = pure(() => z.object({ npsn: z.string(), school: z.string(), since: z.string() }));

export const listOutOfSchoolChildren = pure(
  () =>
    ({
      id: 'listOutOfSchoolChildren',
      method: 'GET',
      path: '/v1/villages/{code}/out-of-school-children',
      access: OUT_OF_SCHOOL_READERS,
      rows: 'village-welfare',
      entry: 'functions/api/list-out-of-school-children.ts',
      summary:
        "The village's children aged 7–18 not in school, by the family card or the latest household survey, each with the school-dropout case that follows them (POST /v1/cases opens one), those back in school (by their case or Dapodik) marked, and the village's cases counted per year. For the village's enumerators, operator, secretary and head; every read audited before it answers. The NIK is in the body only, for opening a follow-up case.",
      tags: ['welfare'],
      needs: [
        // The village's surveys and the read's audit entry, which lives in the same partition.
        { table: ['Query', 'PutItem'], partitions: ['SURVEY#'] },
        // The village's dropout cases: the district's range of the case index, then each case's request.
        { table: ['Query'], partitions: ['CASE#', 'REQ#'] },
        { table: ['GetItem'], partitions: ['REQ#'] },
        'pseudonym:key',
      ],
      params: villageCodeParams,
      responses: {
        200: {
          description: 'The list and its counts',
          schema: z.object({
            villageCode: z.string(),
            asOf: z.string(),
            children: z.array(
              z.object({
                nik: z.optional(z.string()),
                name: z.string(),
                sex: z.optional(z.enum(['M', 'F'])),
                age: z.number(),
                hamlet: z.optional(z.string()),
                rt: z.optional(z.string()),
                rw: z.optional(z.string()),
                sources: z.array(z.enum(['family-card', 'survey'])),
                surveyId: z.optional(z.string()),
                surveyedOn: z.optional(z.string()),
                backInSchool: z.optional(enrolment),
                followUp: z.optional(
                  z.object({
                    caseId: z.string(),
                    status: z.string(),
                    openedOn: z.string(),
                    backInSchool: z.optional(z.object({ school: z.string(), on: z.string() })),
                  }),
                ),
              }),
            ),
            counts: z.object({ outOfSchool: z.number(), backInSchool: z.number() }),
            years: schoolDropoutYears,
          }),
        },
        403: errorAnswer('Not an enumerator, operator, secretary or head of this village'),
      },
    }) as const satisfies RouteDefinition,
);

/** Appended to ROUTES. */
export const SCHOOLING_ROUTES: readonly RouteDefinition[] = pure(() => [listOutOfSchoolChildren]);
