import { productStore } from '../adapters/dynamo-market.js';
import { photoFiles } from '../adapters/s3-market-photos.js';
import { villageProducts } from '../core/market/market.js';
import { withStaffPhotoLinks } from '../core/market/product-photos.js';
import { apiHandler } from './http.js';
import { listVillageMarketProducts } from './market-routes.js';

export const handler = apiHandler(listVillageMarketProducts, async ({ actor, params, query }) => ({
  status: 200,
  body: {
    items: await withStaffPhotoLinks(
      photoFiles(),
      await villageProducts({ products: productStore() }, actor, params.code, query.status),
    ),
  },
}));
