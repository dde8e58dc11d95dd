import { REGENCY_SERVICE_CODES } from '../functions/core/catalog/index.js';
import { type LocalizedText, text } from '../functions/core/shared/text.js';
import type { Village } from '../functions/core/villages/places.js';

/**
 * Demo villages, seeded by `npm start`: the 22 Smart Kampung villages of Banyuwangi (seed 002, Table 2)
 * and the villages of Sawoo district, Ponorogo (seed 000). Region codes follow the Kemendagri pattern
 * (province.regency.district.village); district and village numbers here are demo values, not checked
 * against Kemendagri's register, so check them before using this data for real letters.
 */
const EAST_JAVA = 'Jawa Timur';
const BANYUWANGI = { code: '35.10', name: 'Banyuwangi' };
const PONOROGO = { code: '35.02', name: 'Ponorogo' };

/** [district, district code, village, letter code] per Table 2 of seed 002 (district names as spelled there). */
const SMART_KAMPUNG: readonly (readonly [string, string, string, string])[] = [
  ['Bangorejo', '02', 'Temurejo', 'TMR'],
  ['Cluring', '06', 'Tampo', 'TMP'],
  ['Gambiran', '07', 'Yosomulyo', 'YSM'],
  ['Genteng', '09', 'Genteng Kulon', 'GTK'],
  ['Glagah', '15', 'Kampung Anyar', 'KPA'],
  ['Glenmore', '10', 'Sumber Gondo', 'SGD'],
  ['Kabat', '14', 'Pakistaji', 'PKJ'],
  ['Kalibaru', '11', 'Kajarharjo', 'KJH'],
  ['Kalipuro', '21', 'Ketapang', 'KTP'],
  ['Licin', '24', 'Taman Sari', 'TMS'],
  ['Muncar', '05', 'Tembok Rejo', 'TBR'],
  ['Muncar', '05', 'Sumber Beras', 'SBR'],
  ['Pesanggaran', '01', 'Sumber Agung', 'SBA'],
  ['Purwoharjo', '03', 'Karetan', 'KRT'],
  ['Rogojampi', '13', 'Babuk', 'BBK'],
  ['Sempu', '20', 'Tegal Arum', 'TGA'],
  ['Siliragung', '22', 'Silir Agung', 'SLA'],
  ['Singojuruh', '12', 'Singojuruh', 'SGJ'],
  ['Songgon', '19', 'Sumber Bulu', 'SBB'],
  ['Srono', '08', 'Sukonatar', 'SKN'],
  ['Tegaldlimo', '04', 'Purwo Asri', 'PWA'],
  ['Tegalsari', '23', 'Tegalsari', 'TGS'],
];

const SAWOO_VILLAGES: readonly (readonly [string, string])[] = [
  ['Bondrang', 'BDR'],
  ['Grogol', 'GRG'],
  ['Ketro', 'KTR'],
  ['Kori', 'KRI'],
  ['Legundi', 'LGD'],
  ['Pangkal', 'PKL'],
  ['Prayungan', 'PRY'],
  ['Sawoo', 'SWO'],
  ['Sriti', 'SRT'],
  ['Temon', 'TMN'],
  ['Tempuran', 'TPR'],
  ['Tugurejo', 'TGR'],
  ['Tumpak Pelem', 'TPP'],
  ['Tumpuk', 'TPK'],
];

/** Demo names for village heads; a real village sets its own when onboarded. */
const HEAD_NAMES = [
  'Suwebi',
  'M. Kitoiri',
  'Sri Wahyuni',
  'Bambang Hariyanto',
  'Siti Aminah',
  'Agus Salim',
  'Dwi Lestari',
];

function village(
  regency: { code: string; name: string },
  district: { code: string; name: string },
  index: number,
  name: string,
  letterCode: string,
): Village {
  const code = `${district.code}.${2000 + index}`;
  return {
    code,
    name,
    kind: 'desa',
    // The camat's office, on the letterhead of the permits the camat signs (IUMK, IPHP, SKAW, SKRT).
    district: {
      ...district,
      address: `Jl. Raya ${district.name}, Kec. ${district.name}, Kab. ${regency.name}`,
    },
    regency,
    province: EAST_JAVA,
    address: `Jl. Raya ${name}, Kec. ${district.name}, Kab. ${regency.name}, ${EAST_JAVA}`,
    head: {
      name: HEAD_NAMES[index % HEAD_NAMES.length] ?? 'Kepala Desa',
      title: text('Kepala Desa', 'Village Head'),
    },
    letterCode,
    // Every demo village offers every regency service; its own programmes are added as data.
    services: REGENCY_SERVICE_CODES,
  };
}

/** Villages numbered within their district in listing order, as Kemendagri numbers desa from 2001. */
const numberedWithinDistrict = <T>(rows: readonly T[], districtOf: (row: T) => string) => {
  const counters = new Map<string, number>();
  return rows.map((row) => {
    const next = (counters.get(districtOf(row)) ?? 0) + 1;
    counters.set(districtOf(row), next);
    return { row, index: next };
  });
};

/** Demo announcements (pengumuman) for the office display, by village name. */
const ANNOUNCEMENTS: Readonly<Record<string, readonly LocalizedText[]>> = {
  Tampo: [
    text(
      'Pelayanan surat di Kantor Desa Tampo: Senin–Jumat pukul 08.00–14.00 WIB. Surat juga bisa diajukan dari rumah lewat Desa Digital.',
      'Letters at the Tampo village office: Monday–Friday 08:00–14:00. You can also apply from home with Desa Digital.',
    ),
    text(
      'Posyandu balita dan lansia: Kamis pertama setiap bulan di Balai Dusun Krajan.',
      'Health post for toddlers and the elderly: first Thursday of each month at the Krajan hamlet hall.',
    ),
  ],
  Sawoo: [
    text(
      'Kerja bakti membersihkan saluran irigasi: Minggu pukul 07.00 WIB, berkumpul di balai desa.',
      'Community clean-up of the irrigation channels: Sunday 07:00, meet at the village hall.',
    ),
  ],
};

export const DEMO_VILLAGES: readonly Village[] = [
  ...numberedWithinDistrict(SMART_KAMPUNG, ([district]) => district).map(
    ({ row: [district, districtNo, name, letter], index }) =>
      village(BANYUWANGI, { code: `${BANYUWANGI.code}.${districtNo}`, name: district }, index, name, letter),
  ),
  // Ponorogo's offices print on F4 (folio), Banyuwangi's on A4: the demo letters show both papers.
  ...SAWOO_VILLAGES.map(([name, letter], position) => ({
    ...village(PONOROGO, { code: `${PONOROGO.code}.05`, name: 'Sawoo' }, position + 1, name, letter),
    paper: 'F4' as const,
  })),
].map((demo) => (ANNOUNCEMENTS[demo.name] ? { ...demo, announcements: ANNOUNCEMENTS[demo.name] } : demo));
