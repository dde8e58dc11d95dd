import { catalog } from '../adapters/dynamo-village-services.js';
import { appliedForByPeople } from '../core/catalog/service-catalog.js';
import { serviceView } from '../core/requests/views.js';
import { apiHandler } from './http.js';
import { listServices } from './routes.js';

/** What people apply for (appliedForByPeople). */
export const handler = apiHandler(listServices, async ({ query }) => ({
  status: 200,
  body: {
    items: (await catalog().list(query.village)).filter(appliedForByPeople).map(serviceView),
  },
}));
