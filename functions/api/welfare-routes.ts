import * as z from 'zod/mini';
import { regencyParams } from './legal-schemas.js';
import type { RouteDefinition } from './route-types.js';
import { errorAnswer } from './schemas.js';

/* @__NO_SIDE_EFFECTS__ */
function pure<T>(build: () => T): T {
  return build();
}

/**
 * Household welfare data (issue 13, item 1): the regency's DTSEN desil ranking, which the SPM's registry check
 * asks (core/welfare/desil.ts). Listed in ROUTES (routes.ts).
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

/** Appended to ROUTES. */
export const WELFARE_ROUTES: readonly RouteDefinition[] = pure(() => [putRegencyDesil]);
