import { reviewProduct } from '../core/market/market.js';
import { staffView } from '../core/market/products.js';
import { apiHandler } from './http.js';
import { marketDeps } from './market-deps.js';
import { reviewMarketProduct } from './market-routes.js';

export const handler = apiHandler(reviewMarketProduct, async ({ actor, params, body }) => ({
  status: 200,
  body: staffView(await reviewProduct(marketDeps(), actor, params.id, body)),
}));
