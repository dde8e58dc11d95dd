import { budgetStore } from '../adapters/dynamo-budgets.js';
import { budgetYear, getBudgetYear } from '../core/budget/budgets.js';
import { getBudget } from './budget-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(getBudget, async ({ params }) => ({
  status: 200,
  body: await getBudgetYear({ budgets: budgetStore() }, params.code, budgetYear(params.year)),
}));
