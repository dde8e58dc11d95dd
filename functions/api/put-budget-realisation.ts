import { siteChangeMarker } from '../adapters/dynamo-stale-sites.js';
import { budgetYear, recordRealisation } from '../core/budget/budgets.js';
import { budgetDeps } from './budget-deps.js';
import { putBudgetRealisation } from './budget-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(putBudgetRealisation, async ({ actor, params, body }) => {
  const recorded = await recordRealisation(
    budgetDeps(),
    actor,
    params.code,
    budgetYear(params.year),
    params.semester === '1' ? 1 : 2,
    body.activities,
  );
  // The site shows the realisation: the scheduled render picks the village up (never fails the call).
  await siteChangeMarker()(params.code);
  return { status: 200, body: recorded };
});
