import { SERVICE_CATALOG } from '../core/catalog/index.js';
import { serviceView } from '../core/requests/views.js';
import { apiHandler } from './http.js';
import { listOfficeServices } from './routes.js';

/** The office's own documents are regency services (in code): no village record to read. */
export const handler = apiHandler(listOfficeServices, async () => ({
  status: 200,
  body: { items: SERVICE_CATALOG.filter((service) => service.audience === 'office').map(serviceView) },
}));
