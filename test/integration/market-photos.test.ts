import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heavyTestFile } from '../support/budgets.js';
import { TAMPO } from '../support/fixtures.js';
import { ApiClient, signInAll, startTestRuntime } from '../support/runtime.js';
import { SAMPLE_PDF, sendPresigned } from '../support/uploads.js';

heavyTestFile();

/**
 * A product's photos (issue 13, item 4) on the local runtime: uploaded by the seller's phone through a
 * presigned POST, re-encoded and resized by the platform, public only while the product is published, a
 * photo that is not one refused by field with nothing changed, at most three and 5 MB each.
 */
type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type ErrorBody = { error: { code: string; issues?: { field: string }[] } };
type Photo = { url: string; thumbnailUrl: string; width: number; height: number };
type ProductView = { id: string; status: string; photos: Photo[] };
type Ticket = { photoId: string; url: string; fields: Record<string, string> };

const SELLER = { nik: '3510061208900003', name: 'Budi Santoso' };
const PRODUCT = {
  villageCode: TAMPO,
  businessName: 'Keripik Bu Budi',
  name: 'Keripik pisang',
  pricePerUnit: 15_000,
  unit: 'bungkus',
  description: 'Keripik pisang renyah dari kebun sendiri.',
  category: 'makanan-minuman',
  hamlet: 'Krajan',
  whatsapp: '0812-7777-5656',
};

/** A 1600×1200 gradient as a phone would send it (a JPEG of quality 90). */
function phoneJpeg(): Uint8Array {
  const [width, height] = [1600, 1200];
  const data = Buffer.alloc(width * height * 4);
  for (let at = 0; at < data.length; at += 4) {
    const pixel = at / 4;
    data[at] = ((pixel % width) * 255) / width;
    data[at + 1] = (Math.floor(pixel / width) * 255) / height;
    data[at + 2] = 90;
    data[at + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ width, height, data }, 90).data);
}
/** A 1×1 lossless WebP. */
const TINY_WEBP = new Uint8Array(Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'));

let runtime: Runtime;
let seller: ApiClient;
let stranger: ApiClient;
let operator: ApiClient;
let anonymous: ApiClient;
let productId: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  [seller, stranger, operator] = await signInAll(runtime, [
    'warga.tampo',
    'warga.sawoo',
    'operator.tampo',
  ] as const);
  anonymous = new ApiClient(runtime.url);
  const issued = await operator.post<{ code: string }>(`/v1/villages/${TAMPO}/nik-activations`, SELLER);
  const linked = await seller.send(
    'PUT',
    '/v1/me/nik',
    JSON.stringify({ nik: SELLER.nik, activationCode: issued.body.code }),
  );
  expect(linked.status).toBe(200);
  const listed = await seller.post<ProductView>('/v1/market/products', PRODUCT);
  expect(listed.status).toBe(201);
  productId = listed.body.id;
}, 120_000);
afterAll(() => runtime?.cleanup());

const photosPath = () => `/v1/market/products/${productId}/photos`;
const ticketFor = (client: ApiClient, contentType: string, size: number) =>
  client.post<Ticket & ErrorBody>(photosPath(), { contentType, size });
const attach = (photoId: string) => seller.send<ProductView & ErrorBody>('PUT', `${photosPath()}/${photoId}`);

/** Ticket, upload, attach: the seller's phone's three calls. */
async function addPhoto(bytes: Uint8Array, contentType: string) {
  const ticket = await ticketFor(seller, contentType, bytes.length);
  expect(ticket.status).toBe(201);
  await sendPresigned(ticket.body, bytes, contentType);
  return { photoId: ticket.body.photoId, attached: await attach(ticket.body.photoId) };
}

const publicPhoto = (path: string) => fetch(`${runtime.url}${path}`);

describe("a product's photos", () => {
  it('re-encodes a phone photo to 800 px with a 240 px thumbnail, public once the product is published', async () => {
    const { photoId, attached } = await addPhoto(phoneJpeg(), 'image/jpeg');
    expect(attached.status).toBe(200);
    expect(attached.body.photos).toEqual([
      {
        url: `/v1/market/photos/${productId}/${photoId}-photo.jpg`,
        thumbnailUrl: `/v1/market/photos/${productId}/${photoId}-thumb.jpg`,
        width: 800,
        height: 600,
      },
    ]);
    // Attaching again changes nothing.
    expect((await attach(photoId)).body.photos).toHaveLength(1);
    const [photo] = attached.body.photos as [Photo];
    expect((await publicPhoto(photo.thumbnailUrl)).status).toBe(404); // still pending

    expect(
      (await operator.post(`/v1/market/products/${productId}/review`, { decision: 'approve' })).status,
    ).toBe(200);
    const thumbnail = await publicPhoto(photo.thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    expect(thumbnail.headers.get('cache-control')).toContain('immutable');
    const decoded = jpeg.decode(new Uint8Array(await thumbnail.arrayBuffer()));
    expect([decoded.width, decoded.height]).toEqual([240, 180]);
    const found = await anonymous.get<{ items: ProductView[] }>(`/v1/market/products?village=${TAMPO}`);
    expect(found.body.items.find((item) => item.id === productId)?.photos).toHaveLength(1);
  });

  it('sends a published product back to the check when a photo is added (here a WebP)', async () => {
    const { attached } = await addPhoto(TINY_WEBP, 'image/webp');
    expect(attached.status).toBe(200);
    expect(attached.body).toMatchObject({ status: 'pending' });
    expect(attached.body.photos.map((photo) => [photo.width, photo.height])).toEqual([
      [800, 600],
      [1, 1],
    ]);
    const [first] = attached.body.photos as [Photo];
    expect((await publicPhoto(first.url)).status).toBe(404);
  });

  it('refuses a file that is not a photo naming the field, deletes it, and changes nothing', async () => {
    const { photoId, attached } = await addPhoto(SAMPLE_PDF, 'image/png');
    expect(attached.status).toBe(400);
    expect(attached.body.error.issues?.map((issue) => issue.field)).toEqual(['photo']);
    const again = await attach(photoId);
    expect(again.status).toBe(404); // the upload is gone
    const product = await seller.get<{ items: ProductView[] }>(`/v1/villages/${TAMPO}/market-products`);
    expect(product.status).toBe(403); // a citizen does not read the staff list: check through the operator
    const staffList = await operator.get<{ items: ProductView[] }>(`/v1/villages/${TAMPO}/market-products`);
    expect(staffList.body.items.find((item) => item.id === productId)?.photos).toHaveLength(2);
  });

  it('refuses a photo over 5 MB, a fourth photo, and anyone but the seller', async () => {
    const big = await ticketFor(seller, 'image/jpeg', 6 * 1024 * 1024);
    expect(big.status).toBe(413);
    expect(big.body.error.issues?.map((issue) => issue.field)).toEqual(['size']);
    expect((await ticketFor(stranger, 'image/jpeg', 1000)).status).toBe(404);
    expect((await addPhoto(phoneJpeg(), 'image/jpeg')).attached.status).toBe(200);
    const fourth = await ticketFor(seller, 'image/jpeg', 1000);
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.code).toBe('TOO_MANY_PHOTOS');
  });
});
