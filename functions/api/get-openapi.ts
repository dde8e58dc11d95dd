import { apiHandler } from './http.js';
import { openApiDocument } from './openapi.js';
import { getOpenApi } from './routes.js';

/** Built once per container: the document only changes with a deploy. */
const document = openApiDocument();

export const handler = apiHandler(getOpenApi, async () => ({ status: 200, body: document }));
