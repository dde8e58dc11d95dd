import { productStore } from '../adapters/dynamo-market.js';
import { systemClock } from '../adapters/env.js';
import { photoUploads } from '../adapters/s3-market-photos.js';
import { requestPhotoUpload } from '../core/market/product-photos.js';
import { apiHandler } from './http.js';
import { requestMarketPhotoUpload } from './market-routes.js';

export const handler = apiHandler(requestMarketPhotoUpload, async ({ actor, params, body }) => ({
  status: 201,
  body: await requestPhotoUpload(
    { products: productStore(), uploads: photoUploads(), clock: systemClock },
    actor,
    params.id,
    body,
  ),
}));
