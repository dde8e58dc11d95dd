import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { listProduct } from '../core/market/market.js';
import { staffView } from '../core/market/products.js';
import { apiHandler } from './http.js';
import { marketDeps } from './market-deps.js';
import { createMarketProduct } from './market-routes.js';

export const handler = apiHandler(
  createMarketProduct,
  async ({ actor, body }) => ({ status: 201, body: staffView(await listProduct(marketDeps(), actor, body)) }),
  { pseudonymKey: loadPseudonymKey },
);
