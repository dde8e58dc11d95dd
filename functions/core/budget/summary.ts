import { type BudgetLine, sectionOf, totalsOf } from './budget.js';
import { activityBudgets, realisedBy, type SemesterRealisation } from './realisation.js';
import { ACCOUNT_GROUPS, BIDANG, bidangOf, groupOf, SPENDING_TYPES } from './reference.js';

export interface AmountBy {
  readonly code: string;
  readonly name: string;
  readonly amount: number;
}

export interface BidangSummary {
  readonly code: string;
  readonly name: string;
  readonly budget: number;
  readonly realised: number;
  /** Realised as a percentage of the budget, one decimal (0 when nothing is budgeted). */
  readonly percent: number;
}

export interface BudgetSummary {
  readonly income: { readonly total: number; readonly byGroup: readonly AmountBy[] };
  readonly spending: {
    readonly total: number;
    readonly byBidang: readonly BidangSummary[];
    readonly byType: readonly AmountBy[];
  };
  readonly financing: { readonly receipts: number; readonly expenditure: number; readonly net: number };
  /** Income + net financing − spending: what is left unallocated (SiLPA to be). */
  readonly surplus: number;
  readonly realisation: { readonly total: number; readonly percent: number };
}

export const percentOf = (part: number, whole: number): number =>
  whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;

const byCode = (
  lines: readonly BudgetLine[],
  names: Readonly<Record<string, string>>,
  codeOf: (line: BudgetLine) => string,
): AmountBy[] =>
  Object.entries(names)
    .map(([code, name]) => ({
      code,
      name,
      amount: lines.filter((line) => codeOf(line) === code).reduce((total, line) => total + line.amount, 0),
    }))
    .filter((entry) => entry.amount > 0);

/**
 * What the village website's infographic shows: income by group, spending by bidang (with realisation %) and
 * by type, financing, the surplus, and realisation overall. Every figure is a sum of the budget's lines, so
 * the infographic always agrees with the published table.
 */
export function budgetSummary(budget: {
  readonly lines: readonly BudgetLine[];
  readonly realisation?: readonly SemesterRealisation[];
}): BudgetSummary {
  const { lines } = budget;
  const totals = totalsOf(lines);
  const spendingLines = lines.filter((line) => sectionOf(line) === 'spending');
  const realised = realisedBy(budget.realisation ?? []);
  const budgets = activityBudgets(budget);
  const byBidang = Object.entries(BIDANG)
    .map(([code, name]) => {
      const activities = [...budgets.keys()].filter((activity) => bidangOf(activity) === code);
      const planned = activities.reduce((total, activity) => total + (budgets.get(activity) ?? 0), 0);
      const spent = activities.reduce((total, activity) => total + (realised.get(activity) ?? 0), 0);
      return { code, name, budget: planned, realised: spent, percent: percentOf(spent, planned) };
    })
    .filter((entry) => entry.budget > 0);
  const realisedTotal = byBidang.reduce((total, entry) => total + entry.realised, 0);
  return {
    income: {
      total: totals.income,
      byGroup: byCode(
        lines.filter((line) => sectionOf(line) === 'income'),
        ACCOUNT_GROUPS,
        (line) => groupOf(line.code),
      ),
    },
    spending: {
      total: totals.spending,
      byBidang,
      byType: byCode(spendingLines, SPENDING_TYPES, (line) => line.code),
    },
    financing: {
      receipts: totals.financingReceipts,
      expenditure: totals.financingExpenditure,
      net: totals.financingNet,
    },
    surplus: totals.income + totals.financingNet - totals.spending,
    realisation: { total: realisedTotal, percent: percentOf(realisedTotal, totals.spending) },
  };
}
