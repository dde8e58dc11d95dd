import { legalProductStore } from '../adapters/dynamo-legal-products.js';
import { requiredEnv } from '../adapters/env.js';
import { jdihnFeed } from '../core/legal/queries.js';
import { apiHandler } from './http.js';
import { getJdihnFeed } from './legal-routes.js';

export const handler = apiHandler(getJdihnFeed, async ({ params }) => ({
  status: 200,
  body: await jdihnFeed(legalProductStore(), params.regencyCode, {
    apiBaseUrl: requiredEnv('PUBLIC_BASE_URL'),
  }),
}));
