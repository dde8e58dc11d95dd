import { versionName } from '../budget/budget.js';
import type { BudgetStore } from '../budget/budgets.js';
import { latestAdopted } from '../budget/budgets.js';
import { budgetSummary } from '../budget/summary.js';
import { calendarDateIn } from '../documents/calendar.js';
import { searchLegalProducts } from '../legal/legal-products.js';
import { LEGAL_TYPE_DEFINITIONS } from '../legal/legal-types.js';
import type { LegalProductStore } from '../legal/ports.js';
import type { Clock } from '../shared/ports.js';
import type { TransparencySource } from './content.js';

/**
 * The website's transparency sections from the capabilities that own them: the year's adopted APBDes
 * (the current year's, else last year's) with its realisation, and the latest legal products.
 */
export function transparencySource(deps: {
  readonly budgets: Pick<BudgetStore, 'year'>;
  readonly legalProducts: Pick<LegalProductStore, 'listVillage'>;
  readonly clock: Clock;
}): TransparencySource {
  return {
    async budget(villageCode) {
      const { year: thisYear } = calendarDateIn(deps.clock.now());
      for (const year of [thisYear, thisYear - 1]) {
        const { versions, realisation } = await deps.budgets.year(villageCode, year);
        const adopted = latestAdopted(versions);
        if (!adopted) continue;
        const summary = budgetSummary({ lines: adopted.lines, realisation });
        const reported = realisation.map((entry) => entry.semester).sort();
        const last = reported.at(-1);
        return {
          year,
          version: versionName(adopted.version),
          income: { planned: summary.income.total },
          spendingByBidang: summary.spending.byBidang.map((bidang) => ({
            code: bidang.code,
            name: bidang.name,
            planned: bidang.budget,
            realised: bidang.realised,
          })),
          ...(last ? { realisedUpTo: last === 1 ? `${year}-06-30` : `${year}-12-31` } : {}),
        };
      }
      return undefined;
    },
    async legalProducts(villageCode, limit) {
      const products = searchLegalProducts(await deps.legalProducts.listVillage(villageCode), {});
      return products.slice(0, limit).map((product) => ({
        id: product.id,
        type: LEGAL_TYPE_DEFINITIONS[product.type].name.id,
        number: String(product.number),
        year: product.year,
        title: product.title,
        promulgatedOn: product.gazette?.on ?? product.enactedOn,
        url: `/v1/legal-products/${product.id}/text`,
      }));
    },
  };
}
