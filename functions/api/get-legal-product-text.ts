import { legalProductStore } from '../adapters/dynamo-legal-products.js';
import { documentStore } from '../adapters/s3-document-store.js';
import { legalProductTextLink } from '../core/legal/queries.js';
import { apiHandler } from './http.js';
import { getLegalProductText } from './legal-routes.js';

export const handler = apiHandler(getLegalProductText, async ({ params }) => {
  const url = await legalProductTextLink(
    { legalProducts: legalProductStore(), files: documentStore() },
    params.id,
  );
  return { status: 302, body: { url }, headers: { location: url } };
});
