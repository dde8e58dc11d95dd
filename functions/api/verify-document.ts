import { documentRegistry } from '../adapters/dynamo-document-registry.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { verifyDocument as verify } from '../core/queries.js';
import { apiHandler } from './http.js';
import { verifyDocument } from './routes.js';

export const handler = apiHandler(verifyDocument, async ({ params }) => ({
  status: 200,
  body: await verify(documentRegistry(), villageDirectory(), params.documentId),
}));
