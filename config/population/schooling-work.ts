import type { Education, Occupation, Resident } from './types.js';

/** The draws this module needs (the generator's seeded Random has them). */
export interface Draws {
  chance(probability: number): boolean;
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
}

type Weights<T> = readonly (readonly [T, number])[];

/**
 * Adults' schooling by birth cohort: a rural East Javan born before 1970 mostly finished primary school at
 * most; those born since 1990 mostly reached junior or senior secondary (BPS Susenas shares, rounded).
 */
const ADULT_EDUCATION: readonly { readonly bornBefore: number; readonly weights: Weights<Education> }[] = [
  {
    bornBefore: 1970,
    weights: [
      ['Tidak/Belum Sekolah', 18],
      ['Belum Tamat SD/Sederajat', 22],
      ['Tamat SD/Sederajat', 45],
      ['SLTP/Sederajat', 9],
      ['SLTA/Sederajat', 5],
      ['Diploma IV/Strata I', 1],
    ],
  },
  {
    bornBefore: 1990,
    weights: [
      ['Tidak/Belum Sekolah', 4],
      ['Belum Tamat SD/Sederajat', 8],
      ['Tamat SD/Sederajat', 40],
      ['SLTP/Sederajat', 25],
      ['SLTA/Sederajat', 19],
      ['Akademi/Diploma III/S. Muda', 1],
      ['Diploma IV/Strata I', 3],
    ],
  },
  {
    bornBefore: Number.POSITIVE_INFINITY,
    weights: [
      ['Tamat SD/Sederajat', 14],
      ['SLTP/Sederajat', 30],
      ['SLTA/Sederajat', 44],
      ['Diploma I/II', 2],
      ['Akademi/Diploma III/S. Muda', 3],
      ['Diploma IV/Strata I', 7],
    ],
  },
];

/** Working-age villagers: farming first, then trade, labour and the few salaried posts. */
const WORK: Weights<Occupation> = [
  ['Petani/Pekebun', 30],
  ['Buruh Tani/Perkebunan', 14],
  ['Wiraswasta', 12],
  ['Pedagang', 8],
  ['Karyawan Swasta', 9],
  ['Buruh Harian Lepas', 12],
  ['Peternak', 4],
  ['Sopir', 2],
  ['Guru', 2],
  ['Pegawai Negeri Sipil', 1],
  ['Perangkat Desa', 1],
  ['Belum/Tidak Bekerja', 5],
];

/**
 * What the family card says of a resident's schooling and work (SIAK's Pendidikan dalam KK and Jenis
 * Pekerjaan), drawn from their age and sex: children in school by age, about one in twelve of 13–18 year
 * olds out of school (Garda Ampuh's cases), most married women keeping the house, the old retired from work.
 */
export function schoolingAndWork(
  resident: Pick<Resident, 'sex' | 'birthDate' | 'relation'>,
  age: number,
  draws: Draws,
): { readonly education: Education; readonly occupation: Occupation } {
  if (age < 7) return { education: 'Tidak/Belum Sekolah', occupation: 'Belum/Tidak Bekerja' };
  if (age <= 18) {
    const reached: Education =
      age <= 12 ? 'Belum Tamat SD/Sederajat' : age <= 15 ? 'Tamat SD/Sederajat' : 'SLTP/Sederajat';
    if (age >= 13 && draws.chance(0.08)) return { education: reached, occupation: 'Belum/Tidak Bekerja' };
    return { education: reached, occupation: 'Pelajar/Mahasiswa' };
  }
  const born = Number(resident.birthDate.slice(0, 4));
  const education = draws.weighted(ADULT_EDUCATION.find((entry) => born < entry.bornBefore)?.weights ?? []);
  if (age <= 22 && draws.chance(0.3)) return { education, occupation: 'Pelajar/Mahasiswa' };
  if (age >= 65) {
    return {
      education,
      occupation: draws.weighted<Occupation>([
        ['Belum/Tidak Bekerja', 5],
        ['Petani/Pekebun', 3],
        ['Pensiunan', 1],
        ...(resident.sex === 'F' ? ([['Mengurus Rumah Tangga', 3]] as const) : []),
      ]),
    };
  }
  const keepsHouse = resident.sex === 'F' && resident.relation !== 'Kepala Keluarga' && draws.chance(0.55);
  return { education, occupation: keepsHouse ? 'Mengurus Rumah Tangga' : draws.weighted(WORK) };
}
