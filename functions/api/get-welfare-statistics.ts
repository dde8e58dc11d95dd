import { desilStore } from '../adapters/dynamo-desil.js';
import { surveyStore } from '../adapters/dynamo-surveys.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { villageWelfareStatistics } from '../core/welfare/statistics.js';
import { apiHandler } from './http.js';
import { getWelfareStatistics } from './welfare-routes.js';

/** GET /v1/villages/{code}/welfare-statistics (see core/welfare/statistics.ts). */
export const handler = apiHandler(getWelfareStatistics, async ({ params }) => ({
  status: 200,
  body: await villageWelfareStatistics(
    { villages: villageDirectory(), surveys: surveyStore(), desil: desilStore() },
    params.code,
  ),
}));
