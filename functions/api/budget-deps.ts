import { budgetStore } from '../adapters/dynamo-budgets.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import type { BudgetDeps } from '../core/budget/budgets.js';

/** What the budget routes' use cases run on. */
export const budgetDeps = (): BudgetDeps => ({
  budgets: budgetStore(),
  villages: villageDirectory(),
  clock: systemClock,
});
