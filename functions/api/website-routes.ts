import * as z from 'zod/mini';
import { SITE_EDITORS, SITE_PUBLISHERS } from '../core/identity/policy.js';
import { safeText } from '../core/shared/text-schema.js';
import { type ResourceNeed, type RouteDefinition, TABLE_NEEDS } from './route-types.js';
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
 * The village website's news and agenda (issue 12, item 3): the operator drafts, the village secretary or
 * head publishes, and publishing re-renders the village's static site. Listed in ROUTES (routes.ts).
 */

const itemId = pure(() => z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an item id')));
export const siteItemParams = pure(() => z.strictObject({ code: villageCode, id: itemId }));
const villageParams = pure(() => z.strictObject({ code: villageCode }));

const title = pure(() => safeText({ min: 3, max: 150 }));
const body = pure(() => safeText({ min: 3, max: 2000, multiline: true }));

export const newsBody = pure(() =>
  z.strictObject({
    title,
    body,
    titleEn: z.optional(title),
    bodyEn: z.optional(body),
  }),
);

export const agendaBody = pure(() =>
  z.strictObject({
    title,
    body,
    titleEn: z.optional(title),
    bodyEn: z.optional(body),
    startsAt: z.iso
      .datetime({ offset: true })
      .check(z.describe('When the event starts, e.g. 2026-12-05T08:00:00+07:00')),
    place: safeText({ min: 2, max: 150 }),
  }),
);

export const siteItemView = pure(() =>
  z
    .object({
      id: z.string(),
      villageCode: z.string(),
      kind: z.enum(['news', 'agenda']),
      status: z.enum(['draft', 'published']),
      title: z.string(),
      body: z.string(),
      titleEn: z.optional(z.string()),
      bodyEn: z.optional(z.string()),
      startsAt: z.optional(z.string()),
      place: z.optional(z.string()),
      createdAt: z.string(),
      publishedAt: z.optional(z.string()),
    })
    .check(z.meta({ id: 'SiteItem' })),
);

/** Drafting: the village must exist; the draft and its audit entry go to the village's SITE# partition. */
const DRAFT_NEEDS = pure(
  () =>
    [
      { table: ['GetItem'], partitions: ['VILLAGE#'] },
      { table: ['PutItem'], partitions: ['SITE#'] },
    ] as const satisfies readonly ResourceNeed[],
);

/**
 * Publishing, then rendering the village's site: the item and its audit entry (SITE#), the village record and
 * the village's items read for the page (VILLAGE#, SITE#), the files written to the sites bucket.
 */
const PUBLISH_NEEDS = pure(
  () =>
    [
      { table: ['GetItem'], partitions: ['VILLAGE#'] },
      { table: ['GetItem', 'Query', 'PutItem'], partitions: ['SITE#'] },
      TABLE_NEEDS.siteTransparency,
      'site:publish',
    ] as const satisfies readonly ResourceNeed[],
);

const draftResponses = pure(() => ({
  201: { description: 'Drafted; not on the site until published', schema: siteItemView },
  400: errorAnswer('Invalid body (unknown fields, unsafe text, a NIK in the text)'),
  403: errorAnswer('Not an operator of this village'),
  404: errorAnswer('Unknown village'),
}));

const publishResponses = pure(() => ({
  200: { description: 'Published (or already published) and the site rendered', schema: siteItemView },
  403: errorAnswer('Not the village secretary or head of this village'),
  404: errorAnswer('No such item in this village'),
}));

export const draftNews = pure(
  () =>
    ({
      id: 'draftNews',
      method: 'POST',
      path: '/v1/villages/{code}/news',
      access: ['operator'],
      rows: 'village',
      entry: 'functions/api/draft-news.ts',
      summary: "Drafts a news item for the village's website (Indonesian; English optional).",
      tags: ['website'],
      needs: DRAFT_NEEDS,
      params: villageParams,
      body: newsBody,
      responses: draftResponses,
    }) as const satisfies RouteDefinition,
);

export const publishNews = pure(
  () =>
    ({
      id: 'publishNews',
      method: 'POST',
      path: '/v1/villages/{code}/news/{id}/publish',
      access: SITE_PUBLISHERS,
      rows: 'village',
      entry: 'functions/api/publish-news.ts',
      summary:
        "Publishes a drafted news item and re-renders the village's static site (/desa/{code}/), its Atom feed and sitemap.",
      tags: ['website'],
      needs: PUBLISH_NEEDS,
      params: siteItemParams,
      responses: publishResponses,
    }) as const satisfies RouteDefinition,
);

export const draftAgenda = pure(
  () =>
    ({
      id: 'draftAgenda',
      method: 'POST',
      path: '/v1/villages/{code}/agenda',
      access: ['operator'],
      rows: 'village',
      entry: 'functions/api/draft-agenda.ts',
      summary: "Drafts an agenda entry (an event: when, where, what) for the village's website.",
      tags: ['website'],
      needs: DRAFT_NEEDS,
      params: villageParams,
      body: agendaBody,
      responses: draftResponses,
    }) as const satisfies RouteDefinition,
);

export const publishAgenda = pure(
  () =>
    ({
      id: 'publishAgenda',
      method: 'POST',
      path: '/v1/villages/{code}/agenda/{id}/publish',
      access: SITE_PUBLISHERS,
      rows: 'village',
      entry: 'functions/api/publish-agenda.ts',
      summary: "Publishes a drafted agenda entry and re-renders the village's static site.",
      tags: ['website'],
      needs: PUBLISH_NEEDS,
      params: siteItemParams,
      responses: publishResponses,
    }) as const satisfies RouteDefinition,
);

export const listSiteItems = pure(
  () =>
    ({
      id: 'listSiteItems',
      method: 'GET',
      path: '/v1/villages/{code}/site-items',
      access: SITE_EDITORS,
      rows: 'village',
      entry: 'functions/api/list-site-items.ts',
      summary:
        "The village website's news and agenda entries, drafts and published ones, newest first: what its operator, secretary and head work on.",
      tags: ['website'],
      // Both kinds' items of the village's SITE# partition.
      needs: [{ table: ['Query'], partitions: ['SITE#'] }],
      params: villageParams,
      responses: {
        200: { description: 'The items', schema: z.object({ items: z.array(siteItemView) }) },
        403: errorAnswer('Not an operator, village secretary or head of this village'),
      },
    }) as const satisfies RouteDefinition,
);

/** Appended to ROUTES. */
export const WEBSITE_ROUTES: readonly RouteDefinition[] = pure(() => [
  listSiteItems,
  draftNews,
  publishNews,
  draftAgenda,
  publishAgenda,
]);
