import { legalProductStore } from '../adapters/dynamo-legal-products.js';
import { searchVillageLegalProducts } from '../core/legal/queries.js';
import { apiHandler } from './http.js';
import { listLegalProducts } from './legal-routes.js';

export const handler = apiHandler(listLegalProducts, async ({ params, query }) => ({
  status: 200,
  body: await searchVillageLegalProducts(legalProductStore(), params.code, query),
}));
