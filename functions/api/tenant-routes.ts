import { villageCodeParams } from './console-schemas.js';
import { regencyParams } from './legal-schemas.js';
import { type RouteDefinition, TABLE_NEEDS } from './route-types.js';
import { emblemView, errorAnswer, staffBody, staffView, villageBody, villageRecord } from './schemas.js';

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
 * Villages as tenants (issue 4): a regency admin onboards a village and creates its staff through the API,
 * with no deploy. Listed in ROUTES (routes.ts), so the stack, the local gateway and OpenAPI pick them up.
 */

export const putVillage = pure(
  () =>
    ({
      id: 'putVillage',
      method: 'PUT',
      path: '/v1/villages/{code}',
      access: ['regency_admin'],
      rows: 'village-onboarding',
      entry: 'functions/api/put-village.ts',
      summary:
        'Onboards a village (or replaces its record): name, district and regency, address, who signs its letters, letter code, numbering and the regency services it offers. Live at once, without a deploy; its website (/desa/{code}/) is rendered at once.',
      tags: ['tenants'],
      needs: [
        // The village (VILLAGE# META, also its directory entry on gsi2) and its audit entries.
        { table: ['GetItem', 'PutItem'], partitions: ['VILLAGE#'] },
        // Its website, rendered at once: its published news and agenda (SITE#), the files (sites bucket).
        { table: ['Query'], partitions: ['SITE#'] },
        TABLE_NEEDS.siteTransparency,
        'site:publish',
      ],
      params: villageCodeParams,
      body: villageBody,
      responses: {
        200: { description: 'The village was replaced', schema: villageRecord },
        201: { description: 'The village was onboarded', schema: villageRecord },
        400: errorAnswer('Invalid record: unknown fields, codes that disagree, services not in the catalog'),
        403: errorAnswer('Not the regency admin over this village'),
        409: errorAnswer(
          'A change of numbering scope (it would reuse letter numbers), or a concurrent change',
        ),
      },
    }) as const satisfies RouteDefinition,
);

export const createVillageStaff = pure(
  () =>
    ({
      id: 'createVillageStaff',
      method: 'POST',
      path: '/v1/villages/{code}/staff',
      access: ['regency_admin'],
      rows: 'village-onboarding',
      entry: 'functions/api/create-staff.ts',
      summary:
        'Creates a staff account of the village (operator, village secretary or village head) in the identity provider, which sends the temporary password by e-mail or SMS. Repeating the same call answers 200 and creates nothing.',
      tags: ['tenants'],
      needs: [
        'staff:manage',
        // The village the account serves (VILLAGE#); the staff member's audit trail (STAFF#), read to answer a
        // repeated call as a replay and written with the new account.
        { table: ['GetItem'], partitions: ['VILLAGE#'] },
        { table: ['Query', 'PutItem'], partitions: ['STAFF#'] },
      ],
      params: villageCodeParams,
      body: staffBody,
      responses: {
        200: { description: 'The same account existed already (a repeated call)', schema: staffView },
        201: { description: 'Account created; the temporary password is on its way', schema: staffView },
        400: errorAnswer('Invalid body, or neither e-mail nor phone'),
        403: errorAnswer('Not the regency admin over this village'),
        404: errorAnswer('Unknown village'),
        409: errorAnswer('The username belongs to another account'),
      },
    }) as const satisfies RouteDefinition,
);

export const putRegencyEmblem = pure(
  () =>
    ({
      id: 'putRegencyEmblem',
      method: 'PUT',
      path: '/v1/regencies/{regencyCode}/emblem',
      access: ['regency_admin'],
      rows: 'regency',
      entry: 'functions/api/put-regency-emblem.ts',
      summary: `Sets the regency's emblem (lambang daerah), printed at the left of the letterhead of every letter its villages issue from now on. The body is the image itself: PNG or JPEG, at most 200 KB and 1500 pixels a side.`,
      tags: ['tenants'],
      // Only the object emblems/<regency code> in the documents bucket; nothing in the table. The limits in these
      // texts are MAX_EMBLEM_BYTES and MAX_EMBLEM_PIXELS (core/documents/emblem.ts), written out so that the route
      // table, which every handler bundles, does not import the module that draws emblems (pdf-lib).
      needs: ['emblems:write'],
      params: regencyParams,
      rawBody: {
        contentTypes: ['image/png', 'image/jpeg'],
        description: `The PNG or JPEG image itself (not JSON), at most 200 KB`,
      },
      responses: {
        200: { description: 'The emblem is set', schema: emblemView },
        400: errorAnswer('Empty, not a PNG or JPEG image, unreadable, or more than 1500 pixels a side'),
        403: errorAnswer('Not the regency admin of this regency'),
        413: errorAnswer(`Larger than 200 KB`),
      },
    }) as const satisfies RouteDefinition,
);

/** Appended to ROUTES. */
export const TENANT_ROUTES: readonly RouteDefinition[] = pure(() => [
  putVillage,
  createVillageStaff,
  putRegencyEmblem,
]);
