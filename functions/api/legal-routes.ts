import { OFFICE_DRAFTERS } from '../core/identity/policy.js';
import { villageCodeParams } from './console-schemas.js';
import {
  jdihnFeed,
  legalDraftBody,
  legalExistingBody,
  legalProduct,
  legalProductList,
  legalProductParams,
  legalSearchQuery,
  regencyParams,
} from './legal-schemas.js';
import { type RouteDefinition, SUBMISSION_NEEDS, TABLE_NEEDS } from './route-types.js';
import { errorAnswer, requestView } from './schemas.js';

/* @__NO_SIDE_EFFECTS__ */
function pure<T>(build: () => T): T {
  return build();
}

/**
 * Legal products (issue 12): the village secretary drafts; the draft runs through the generic approval
 * workflow (decisions via POST /v1/requests/{id}/decision); once published, anyone reads the register, its
 * signed texts and the regency's JDIHN feed. Listed in ROUTES (routes.ts).
 */

/** The public register's reads: an entry (LAW#) or the regency's copy (LAWREG#). */
const REGISTER_READ = { table: ['GetItem', 'Query'], partitions: ['LAW#', 'LAWREG#'] } as const;

export const draftLegalProduct = pure(
  () =>
    ({
      id: 'draftLegalProduct',
      method: 'POST',
      path: '/v1/villages/{code}/legal-products',
      access: OFFICE_DRAFTERS,
      rows: 'village',
      entry: 'functions/api/draft-legal-product.ts',
      summary:
        'The village secretary drafts a Peraturan Desa, Peraturan Bersama, Peraturan Kepala Desa or Keputusan Kepala Desa; it runs through its approval chain like any request. Repeating the call with the same Idempotency-Key returns the first answer.',
      tags: ['legal-products'],
      needs: [
        // What it amends or revokes (LAW#), then everything a submission needs (see submitRequest).
        REGISTER_READ,
        // A Perdes on the APBDes: the budget year's versions, whose latest must be a draft to adopt.
        { table: ['Query'], partitions: ['BUDGET#'] },
        ...SUBMISSION_NEEDS,
      ],
      params: villageCodeParams,
      body: legalDraftBody,
      headers: [
        {
          name: 'Idempotency-Key',
          description:
            'A unique key per intended draft; retries with the same key and body create nothing new.',
          required: false,
        },
      ],
      responses: {
        201: { description: 'Draft created; its request runs the chain', schema: requestView },
        400: errorAnswer('Invalid draft, missing draft text, or an unknown product to amend or revoke'),
        403: errorAnswer('Not the secretary of this village'),
        404: errorAnswer('Unknown village'),
      },
    }) as const satisfies RouteDefinition,
);

export const enterExistingLegalProduct = pure(
  () =>
    ({
      id: 'enterExistingLegalProduct',
      method: 'POST',
      path: '/v1/villages/{code}/legal-products/existing',
      access: ['village_secretary'],
      rows: 'village',
      entry: 'functions/api/enter-existing-legal-product.ts',
      summary:
        'The village secretary enters a legal product the village set before it used Desa Digital, with the numbers and dates its signed text shows and the signed PDF; it goes straight into the public register and the JDIHN feed. A number the village already holds for that type and year is refused.',
      tags: ['legal-products'],
      needs: [
        // What it amends or revokes, the entry, its regency copy and its numbers' claims, in one transaction.
        REGISTER_READ,
        { table: ['PutItem'], partitions: ['LAW#', 'LAWREG#', 'LAWNO#'] },
        // The village (its name and head) and its own service definitions (the form's fields).
        { table: ['GetItem'], partitions: ['VILLAGE#'] },
        // The village's site lists its legal products: marked stale after the entry (stale-sites.ts).
        TABLE_NEEDS.siteStale,
        'uploads:accept',
      ],
      params: villageCodeParams,
      body: legalExistingBody,
      responses: {
        201: { description: 'Entered in the register', schema: legalProduct },
        400: errorAnswer('Invalid form, numbers or dates, or no signed text'),
        403: errorAnswer('Not the secretary of this village'),
        404: errorAnswer('Unknown village'),
        409: errorAnswer('The village already holds this number for this type and year'),
      },
    }) as const satisfies RouteDefinition,
);

export const listLegalProducts = pure(
  () =>
    ({
      id: 'listLegalProducts',
      method: 'GET',
      path: '/v1/villages/{code}/legal-products',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/list-legal-products.ts',
      summary:
        "A village's published legal products (JDIH desa), newest first; search by type, year, status and words in the title, subject or abstract.",
      tags: ['legal-products'],
      needs: [REGISTER_READ],
      params: villageCodeParams,
      query: legalSearchQuery,
      responses: { 200: { description: 'The products found', schema: legalProductList } },
    }) as const satisfies RouteDefinition,
);

export const getLegalProduct = pure(
  () =>
    ({
      id: 'getLegalProduct',
      method: 'GET',
      path: '/v1/legal-products/{id}',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/get-legal-product.ts',
      summary: 'One published legal product: its numbers, dates, status and what amends or revokes it.',
      tags: ['legal-products'],
      needs: [REGISTER_READ],
      params: legalProductParams,
      responses: {
        200: { description: 'The legal product', schema: legalProduct },
        404: errorAnswer('No such legal product'),
      },
    }) as const satisfies RouteDefinition,
);

export const getLegalProductText = pure(
  () =>
    ({
      id: 'getLegalProductText',
      method: 'GET',
      path: '/v1/legal-products/{id}/text',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/get-legal-product-text.ts',
      summary: 'The signed text of a published legal product: a redirect to a short-lived link to the PDF.',
      tags: ['legal-products'],
      needs: [REGISTER_READ, 'documents:read'],
      params: legalProductParams,
      responses: {
        302: { description: 'Redirect to the PDF' },
        404: errorAnswer('No such legal product'),
      },
    }) as const satisfies RouteDefinition,
);

export const getJdihnFeed = pure(
  () =>
    ({
      id: 'getJdihnFeed',
      method: 'GET',
      path: '/v1/regencies/{regencyCode}/jdihn/document.json',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/get-jdihn-feed.ts',
      summary:
        "The regency's village legal products as the national JDIHN harvests members' documents (BPHN ILDIS document.json field names).",
      tags: ['legal-products'],
      needs: [REGISTER_READ],
      params: regencyParams,
      responses: { 200: { description: 'Every published product of the regency', schema: jdihnFeed } },
    }) as const satisfies RouteDefinition,
);

export const LEGAL_ROUTES = pure(
  () =>
    [
      draftLegalProduct,
      enterExistingLegalProduct,
      listLegalProducts,
      getLegalProduct,
      getLegalProductText,
      getJdihnFeed,
    ] as const,
);
