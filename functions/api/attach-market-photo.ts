import { productStore } from '../adapters/dynamo-market.js';
import { systemClock } from '../adapters/env.js';
import { photoFiles, photoUploads } from '../adapters/s3-market-photos.js';
import { webpDecoder } from '../adapters/webp-decoder.js';
import { attachPhoto } from '../core/market/product-photos.js';
import { staffView } from '../core/market/products.js';
import { apiHandler } from './http.js';
import { attachMarketPhoto } from './market-routes.js';

export const handler = apiHandler(attachMarketPhoto, async ({ actor, params }) => {
  const deps = {
    products: productStore(),
    uploads: photoUploads(),
    files: photoFiles(),
    clock: systemClock,
    webp: webpDecoder,
  };
  return { status: 200, body: staffView(await attachPhoto(deps, actor, params.id, params.photoId)) };
});
