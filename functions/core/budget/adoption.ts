import type { BudgetAdoption } from '../legal/ports.js';
import { adoptBudget, type BudgetDeps } from './budgets.js';

/**
 * The budget as the legal products chain sees it: a Peraturan Desa on the APBDes (or its revision) is drafted
 * only for a year whose latest version is a draft, and adopts that version when it is promulgated.
 */
export function budgetAdoption(deps: Pick<BudgetDeps, 'budgets' | 'clock'>): BudgetAdoption {
  return {
    async draftVersion(villageCode, year) {
      const latest = (await deps.budgets.year(villageCode, year)).versions.at(-1);
      return latest?.status === 'draft' ? latest.version : undefined;
    },
    async adopt(villageCode, year, legalProductId) {
      const { versions } = await deps.budgets.year(villageCode, year);
      const latest = versions.at(-1);
      // Never drafted, or some version adopted by this regulation already (a repeated step, a later stage
      // of its chain, even after the next version was drafted): nothing to do.
      if (!latest || versions.some((v) => v.status === 'adopted' && v.legalProductId === legalProductId)) {
        return;
      }
      await adoptBudget(deps, villageCode, year, latest.version, legalProductId);
    },
  };
}
