import { REFERENCE_ACTIVITIES } from './reference-activities.js';

/**
 * The APBDes chart of accounts (Permendagri 20/2018, appendix): income and financing down to the object
 * (4.1.1, 6.1.1), spending by type (5.1–5.4) and by bidang / sub-bidang / kegiatan (`BB.SS.KK`).
 */

/** Income (4) and financing (6) accounts a budget line may use. */
export const ACCOUNTS: Readonly<Record<string, string>> = {
  '4.1.1': 'Hasil Usaha Desa',
  '4.1.2': 'Hasil Aset Desa',
  '4.1.3': 'Swadaya, Partisipasi dan Gotong Royong',
  '4.1.4': 'Lain-lain Pendapatan Asli Desa',
  '4.2.1': 'Dana Desa',
  '4.2.2': 'Bagian dari Hasil Pajak dan Retribusi Daerah Kabupaten/Kota',
  '4.2.3': 'Alokasi Dana Desa',
  '4.2.4': 'Bantuan Keuangan Provinsi',
  '4.2.5': 'Bantuan Keuangan Kabupaten/Kota',
  '4.3.1': 'Penerimaan dari Hasil Kerjasama antar Desa',
  '4.3.2': 'Penerimaan dari Hasil Kerjasama Desa dengan Pihak Ketiga',
  '4.3.3': 'Penerimaan dari Bantuan Perusahaan yang Berlokasi di Desa',
  '4.3.4': 'Hibah dan Sumbangan dari Pihak Ketiga',
  '4.3.5': 'Koreksi Kesalahan Belanja Tahun-tahun Sebelumnya',
  '4.3.6': 'Bunga Bank',
  '4.3.9': 'Lain-lain Pendapatan Desa yang Sah',
  '6.1.1': 'SiLPA Tahun Sebelumnya',
  '6.1.2': 'Pencairan Dana Cadangan',
  '6.1.3': 'Hasil Penjualan Kekayaan Desa yang Dipisahkan',
  '6.1.9': 'Penerimaan Pembiayaan Lainnya',
  '6.2.1': 'Pembentukan Dana Cadangan',
  '6.2.2': 'Penyertaan Modal Desa',
  '6.2.9': 'Pengeluaran Pembiayaan Lainnya',
};

/** Groups that totals are reported by. */
export const ACCOUNT_GROUPS: Readonly<Record<string, string>> = {
  '4.1': 'Pendapatan Asli Desa (PADes)',
  '4.2': 'Pendapatan Transfer',
  '4.3': 'Pendapatan Lain-lain',
  '6.1': 'Penerimaan Pembiayaan',
  '6.2': 'Pengeluaran Pembiayaan',
};

/** Spending by type (jenis belanja). */
export const SPENDING_TYPES: Readonly<Record<string, string>> = {
  '5.1': 'Belanja Pegawai',
  '5.2': 'Belanja Barang dan Jasa',
  '5.3': 'Belanja Modal',
  '5.4': 'Belanja Tak Terduga',
};

export const BIDANG: Readonly<Record<string, string>> = {
  '01': 'Penyelenggaraan Pemerintahan Desa',
  '02': 'Pelaksanaan Pembangunan Desa',
  '03': 'Pembinaan Kemasyarakatan Desa',
  '04': 'Pemberdayaan Masyarakat Desa',
  '05': 'Penanggulangan Bencana, Keadaan Darurat dan Mendesak Desa',
};

export const SUB_BIDANG: Readonly<Record<string, string>> = {
  '01.01': 'Penyelenggaraan Belanja Siltap, Tunjangan dan Operasional Pemerintahan Desa',
  '01.02': 'Sarana dan Prasarana Pemerintahan Desa',
  '01.03': 'Administrasi Kependudukan, Pencatatan Sipil, Statistik dan Kearsipan',
  '01.04': 'Tata Praja Pemerintahan, Perencanaan, Keuangan dan Pelaporan',
  '01.05': 'Pertanahan',
  '02.01': 'Pendidikan',
  '02.02': 'Kesehatan',
  '02.03': 'Pekerjaan Umum dan Penataan Ruang',
  '02.04': 'Kawasan Permukiman',
  '02.05': 'Kehutanan dan Lingkungan Hidup',
  '02.06': 'Perhubungan, Komunikasi dan Informatika',
  '02.07': 'Energi dan Sumber Daya Mineral',
  '02.08': 'Pariwisata',
  '03.01': 'Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat',
  '03.02': 'Kebudayaan dan Keagamaan',
  '03.03': 'Kepemudaan dan Olahraga',
  '03.04': 'Kelembagaan Masyarakat',
  '04.01': 'Kelautan dan Perikanan',
  '04.02': 'Pertanian dan Peternakan',
  '04.03': 'Peningkatan Kapasitas Aparatur Desa',
  '04.04': 'Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga',
  '04.05': 'Koperasi, Usaha Mikro Kecil dan Menengah (UMKM)',
  '04.06': 'Dukungan Penanaman Modal',
  '04.07': 'Perdagangan dan Perindustrian',
  '05.01': 'Penanggulangan Bencana',
  '05.02': 'Keadaan Darurat',
  '05.03': 'Keadaan Mendesak',
};

export const ACTIVITIES: ReadonlyMap<string, string> = new Map(REFERENCE_ACTIVITIES);

/**
 * Sources of funds, with Siskeudes' codes (Ref_Sumber): what each spending line is paid from. Colloquial
 * names map onto them: BHP/BHR (bagi hasil pajak/retribusi) is PBH, BKK (bantuan keuangan khusus) PBK or PBP.
 */
export const FUND_SOURCES: Readonly<Record<string, string>> = {
  DDS: 'Dana Desa',
  ADD: 'Alokasi Dana Desa',
  PAD: 'Pendapatan Asli Desa',
  PBH: 'Bagi Hasil Pajak dan Retribusi Daerah',
  PBK: 'Bantuan Keuangan Kabupaten/Kota',
  PBP: 'Bantuan Keuangan Provinsi',
  DLL: 'Pendapatan Lain-lain yang Sah',
  SILPA: 'SiLPA Tahun Sebelumnya',
};

export const bidangOf = (activity: string): string => activity.slice(0, 2);
export const subBidangOf = (activity: string): string => activity.slice(0, 5);
/** '4.2.1' → '4.2'. */
export const groupOf = (account: string): string => account.slice(0, 3);
