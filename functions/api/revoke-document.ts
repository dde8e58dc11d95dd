import { documentRegistry } from '../adapters/dynamo-document-registry.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { systemClock } from '../adapters/env.js';
import { documentView, revokeDocument as revoke } from '../core/documents/document-lifecycle.js';
import { apiHandler } from './http.js';
import { revokeDocument } from './routes.js';

export const handler = apiHandler(revokeDocument, async ({ actor, params, body }) => {
  const deps = { requests: requestStore(), registry: documentRegistry(), clock: systemClock };
  const document = await revoke(deps, actor, params.documentId, body.reason);
  return { status: 200, body: documentView(document) };
});
