import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import { siteRenderDeps } from '../adapters/website.js';
import { onboardVillage } from '../core/villages/tenants.js';
import { renderVillageSite } from '../core/website/publish-site.js';
import { apiHandler } from './http.js';
import { putVillage } from './tenant-routes.js';

export const handler = apiHandler(putVillage, async ({ actor, params, body }) => {
  const { village, created } = await onboardVillage(
    { villages: villageDirectory(), clock: systemClock },
    actor,
    params.code,
    body,
  );
  // A new village has its website at once (empty but valid); a changed one shows the change.
  await renderVillageSite(siteRenderDeps(), village.code);
  return { status: created ? 201 : 200, body: village };
});
