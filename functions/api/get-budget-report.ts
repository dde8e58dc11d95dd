import { budgetYear, semesterReport } from '../core/budget/budgets.js';
import { budgetDeps } from './budget-deps.js';
import { getBudgetReport } from './budget-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(getBudgetReport, async ({ params }) => ({
  status: 200,
  body: await semesterReport(
    budgetDeps(),
    params.code,
    budgetYear(params.year),
    params.semester === '1' ? 1 : 2,
  ),
}));
