import type { Actor } from '../identity/roles.js';
import type { UploadStore } from '../requests/attachments.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Clock } from '../shared/ports.js';
import { text } from '../shared/text.js';
import { type ProductStore, villageOfProduct } from './market.js';
import { MAX_PHOTO_BYTES, PhotoTooLargeError, processPhoto, type WebpDecoder } from './photos.js';
import { MAX_PHOTOS, PHOTO_SIZES, type PhotoSize, type Product, staffView } from './products.js';

/**
 * A product's photos (issue 13, item 4): the seller's phone uploads each straight to the bucket through a
 * presigned POST, then asks for it to be attached; only then is it decoded, resized, re-encoded (photos.ts)
 * and put beside the product, and the upload deleted. A photo changes what the public sees, so a published
 * product goes back to the operator's check.
 */

export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

export interface PhotoTicket {
  readonly productId: string;
  readonly contentType: PhotoContentType;
  readonly size: number;
  readonly issuedAt: string;
}

/** Where processed photos are kept (the documents bucket, under market-photos/). */
export interface PhotoFiles {
  put(key: string, jpeg: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
  delete(key: string): Promise<void>;
  /** A short-lived link to the file, for staff to see a photo the public cannot yet. */
  link(key: string, expiresInSeconds: number): Promise<string>;
}

export interface PhotoDeps {
  readonly products: Pick<ProductStore, 'get' | 'replace'>;
  readonly uploads: UploadStore<PhotoTicket>;
  readonly files: PhotoFiles;
  readonly clock: Clock;
  readonly webp: WebpDecoder;
}

/** A phone on a slow connection sends 5 MB in well under this. */
const UPLOAD_LINK_SECONDS = 15 * 60;

const uploadKey = (productId: string, photoId: string) => `uploads/market/${productId}/${photoId}`;
const photoKey = (productId: string, photoId: string, size: PhotoSize) =>
  `market-photos/${productId}/${photoId}-${size}.jpg`;

const notFound = (id: string) =>
  new NotFoundError(text(`Produk ${id} tidak ditemukan.`, `Product ${id} not found.`));

/** The seller's own product: anyone else's is not found (a 404 says nothing about others' listings). */
async function sellersProduct(deps: Pick<PhotoDeps, 'products'>, actor: Actor, id: string): Promise<Product> {
  const product = villageOfProduct(id) ? await deps.products.get(id) : undefined;
  if (!product || product.seller.subject !== actor.subject) throw notFound(id);
  if (product.status === 'withdrawn') {
    throw new ConflictError(
      'PRODUCT_WITHDRAWN',
      text('Produk ini sudah ditarik.', 'This product has been withdrawn.'),
    );
  }
  return product;
}

const tooMany = () =>
  new ConflictError(
    'TOO_MANY_PHOTOS',
    text(`Sebuah produk paling banyak ${MAX_PHOTOS} foto.`, `A product has at most ${MAX_PHOTOS} photos.`),
  );

/** POST /v1/market/products/{id}/photos: a presigned POST for one photo of the seller's product. */
export async function requestPhotoUpload(
  deps: Pick<PhotoDeps, 'products' | 'uploads' | 'clock'>,
  actor: Actor,
  productId: string,
  input: { readonly contentType: PhotoContentType; readonly size: number },
) {
  const product = await sellersProduct(deps, actor, productId);
  if ((product.photos ?? []).length >= MAX_PHOTOS) throw tooMany();
  if (input.size > MAX_PHOTO_BYTES) throw new PhotoTooLargeError('size');
  if (!Number.isInteger(input.size) || input.size < 1) {
    throw new ValidationError(text('size: ukuran foto tidak valid.', 'size: not a valid photo size.'), [
      { field: 'size', message: text('harus bilangan bulat di atas 0', 'must be a whole number above 0') },
    ]);
  }
  const now = deps.clock.now();
  const photoId = newId(now);
  const ticket: PhotoTicket = { productId, ...input, issuedAt: now.toISOString() };
  const { url, fields } = await deps.uploads.presignUpload(
    uploadKey(productId, photoId),
    ticket,
    UPLOAD_LINK_SECONDS,
  );
  return {
    photoId,
    url,
    fields,
    maxBytes: MAX_PHOTO_BYTES,
    expiresAt: new Date(now.getTime() + UPLOAD_LINK_SECONDS * 1000).toISOString(),
  };
}

/**
 * PUT /v1/market/products/{id}/photos/{photoId}: attaches an uploaded photo. Primary course: the upload is
 * there with its ticket for this product, within its declared size and a readable image; the processed photo
 * and thumbnail are stored, the product lists it (a published product waits for the check again) and the
 * upload is deleted. Attaching it again answers the product as it is. A file that is not an image or is too
 * large is a 400/413 and deleted; the product is not changed.
 */
export async function attachPhoto(
  deps: PhotoDeps,
  actor: Actor,
  productId: string,
  photoId: string,
): Promise<Product> {
  const product = await sellersProduct(deps, actor, productId);
  if ((product.photos ?? []).some((photo) => photo.id === photoId)) return product;
  if ((product.photos ?? []).length >= MAX_PHOTOS) throw tooMany();
  const key = uploadKey(productId, photoId);
  const upload = await deps.uploads.inspect(key);
  if (!upload?.ticket || upload.ticket.productId !== productId) {
    throw new NotFoundError(
      text(
        'Foto belum diunggah, atau tautan unggahnya sudah kedaluwarsa.',
        'The photo was not uploaded, or its upload link expired.',
      ),
    );
  }
  // S3 enforces the declared size on upload; a local object store does not, so it is checked again here.
  if (upload.size > MAX_PHOTO_BYTES || upload.size !== upload.ticket.size) {
    await deps.uploads.discard(key);
    throw new PhotoTooLargeError('photo');
  }
  const processed = await processPhoto(await deps.uploads.read(key), 'photo', deps.webp).catch(
    async (error: unknown) => {
      await deps.uploads.discard(key);
      throw error;
    },
  );
  await deps.files.put(photoKey(productId, photoId, 'photo'), processed.photo);
  await deps.files.put(photoKey(productId, photoId, 'thumb'), processed.thumbnail);
  const updated: Product = {
    ...product,
    photos: [...(product.photos ?? []), { id: photoId, width: processed.width, height: processed.height }],
    status: product.status === 'published' ? 'pending' : product.status,
    updatedAt: deps.clock.now().toISOString(),
  };
  if (!(await deps.products.replace(updated, product.status))) {
    // Checked, withdrawn or given another photo meanwhile: the stored files would be nobody's.
    await Promise.all(PHOTO_SIZES.map((size) => deps.files.delete(photoKey(productId, photoId, size))));
    throw new ConflictError(
      'PRODUCT_CHANGED',
      text(
        'Produk berubah saat foto diproses. Coba lagi.',
        'The product changed while the photo was processed. Try again.',
      ),
    );
  }
  await deps.uploads.discard(key);
  return updated;
}

/**
 * GET /v1/market/photos/{id}/{file}: a published product's photo, for anyone. A photo of a product not (or no
 * longer) published is not found, as the product itself is not.
 */
export async function productPhoto(
  deps: Pick<PhotoDeps, 'products' | 'files'>,
  productId: string,
  file: string,
): Promise<Uint8Array> {
  const match = /^([0-9A-HJKMNP-TV-Z]{26})-(photo|thumb)\.jpg$/.exec(file);
  const product = match && villageOfProduct(productId) ? await deps.products.get(productId) : undefined;
  const [, photoId = '', size = 'photo'] = match ?? [];
  const listed = product?.status === 'published' && product.photos?.some((photo) => photo.id === photoId);
  const bytes = listed ? await deps.files.get(photoKey(productId, photoId, size as PhotoSize)) : undefined;
  if (!bytes) {
    throw new NotFoundError(text('Foto tidak ditemukan.', 'Photo not found.'));
  }
  return bytes;
}

/** Long enough to look at the check queue, short enough that a link copied out of it soon stops working. */
const STAFF_LINK_SECONDS = 15 * 60;

/**
 * Products as the village's staff read them, each photo's addresses replaced by short-lived links: the
 * operator checks a pending product's photos, which the public route does not serve.
 */
export function withStaffPhotoLinks(files: Pick<PhotoFiles, 'link'>, products: readonly Product[]) {
  return Promise.all(
    products.map(async (product) => {
      const view = staffView(product);
      const photos = await Promise.all(
        (product.photos ?? []).map(async (photo) => ({
          width: photo.width,
          height: photo.height,
          url: await files.link(photoKey(product.id, photo.id, 'photo'), STAFF_LINK_SECONDS),
          thumbnailUrl: await files.link(photoKey(product.id, photo.id, 'thumb'), STAFF_LINK_SECONDS),
        })),
      );
      return { ...view, photos };
    }),
  );
}
