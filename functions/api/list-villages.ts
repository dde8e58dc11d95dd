import { villageDirectory } from '../adapters/dynamo-villages.js';
import { villageView } from '../core/requests/views.js';
import { apiHandler } from './http.js';
import { listVillages } from './routes.js';

export const handler = apiHandler(listVillages, async () => ({
  status: 200,
  body: { items: (await villageDirectory().list()).map(villageView) },
}));
