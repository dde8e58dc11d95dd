import { budgetYear, recordRealisation } from '../core/budget/budgets.js';
import { budgetDeps } from './budget-deps.js';
import { putBudgetRealisation } from './budget-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(putBudgetRealisation, async ({ actor, params, body }) => ({
  status: 200,
  body: await recordRealisation(
    budgetDeps(),
    actor,
    params.code,
    budgetYear(params.year),
    params.semester === '1' ? 1 : 2,
    body.activities,
  ),
}));
