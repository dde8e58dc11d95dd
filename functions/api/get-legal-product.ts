import { legalProductStore } from '../adapters/dynamo-legal-products.js';
import { legalProductById, legalProductView } from '../core/legal/queries.js';
import { apiHandler } from './http.js';
import { getLegalProduct } from './legal-routes.js';

export const handler = apiHandler(getLegalProduct, async ({ params }) => ({
  status: 200,
  body: legalProductView(await legalProductById(legalProductStore(), params.id)),
}));
