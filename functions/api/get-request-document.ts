import { auditTrail } from '../adapters/dynamo-audit.js';
import { documentRegistry } from '../adapters/dynamo-document-registry.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { systemClock } from '../adapters/env.js';
import { documentStore } from '../adapters/s3-document-store.js';
import { documentLink } from '../core/requests/queries.js';
import { apiHandler } from './http.js';
import { getRequestDocument } from './routes.js';

export const handler = apiHandler(getRequestDocument, async ({ actor, params }) => {
  const deps = {
    requests: requestStore(),
    catalog: catalog(),
    trail: auditTrail(),
    registry: documentRegistry(),
    files: documentStore(),
    now: systemClock.now,
  };
  return { status: 200, body: await documentLink(deps, actor, params.id) };
});
