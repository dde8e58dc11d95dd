import type { SiteBudget } from '../../functions/core/website/content.js';

/** A village budget as the budget capability will supply it (until it is wired, the site shows "no data"). */
export const SAMPLE_BUDGET: SiteBudget = {
  year: 2026,
  version: 'APBDes',
  income: { planned: 2_150_000_000, realised: 1_204_500_000 },
  spendingByBidang: [
    { code: '01', name: 'Penyelenggaraan Pemerintahan Desa', planned: 780_000_000, realised: 401_250_000 },
    { code: '02', name: 'Pelaksanaan Pembangunan Desa', planned: 960_000_000, realised: 512_000_000 },
    { code: '03', name: 'Pembinaan Kemasyarakatan', planned: 140_000_000, realised: 61_900_000 },
    { code: '04', name: 'Pemberdayaan Masyarakat', planned: 220_000_000, realised: 98_000_000 },
    { code: '05', name: 'Penanggulangan Bencana, Darurat dan Mendesak', planned: 50_000_000, realised: 0 },
  ],
  realisedUpTo: '2026-06-30',
};
