import { productStore } from '../adapters/dynamo-market.js';
import { villageProducts } from '../core/market/market.js';
import { staffView } from '../core/market/products.js';
import { apiHandler } from './http.js';
import { listVillageMarketProducts } from './market-routes.js';

export const handler = apiHandler(listVillageMarketProducts, async ({ actor, params, query }) => ({
  status: 200,
  body: {
    items: (await villageProducts({ products: productStore() }, actor, params.code, query.status)).map(
      staffView,
    ),
  },
}));
