import { rateCounter } from '../adapters/dynamo-rate-limit.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import { trackRequest as track } from '../core/requests/tracking.js';
import { trackRequest } from './citizen-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(trackRequest, async ({ body, origin }) => {
  const deps = {
    requests: requestStore(),
    catalog: catalog(),
    villages: villageDirectory(),
    rates: rateCounter(),
    clock: systemClock,
  };
  return { status: 200, body: await track(deps, body, { address: origin.ip }) };
});
