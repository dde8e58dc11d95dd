import { catalog } from '../adapters/dynamo-village-services.js';
import { serviceView } from '../core/requests/views.js';
import { apiHandler } from './http.js';
import { listServices } from './routes.js';

/** What people apply for: the office's own documents (legal products) are drafted through their own routes. */
export const handler = apiHandler(listServices, async ({ query }) => ({
  status: 200,
  body: {
    items: (await catalog().list(query.village))
      .filter((service) => service.audience !== 'office')
      .map(serviceView),
  },
}));
