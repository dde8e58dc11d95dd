import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { getRequest as read } from '../core/queries.js';
import { apiHandler } from './http.js';
import { getRequest } from './routes.js';

export const handler = apiHandler(getRequest, async ({ actor, params }) => ({
  status: 200,
  body: await read({ requests: requestStore(), catalog: catalog() }, actor, params.id),
}));
