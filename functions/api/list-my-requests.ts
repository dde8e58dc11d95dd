import { consoleReads } from '../adapters/dynamo-console-reads.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { listMyRequests as list } from '../core/requests/my-requests.js';
import { listMyRequests } from './console-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(listMyRequests, async ({ actor, query }) => ({
  status: 200,
  body: await list({ reads: consoleReads(), catalog: catalog(), requests: requestStore() }, actor, query),
}));
