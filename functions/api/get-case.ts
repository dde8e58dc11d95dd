import { auditTrail } from '../adapters/dynamo-audit.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { systemClock } from '../adapters/env.js';
import { getCase as read } from '../core/cases/cases.js';
import { getCase } from './case-routes.js';
import { apiHandler } from './http.js';

/** GET /v1/cases/{id} (see core/cases/cases.ts getCase): audited. */
export const handler = apiHandler(getCase, async ({ actor, params }) => ({
  status: 200,
  body: await read(
    { requests: requestStore(), catalog: catalog(), trail: auditTrail(), now: systemClock.now },
    actor,
    params.id,
  ),
}));
