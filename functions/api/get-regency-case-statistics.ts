import { caseIndex } from '../adapters/dynamo-cases.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { systemClock } from '../adapters/env.js';
import { areaCaseStatistics } from '../core/cases/statistics.js';
import { getRegencyCaseStatistics } from './case-routes.js';
import { apiHandler } from './http.js';

/** GET /v1/regencies/{regencyCode}/case-statistics (see core/cases/statistics.ts). */
export const handler = apiHandler(getRegencyCaseStatistics, async ({ actor, params }) => ({
  status: 200,
  body: await areaCaseStatistics(
    { index: caseIndex(), requests: requestStore(), now: systemClock.now },
    actor,
    params.regencyCode,
  ),
}));
