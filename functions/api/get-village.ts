import { villageDirectory } from '../adapters/dynamo-villages.js';
import { villageBoard } from '../core/villages/village-board.js';
import { getVillage } from './console-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(getVillage, async ({ params }) => ({
  status: 200,
  body: await villageBoard(villageDirectory(), params.code),
}));
