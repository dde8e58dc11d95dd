import { productStore } from '../adapters/dynamo-market.js';
import { systemClock } from '../adapters/env.js';
import { withdrawProduct } from '../core/market/market.js';
import { staffView } from '../core/market/products.js';
import { apiHandler } from './http.js';
import { withdrawMarketProduct } from './market-routes.js';

export const handler = apiHandler(withdrawMarketProduct, async ({ actor, params }) => ({
  status: 200,
  body: staffView(await withdrawProduct({ products: productStore(), clock: systemClock }, actor, params.id)),
}));
