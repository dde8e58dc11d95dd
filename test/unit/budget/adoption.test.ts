import { describe, expect, it } from 'vitest';
import { budgetAdoption } from '../../../functions/core/budget/adoption.js';
import type { Budget } from '../../../functions/core/budget/budget.js';
import type { BudgetStore } from '../../../functions/core/budget/budgets.js';

const TAMPO = '35.10.06.2001';
const NOW = new Date('2026-12-02T03:00:00.000Z');

/** One budget year in memory, adopting as the table's conditional update does (only a draft). */
function yearOf(...statuses: Budget['status'][]) {
  const versions: Budget[] = statuses.map((status, index) => ({
    villageCode: TAMPO,
    year: 2027,
    version: index + 1,
    status,
    ...(status === 'adopted' ? { legalProductId: 'PERDES-APBDES', adoptedAt: NOW.toISOString() } : {}),
    complaintAddress: 'Balai Desa Tampo',
    lines: [],
    updatedAt: NOW.toISOString(),
  }));
  const adoptions: string[] = [];
  const budgets: BudgetStore = {
    year: async () => ({ versions, realisation: [] }),
    putDraft: async () => true,
    putRealisation: async () => true, // not exercised: adoption only
    adopt: async (_village, _year, version, legalProductId, at) => {
      const index = versions.findIndex((budget) => budget.version === version);
      const target = versions[index];
      if (target?.status !== 'draft') return false;
      versions[index] = { ...target, status: 'adopted', legalProductId, adoptedAt: at };
      adoptions.push(`${version}/${legalProductId}`);
      return true;
    },
  };
  return { adoption: budgetAdoption({ budgets, clock: { now: () => NOW } }), versions, adoptions };
}

describe('budget adoption by a Perdes on the APBDes', () => {
  it('adopts the latest draft once: adopting again with the same regulation is a no-op', async () => {
    const { adoption, versions, adoptions } = yearOf('draft');
    await adoption.adopt(TAMPO, 2027, 'PERDES-APBDES');
    await adoption.adopt(TAMPO, 2027, 'PERDES-APBDES');
    expect(adoptions).toEqual(['1/PERDES-APBDES']);
    expect(versions[0]).toMatchObject({ status: 'adopted', legalProductId: 'PERDES-APBDES' });
  });

  it('leaves the next draft (APBDes Perubahan) alone when the regulation that adopted an earlier version is published again', async () => {
    const { adoption, versions, adoptions } = yearOf('adopted', 'draft');
    await adoption.adopt(TAMPO, 2027, 'PERDES-APBDES');
    expect(adoptions).toEqual([]);
    expect(versions[1]?.status).toBe('draft');
    // Its own regulation adopts it
    await adoption.adopt(TAMPO, 2027, 'PERDES-APBDES-PERUBAHAN');
    expect(adoptions).toEqual(['2/PERDES-APBDES-PERUBAHAN']);
  });

  it('does nothing for a year never drafted', async () => {
    const { adoption, adoptions } = yearOf();
    await adoption.adopt(TAMPO, 2027, 'PERDES-APBDES');
    expect(adoptions).toEqual([]);
  });
});
