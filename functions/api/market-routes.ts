import * as z from 'zod/mini';
import { PHOTO_CONTENT_TYPES } from '../core/market/product-photos.js';
import { type RouteDefinition, TABLE_NEEDS, type TableNeed, WEBP_DECODER_WASM } from './route-types.js';
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
 * The UMKM market (issue 13, item 4): citizens with a linked NIK list products, the village operator checks
 * them, anyone finds the published ones and may report one; orders go to the seller by WhatsApp.
 */

const CATEGORY_NAMES = [
  'makanan-minuman',
  'kerajinan',
  'hasil-tani',
  'peternakan-perikanan',
  'pakaian-kain',
  'jasa',
  'lainnya',
] as const;

/** <village code>-<ulid>; its shape is checked by the use case (a malformed id is just not found). */
const productId = pure(() => z.string().check(z.regex(/^[0-9A-Z.-]{26,45}$/, 'not a product id')));
const productParams = pure(() => z.strictObject({ id: productId }));
const loose = pure(() => z.record(z.string(), z.unknown()));
const short = (max: number) => z.string().check(z.maxLength(max));

/** A product in the regency's partition (MARKET#): one GetItem, or the Query of a village or regency. */
const READ_PRODUCT = { table: ['GetItem'], partitions: ['MARKET#'] } as const satisfies TableNeed;
const LIST_PRODUCTS = { table: ['Query'], partitions: ['MARKET#'] } as const satisfies TableNeed;
/**
 * The seller's IUMK letter (core/market/verified.ts): their linked NIK (USER#), the requests naming it
 * (PERSON#, a Query), each request (REQ#, a Query of its items), its letter's record (DOC#).
 */
const SELLER_IUMK = pure(
  () =>
    [
      { table: ['GetItem'], partitions: ['USER#', 'DOC#'] },
      { table: ['Query'], partitions: ['PERSON#', 'REQ#'] },
    ] as const satisfies readonly TableNeed[],
);

export const createMarketProduct = pure(
  () =>
    ({
      id: 'createMarketProduct',
      method: 'POST',
      path: '/v1/market/products',
      access: ['citizen'],
      rows: 'none',
      entry: 'functions/api/create-market-product.ts',
      summary:
        "Lists a product in the village market. Only a citizen whose account has a linked NIK may sell; the product waits for the village operator's check (pending). The WhatsApp number is only ever shown as a wa.me order link.",
      tags: ['market'],
      needs: [
        ...SELLER_IUMK,
        { table: ['GetItem'], partitions: ['VILLAGE#'] },
        { table: ['PutItem'], partitions: ['MARKET#'] },
        'pseudonym:key',
      ],
      body: z.strictObject({
        villageCode,
        businessName: short(200),
        name: short(200),
        // Any JSON value: the use case names a price that is not whole rupiah above 0 (core/market/products.ts).
        pricePerUnit: z.unknown(),
        unit: short(50),
        description: short(2000),
        category: short(40),
        hamlet: short(100),
        whatsapp: short(30),
        nib: z.optional(short(30)),
        pirt: z.optional(short(30)),
        halal: z.optional(short(40)),
      }),
      responses: {
        201: { description: 'Listed, waiting for the check', schema: loose },
        400: errorAnswer('A bad field, named'),
        403: errorAnswer('No NIK linked to the account'),
        404: errorAnswer('Unknown village'),
      },
    }) as const satisfies RouteDefinition,
);

export const listMarketProducts = pure(
  () =>
    ({
      id: 'listMarketProducts',
      method: 'GET',
      path: '/v1/market/products',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/list-market-products.ts',
      summary:
        "The public catalogue: a village's (village=) or a regency's (regency=) published products, newest first, by category and by words (q); paginated with `cursor`.",
      tags: ['market'],
      needs: [LIST_PRODUCTS],
      query: z.strictObject({
        village: z.optional(villageCode),
        regency: z.optional(z.string().check(z.regex(/^\d{2}\.\d{2}$/, 'regency code looks like 35.10'))),
        category: z.optional(z.enum(CATEGORY_NAMES)),
        q: z.optional(short(100)),
        cursor: z.optional(z.string().check(z.regex(/^\d{1,5}$/, 'a cursor from the previous page'))),
      }),
      responses: {
        200: { description: 'A page of products', schema: loose },
        400: errorAnswer('Neither village nor regency, or a bad category'),
      },
    }) as const satisfies RouteDefinition,
);

export const listVillageMarketProducts = pure(
  () =>
    ({
      id: 'listVillageMarketProducts',
      method: 'GET',
      path: '/v1/villages/{code}/market-products',
      access: ['operator', 'village_secretary', 'village_head'],
      rows: 'village',
      entry: 'functions/api/list-village-market-products.ts',
      summary:
        "A village's products in any state (status= to filter, e.g. pending: the check queue), with their reports; photos as 15-minute links, so the operator sees those of a product not yet public.",
      tags: ['market'],
      needs: [LIST_PRODUCTS, 'market-photos:read'],
      params: z.strictObject({ code: villageCode }),
      query: z.strictObject({
        status: z.optional(z.enum(['pending', 'published', 'rejected', 'withdrawn'])),
      }),
      responses: {
        200: { description: "The village's products", schema: loose },
        403: errorAnswer('Not staff of this village'),
      },
    }) as const satisfies RouteDefinition,
);

export const reviewMarketProduct = pure(
  () =>
    ({
      id: 'reviewMarketProduct',
      method: 'POST',
      path: '/v1/market/products/{id}/review',
      access: ['operator'],
      rows: 'village',
      entry: 'functions/api/review-market-product.ts',
      summary:
        "The village operator's check of a pending product: approve (published) or reject with a reason. The seller's IUMK is looked up again for the verified badge.",
      tags: ['market'],
      needs: [...SELLER_IUMK, READ_PRODUCT, { table: ['PutItem'], partitions: ['MARKET#'] }],
      params: productParams,
      body: z.strictObject({
        decision: z.enum(['approve', 'reject']),
        reason: z.optional(short(500)),
      }),
      responses: {
        200: { description: 'Checked', schema: loose },
        400: errorAnswer('A rejection without a reason'),
        403: errorAnswer("Not an operator of the product's village"),
        404: errorAnswer('No such product'),
        409: errorAnswer('Not waiting for a check'),
      },
    }) as const satisfies RouteDefinition,
);

export const reportMarketProduct = pure(
  () =>
    ({
      id: 'reportMarketProduct',
      method: 'POST',
      path: '/v1/market/products/{id}/reports',
      access: 'public',
      rows: 'none',
      cache: 'no-store',
      entry: 'functions/api/report-market-product.ts',
      summary:
        "Reports a published product (misleading, forbidden goods, not the seller's): the village operator sees the reason with the product. Limited per client address.",
      tags: ['market'],
      needs: [{ table: ['UpdateItem'], partitions: ['MARKET#'] }, TABLE_NEEDS.rateCounts],
      params: productParams,
      body: z.strictObject({ reason: short(500) }),
      responses: {
        202: { description: 'Report received' },
        400: errorAnswer('No reason'),
        404: errorAnswer('No such published product'),
        429: errorAnswer('Too many reports from this client: wait for Retry-After seconds'),
      },
    }) as const satisfies RouteDefinition,
);

export const withdrawMarketProduct = pure(
  () =>
    ({
      id: 'withdrawMarketProduct',
      method: 'POST',
      path: '/v1/market/products/{id}/withdrawal',
      access: ['citizen'],
      rows: 'product-seller',
      entry: 'functions/api/withdraw-market-product.ts',
      summary: 'The seller takes their product out of the market (whatever its state).',
      tags: ['market'],
      needs: [READ_PRODUCT, { table: ['PutItem'], partitions: ['MARKET#'] }],
      params: productParams,
      responses: {
        200: { description: 'Withdrawn', schema: loose },
        404: errorAnswer('No such product of yours'),
        409: errorAnswer('Withdrawn already'),
      },
    }) as const satisfies RouteDefinition,
);

const photoIdParams = pure(() =>
  z.strictObject({ id: productId, photoId: z.string().check(z.regex(/^[0-9A-Z]{26}$/, 'not a photo id')) }),
);

export const requestMarketPhotoUpload = pure(
  () =>
    ({
      id: 'requestMarketPhotoUpload',
      method: 'POST',
      path: '/v1/market/products/{id}/photos',
      access: ['citizen'],
      rows: 'product-seller',
      entry: 'functions/api/request-market-photo-upload.ts',
      summary:
        "A presigned POST for one photo of the seller's product (JPEG, PNG or WebP, at most 5 MB, at most 3 photos a product). Upload the file, then attach it (PUT …/photos/{photoId}).",
      tags: ['market'],
      needs: [READ_PRODUCT, 'market-photos:upload'],
      params: productParams,
      body: z.strictObject({
        contentType: z.enum(PHOTO_CONTENT_TYPES),
        size: z.number(),
      }),
      responses: {
        201: { description: 'Where and how to upload the photo', schema: loose },
        400: errorAnswer('Not a JPEG, PNG or WebP type, or no size'),
        404: errorAnswer('No such product of yours'),
        409: errorAnswer('Three photos already, or withdrawn'),
        413: errorAnswer('Over 5 MB'),
      },
    }) as const satisfies RouteDefinition,
);

export const attachMarketPhoto = pure(
  () =>
    ({
      id: 'attachMarketPhoto',
      method: 'PUT',
      path: '/v1/market/products/{id}/photos/{photoId}',
      access: ['citizen'],
      rows: 'product-seller',
      entry: 'functions/api/attach-market-photo.ts',
      summary:
        "Attaches an uploaded photo: the platform decodes it, keeps only its pixels (no EXIF, no GPS), resizes it to 800 px and a 240 px thumbnail, re-encodes both as JPEG. A published product goes back to the operator's check. Repeating the call changes nothing.",
      tags: ['market'],
      needs: [READ_PRODUCT, { table: ['PutItem'], partitions: ['MARKET#'] }, 'market-photos:attach'],
      // Decoding a 12-megapixel phone photo takes a second or two and ~200 MB.
      memorySize: 1024,
      timeoutSeconds: 29,
      // The WebP decoder's WebAssembly, loaded from beside the bundle (adapters/webp-decoder.ts).
      bundledFiles: [WEBP_DECODER_WASM],
      params: photoIdParams,
      responses: {
        200: { description: 'The product with its photos', schema: loose },
        400: errorAnswer('Not a readable JPEG, PNG or WebP photo (deleted)'),
        404: errorAnswer('No such product of yours, or nothing uploaded'),
        409: errorAnswer('Three photos already, withdrawn, or changed meanwhile'),
        413: errorAnswer('Over 5 MB (deleted)'),
      },
    }) as const satisfies RouteDefinition,
);

export const getMarketPhoto = pure(
  () =>
    ({
      id: 'getMarketPhoto',
      method: 'GET',
      path: '/v1/market/photos/{id}/{file}',
      access: 'public',
      rows: 'none',
      // A photo's address names its content (a new photo gets a new id): cached for a year.
      cache: 'immutable',
      entry: 'functions/api/get-market-photo.ts',
      summary: "A published product's photo or thumbnail (JPEG), as its public listing links it.",
      tags: ['market'],
      needs: [READ_PRODUCT, 'market-photos:read'],
      params: pure(() =>
        z.strictObject({
          id: productId,
          file: z.string().check(z.regex(/^[0-9A-Z]{26}-(photo|thumb)\.jpg$/, 'not a photo file name')),
        }),
      ),
      responses: {
        200: { description: 'The JPEG' },
        404: errorAnswer('No such photo of a published product'),
      },
    }) as const satisfies RouteDefinition,
);

/** Appended to ROUTES. */
export const MARKET_ROUTES: readonly RouteDefinition[] = pure(() => [
  createMarketProduct,
  listMarketProducts,
  listVillageMarketProducts,
  reviewMarketProduct,
  reportMarketProduct,
  withdrawMarketProduct,
  requestMarketPhotoUpload,
  attachMarketPhoto,
  getMarketPhoto,
]);
