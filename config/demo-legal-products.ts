/**
 * Demo legal products (issue 12): the Peraturan Desa on the APBDes 2026 of Tampo and Sawoo, promulgated in
 * their Lembaran Desa, reported to the Bupati, and adopting the demo budgets (config/demo-budgets.ts). Seeded
 * by `npm start` (set by the village's head on record) straight into the register as a village enters the products it set before it used Desa
 * Digital; new ones go through the approval chain.
 */
export interface DemoLegalProduct {
  readonly id: string;
  readonly villageCode: string;
  readonly title: string;
  readonly subject: string;
  readonly abstract: string;
  readonly budgetYear: number;
  readonly enactedOn: string;
  readonly bpdAgreement: { readonly date: string; readonly number: string };
  readonly evaluation: { readonly date: string; readonly number: string };
  readonly bupatiReport: { readonly date: string; readonly number: string };
}

const APBDES_2026 = {
  title: 'Anggaran Pendapatan dan Belanja Desa Tahun Anggaran 2026',
  subject: 'ANGGARAN PENDAPATAN DAN BELANJA DESA',
  budgetYear: 2026,
  enactedOn: '2025-12-30',
} as const;

export const DEMO_LEGAL_PRODUCTS: readonly DemoLegalProduct[] = [
  {
    ...APBDES_2026,
    id: '01KBTAMP0PERDES0APBDES2026',
    villageCode: '35.10.06.2001',
    abstract:
      'Pendapatan desa Tampo tahun anggaran 2026 (Dana Desa, Alokasi Dana Desa, bagi hasil pajak dan pendapatan asli desa), belanja desa menurut bidang penyelenggaraan pemerintahan, pembangunan, pembinaan kemasyarakatan, pemberdayaan dan penanggulangan bencana, serta pembiayaan desa.',
    bpdAgreement: { date: '2025-12-12', number: '09/BA/BPD/XII/2025' },
    evaluation: { date: '2025-12-23', number: '100.3/212/429.510/2025' },
    bupatiReport: { date: '2026-01-05', number: '100.3/01/429.510.06/2026' },
  },
  {
    ...APBDES_2026,
    id: '01KBSAW00PERDES0APBDES2026',
    villageCode: '35.02.05.2008',
    abstract:
      'Pendapatan desa Sawoo tahun anggaran 2026, belanja desa menurut bidang dan kegiatan, serta pembiayaan desa termasuk penyertaan modal BUM Desa.',
    bpdAgreement: { date: '2025-12-10', number: '05/BPD/XII/2025' },
    evaluation: { date: '2025-12-22', number: '100.3/118/405.28/2025' },
    bupatiReport: { date: '2026-01-06', number: '100.3/03/405.28.05/2026' },
  },
];
