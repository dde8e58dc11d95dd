import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { listRequests as list } from '../core/requests/queries.js';
import { apiHandler } from './http.js';
import { listRequests } from './routes.js';

export const handler = apiHandler(listRequests, async ({ actor, query }) => ({
  status: 200,
  body: await list({ requests: requestStore(), catalog: catalog() }, actor, query),
}));
