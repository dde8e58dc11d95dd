import { auditTrail } from '../adapters/dynamo-audit.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { systemClock } from '../adapters/env.js';
import { getRequest as read } from '../core/requests/queries.js';
import { apiHandler } from './http.js';
import { getRequest } from './routes.js';

export const handler = apiHandler(getRequest, async ({ actor, params }) => ({
  status: 200,
  body: await read(
    { requests: requestStore(), catalog: catalog(), trail: auditTrail(), now: systemClock.now },
    actor,
    params.id,
  ),
}));
