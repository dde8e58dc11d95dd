import { villageServices } from '../adapters/dynamo-village-services.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import { addVillageService } from '../core/catalog/village-services.js';
import { serviceView } from '../core/requests/views.js';
import { apiHandler } from './http.js';
import { putVillageService } from './routes.js';

export const handler = apiHandler(putVillageService, async ({ actor, params, body }) => {
  const deps = { villages: villageDirectory(), villageServices: villageServices(), clock: systemClock };
  const service = await addVillageService(deps, actor, params.code, params.serviceCode, body);
  return { status: 200, body: serviceView(service) };
});
