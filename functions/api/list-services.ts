import { SERVICE_CATALOG } from '../core/catalog/index.js';
import { serviceView } from '../core/views.js';
import { apiHandler } from './http.js';
import { listServices } from './routes.js';

export const handler = apiHandler(listServices, async () => ({
  status: 200,
  body: { items: SERVICE_CATALOG.map(serviceView) },
}));
