import { legalProductStore } from '../adapters/dynamo-legal-products.js';
import { siteChangeMarker } from '../adapters/dynamo-stale-sites.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import { uploadStore } from '../adapters/s3-uploads.js';
import { enterExistingLegalProduct as enter } from '../core/legal/existing.js';
import { legalProductView } from '../core/legal/queries.js';
import { apiHandler } from './http.js';
import { enterExistingLegalProduct } from './legal-routes.js';

export const handler = apiHandler(enterExistingLegalProduct, async ({ actor, params, body }) => {
  const deps = {
    legalProducts: legalProductStore(),
    villages: villageDirectory(),
    catalog: catalog(),
    uploads: uploadStore(),
    clock: systemClock,
    siteChanged: siteChangeMarker(),
  };
  return { status: 201, body: legalProductView(await enter(deps, actor, params.code, body)) };
});
