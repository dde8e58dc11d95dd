import { auditTrail } from '../adapters/dynamo-audit.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { systemClock } from '../adapters/env.js';
import { documentStore } from '../adapters/s3-document-store.js';
import { attachmentLink } from '../core/requests/queries.js';
import { apiHandler } from './http.js';
import { getAttachment } from './routes.js';

export const handler = apiHandler(getAttachment, async ({ actor, params }) => ({
  status: 200,
  body: await attachmentLink(
    {
      requests: requestStore(),
      catalog: catalog(),
      trail: auditTrail(),
      files: documentStore(),
      now: systemClock.now,
    },
    actor,
    params.id,
    params.attachmentId,
  ),
}));
