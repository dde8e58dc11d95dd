import { budgetStore } from '../adapters/dynamo-budgets.js';
import { budgetYear, getBudgetYear } from '../core/budget/budgets.js';
import { budgetToCsv } from '../core/budget/csv.js';
import { getBudgetCsv } from './budget-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(getBudgetCsv, async ({ params }) => {
  const year = budgetYear(params.year);
  const { budget } = await getBudgetYear({ budgets: budgetStore() }, params.code, year);
  return {
    status: 200,
    file: {
      contentType: 'text/csv; charset=utf-8',
      bytes: new TextEncoder().encode(budgetToCsv(budget)),
      filename: `apbdes-${params.code}-${year}-v${budget.version}.csv`,
    },
  };
});
