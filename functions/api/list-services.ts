import { catalog } from '../adapters/dynamo-village-services.js';
import { serviceView } from '../core/requests/views.js';
import { apiHandler } from './http.js';
import { listServices } from './routes.js';

export const handler = apiHandler(listServices, async ({ query }) => ({
  status: 200,
  body: { items: (await catalog().list(query.village)).map(serviceView) },
}));
