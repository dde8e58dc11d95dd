import { productStore } from '../adapters/dynamo-market.js';
import { rateCounter } from '../adapters/dynamo-rate-limit.js';
import { systemClock } from '../adapters/env.js';
import { reportProduct } from '../core/market/market.js';
import { apiHandler } from './http.js';
import { reportMarketProduct } from './market-routes.js';

export const handler = apiHandler(reportMarketProduct, async ({ params, body, origin }) => {
  await reportProduct(
    { products: productStore(), rates: rateCounter(), clock: systemClock },
    params.id,
    body.reason,
    { address: origin.ip },
  );
  return { status: 202, body: { received: true } };
});
