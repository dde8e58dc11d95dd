import { productStore } from '../adapters/dynamo-market.js';
import { photoFiles } from '../adapters/s3-market-photos.js';
import { productPhoto } from '../core/market/product-photos.js';
import { apiHandler } from './http.js';
import { getMarketPhoto } from './market-routes.js';

export const handler = apiHandler(getMarketPhoto, async ({ params }) => ({
  status: 200,
  file: {
    contentType: 'image/jpeg',
    bytes: await productPhoto({ products: productStore(), files: photoFiles() }, params.id, params.file),
    filename: params.file,
  },
}));
