import type { RouteDefinition } from './route-types.js';
import { dataSubjectExport, dataSubjectExportBody, errorAnswer } from './schemas.js';

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
 * Privacy routes (UU 27/2022 PDP; issue 4, items 6 and 7): what the data-protection officer of an area
 * needs to answer a data subject. The NIK travels in a POST body, never in a path or query string, so it
 * reaches no URL, access log or browser history.
 */
export const createDataSubjectExport = pure(
  () =>
    ({
      id: 'createDataSubjectExport',
      method: 'POST',
      path: '/v1/privacy/data-subject-exports',
      access: ['data_protection_officer'],
      rows: 'personal-data',
      entry: 'functions/api/create-data-subject-export.ts',
      summary:
        "Everything the platform holds about the person a NIK identifies, within the officer's area: each request in full, its timeline, notifications, registry lookups, letters and access trail. The export itself is audited.",
      tags: ['privacy'],
      needs: [
        // The person's requests (PERSON#<hash> lookup items), each request, its events and service, its letters.
        { table: ['GetItem', 'Query'], partitions: ['PERSON#', 'REQ#', 'VILLAGE#', 'DOC#'] },
        // The person's household surveys (PERSON#<hash> index items, then SURVEY#<village> items).
        { table: ['GetItem'], partitions: ['SURVEY#'] },
        // Audit entries: in the person's partition and in each request read.
        { table: ['PutItem'], partitions: ['PERSON#', 'REQ#'] },
        'pseudonym:key',
      ],
      body: dataSubjectExportBody,
      responses: {
        200: { description: 'The export (never cached)', schema: dataSubjectExport },
        400: errorAnswer('Not a NIK, or fields other than nik'),
        403: errorAnswer('Not a data-protection officer'),
      },
    }) as const satisfies RouteDefinition,
);

export const PRIVACY_ROUTES = pure(() => [createDataSubjectExport] as const);
