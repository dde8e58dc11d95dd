import { DEMO_BUDGETS } from '../../config/demo-budgets.js';
import {
  adoptBudget,
  type BudgetDeps,
  putBudget,
  recordRealisation,
} from '../../functions/core/budget/budgets.js';
import { budgetRowsFromCsv } from '../../functions/core/budget/csv.js';
import type { Actor } from '../../functions/core/identity/roles.js';

/**
 * Seeds the demo budgets (config/demo-budgets.ts) through the same use cases the API runs: imported from
 * CSV, adopted, semester 1 recorded. A village that already has a budget for the year keeps it, so what
 * someone changed locally survives a restart.
 */
export async function seedDemoBudgets(deps: BudgetDeps): Promise<void> {
  for (const demo of DEMO_BUDGETS) {
    if ((await deps.budgets.year(demo.villageCode, demo.year)).versions.length > 0) continue;
    // The audit trail names the seeding, not a person.
    const seeder: Actor = {
      subject: 'local-demo-seed',
      name: 'Data demo (npm start)',
      roles: ['regency_admin'],
      areas: [demo.villageCode],
    };
    const { budget } = await putBudget(deps, seeder, demo.villageCode, demo.year, {
      rows: budgetRowsFromCsv(demo.csv),
      complaintAddress: demo.complaintAddress,
    });
    await adoptBudget(deps, demo.villageCode, demo.year, budget.version, demo.legalProductId);
    await recordRealisation(deps, seeder, demo.villageCode, demo.year, 1, demo.semester1);
  }
}
