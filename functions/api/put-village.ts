import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import { onboardVillage } from '../core/villages/tenants.js';
import { apiHandler } from './http.js';
import { putVillage } from './tenant-routes.js';

export const handler = apiHandler(putVillage, async ({ actor, params, body }) => {
  const { village, created } = await onboardVillage(
    { villages: villageDirectory(), clock: systemClock },
    actor,
    params.code,
    body,
  );
  return { status: created ? 201 : 200, body: village };
});
