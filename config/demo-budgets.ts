import type { ActivityRealisation } from '../functions/core/budget/realisation.js';

/**
 * Demo budgets (APBDes 2026) of Tampo and Sawoo, seeded by `npm start` when the village has none for the
 * year: written in the CSV import template (README "Village budget"), adopted by a demo Peraturan Desa and
 * with semester 1 realisation. Figures are made up, in the proportions of a Javanese village's budget.
 */
export interface DemoBudget {
  readonly villageCode: string;
  readonly year: number;
  readonly csv: string;
  readonly complaintAddress: string;
  /** The demo Perdes APBDes that adopted it (config/demo-legal-products.ts). */
  readonly legalProductId: string;
  readonly semester1: readonly ActivityRealisation[];
}

const HEADER = 'kode_rekening,kode_kegiatan,uraian,sumber_dana,pelaksana,anggaran';

export const DEMO_BUDGETS: readonly DemoBudget[] = [
  {
    villageCode: '35.10.06.2001',
    year: 2026,
    complaintAddress: 'Kantor Desa Tampo, Jl. Raya Tampo No. 1, Cluring, Banyuwangi; WhatsApp 081100000103',
    legalProductId: '01KBTAMP0PERDES0APBDES2026',
    csv: `${HEADER}
4.1.1,,Hasil Usaha BUM Desa,,,15000000
4.1.2,,Sewa Tanah Kas Desa,,,10000000
4.2.1,,Dana Desa,,,1020000000
4.2.2,,Bagi Hasil Pajak dan Retribusi Daerah,,,62000000
4.2.3,,Alokasi Dana Desa,,,648000000
6.1.1,,SiLPA 2025,,,35000000
6.2.2,,Penyertaan Modal BUM Desa,,,50000000
5.1,01.01.01,,ADD,Kaur Keuangan,180000000
5.1,01.01.02,,ADD,Kaur Keuangan,312000000
5.2,01.01.04,,ADD,Sekretaris Desa,48000000
5.2,01.01.06,,ADD,Sekretaris Desa,24000000
5.2,01.04.01,,ADD,Kasi Pemerintahan,12000000
5.2,01.04.08,"Website desa, layanan surat daring",PBH,Kasi Pemerintahan,25000000
5.1,02.02.02,Insentif kader posyandu,DDS,Kasi Kesejahteraan,36000000
5.2,02.02.02,Makanan tambahan balita dan ibu hamil,DDS,Kasi Kesejahteraan,54000000
5.3,02.03.10,Pengaspalan Jalan Dusun Krajan 600 m,DDS,Kasi Pembangunan,410000000
5.3,02.04.11,Sumur bor Dusun Kedungrejo,DDS,Kasi Pembangunan,120000000
5.2,03.02.03,Festival Gandrung desa,PAD,Kasi Kesejahteraan,25000000
5.2,03.04.03,,ADD,Kasi Kesejahteraan,30000000
5.2,04.02.03,Lumbung pangan desa (ketahanan pangan),DDS,Kasi Kesejahteraan,204000000
5.3,04.06.90,Kios BUM Desa,DDS,Kaur Perencanaan,95000000
5.4,05.03.01,BLT Dana Desa,DDS,Kasi Kesejahteraan,100000000
`,
    semester1: [
      { activity: '01.01.01', amount: 90_000_000, progress: 'berjalan' },
      { activity: '01.01.02', amount: 156_000_000, progress: 'berjalan' },
      { activity: '01.01.04', amount: 22_500_000, progress: 'berjalan' },
      { activity: '01.01.06', amount: 11_000_000, progress: 'berjalan' },
      { activity: '01.04.01', amount: 12_000_000, progress: 'selesai' },
      { activity: '01.04.08', amount: 10_000_000, progress: 'berjalan' },
      { activity: '02.02.02', amount: 42_000_000, progress: 'berjalan' },
      { activity: '02.03.10', amount: 205_000_000, progress: 'berjalan' },
      { activity: '02.04.11', amount: 0, progress: 'belum' },
      { activity: '03.04.03', amount: 14_000_000, progress: 'berjalan' },
      { activity: '04.02.03', amount: 80_000_000, progress: 'berjalan' },
      {
        activity: '04.06.90',
        amount: 0,
        progress: 'batal',
        note: 'Lahan belum tersedia; dianggarkan lagi 2027',
      },
      { activity: '05.03.01', amount: 50_000_000, progress: 'berjalan' },
    ],
  },
  {
    villageCode: '35.02.05.2008',
    year: 2026,
    complaintAddress: 'Kantor Desa Sawoo, Jl. Raya Sawoo, Ponorogo; SMS/WhatsApp 081100000203',
    legalProductId: '01KBSAW00PERDES0APBDES2026',
    csv: `${HEADER}
4.1.3,,Swadaya masyarakat,,,20000000
4.2.1,,Dana Desa,,,890000000
4.2.2,,Bagi Hasil Pajak dan Retribusi Daerah,,,48000000
4.2.3,,Alokasi Dana Desa,,,560000000
4.2.5,,Bantuan Keuangan Kabupaten Ponorogo,,,150000000
6.1.1,,SiLPA 2025,,,22000000
5.1,01.01.01,,ADD,Kaur Keuangan,170000000
5.1,01.01.02,,ADD,Kaur Keuangan,290000000
5.2,01.01.04,,ADD,Sekretaris Desa,40000000
5.2,01.03.01,,PBH,Kasi Pemerintahan,18000000
5.2,02.01.01,,DDS,Kasi Kesejahteraan,60000000
5.2,02.02.01,,DDS,Kasi Kesejahteraan,45000000
5.3,02.03.12,Rabat beton jalan usaha tani,DDS,Kasi Pembangunan,320000000
5.3,02.03.90,Talud pengaman tebing Dusun Krajan,PBK,Kasi Pembangunan,150000000
5.2,03.02.92,Bersih desa,PAD,Kasi Kesejahteraan,20000000
5.2,04.02.03,Ketahanan pangan,DDS,Kasi Kesejahteraan,178000000
5.2,04.03.02,,ADD,Sekretaris Desa,30000000
5.4,05.03.01,BLT Dana Desa,DDS,Kasi Kesejahteraan,90000000
`,
    semester1: [
      { activity: '01.01.01', amount: 85_000_000, progress: 'berjalan' },
      { activity: '01.01.02', amount: 145_000_000, progress: 'berjalan' },
      { activity: '01.01.04', amount: 19_000_000, progress: 'berjalan' },
      { activity: '02.01.01', amount: 30_000_000, progress: 'berjalan' },
      { activity: '02.03.12', amount: 318_500_000, progress: 'selesai' },
      { activity: '02.03.90', amount: 0, progress: 'belum' },
      { activity: '03.02.92', amount: 20_000_000, progress: 'selesai' },
      { activity: '04.02.03', amount: 60_000_000, progress: 'berjalan' },
      { activity: '05.03.01', amount: 45_000_000, progress: 'berjalan' },
    ],
  },
];
