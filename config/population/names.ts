import type { Religion, Sex } from './types.js';

/**
 * Name pools for the synthetic population: Javanese names as East Java gives them (older people often carry
 * one name; younger ones two or three), a few Osing names for Banyuwangi, Balinese names for Hindu families
 * and baptismal names for Christian ones. Indonesians rarely have family names, but many parents now pass
 * the father's last name on, so the generator sometimes does.
 */
export interface NamePools {
  readonly older: Readonly<Record<Sex, readonly string[]>>;
  readonly first: Readonly<Record<Sex, readonly string[]>>;
  readonly middle: Readonly<Record<Sex, readonly string[]>>;
  readonly last: Readonly<Record<Sex, readonly string[]>>;
  /** Whether children may carry the father's last name (Javanese families often do; Balinese names don't). */
  readonly inheritLastName: boolean;
}

const JAVANESE: NamePools = {
  older: {
    M: [
      'Sukardi',
      'Paimin',
      'Katiran',
      'Tukiman',
      'Ngadiman',
      'Karsono',
      'Samsuri',
      'Mulyadi',
      'Suparno',
      'Sutrisno',
      'Kasiman',
      'Parmin',
      'Sadikin',
      'Suwito',
      'Wagiman',
      'Suyono',
      'Rusdi',
      'Sukirno',
      'Darmanto',
    ],
    F: [
      'Tumini',
      'Tukinem',
      'Painem',
      'Sainem',
      'Ngatini',
      'Kasmirah',
      'Sumiati',
      'Suparmi',
      'Sarinah',
      'Juminten',
      'Katinem',
      'Marsini',
      'Poniyem',
      'Sumarni',
      'Suwarni',
      'Rukmini',
      'Sutinah',
      'Katemi',
      'Sunarti',
      'Sulastri',
    ],
  },
  first: {
    M: [
      'Agus',
      'Bambang',
      'Budi',
      'Dedi',
      'Eko',
      'Hadi',
      'Joko',
      'Slamet',
      'Sugeng',
      'Wahyu',
      'Yusuf',
      'Rudi',
      'Teguh',
      'Imam',
      'Ahmad',
      'Muhammad',
      'Arif',
      'Fajar',
      'Rizky',
      'Dimas',
      'Bayu',
      'Andi',
      'Heru',
      'Yoga',
      'Ilham',
      'Galih',
      'Hendra',
      'Rizal',
      'Aditya',
      'Bagus',
      'Puji',
    ],
    F: [
      'Siti',
      'Sri',
      'Dewi',
      'Endang',
      'Rina',
      'Nur',
      'Ani',
      'Lilis',
      'Yuli',
      'Eka',
      'Putri',
      'Ayu',
      'Indah',
      'Novita',
      'Anisa',
      'Fitri',
      'Ratna',
      'Retno',
      'Wulan',
      'Intan',
      'Nadia',
      'Rahma',
      'Dian',
      'Lina',
      'Lilik',
    ],
  },
  middle: {
    M: ['Arya', 'Putra', 'Dwi', 'Adi', 'Bima', 'Tri', 'Nur'],
    F: ['Ayu', 'Putri', 'Dwi', 'Nur', 'Kartika', 'Tri', 'Dewi'],
  },
  last: {
    M: [
      'Santoso',
      'Prasetyo',
      'Wibowo',
      'Setiawan',
      'Hidayat',
      'Saputra',
      'Nugroho',
      'Susanto',
      'Purnomo',
      'Kurniawan',
      'Firmansyah',
      'Gunawan',
      'Hartono',
      'Wijaya',
      'Supriyadi',
      'Pratama',
      'Ramadhan',
      'Maulana',
      'Riyanto',
      'Cahyono',
      'Utomo',
      'Wicaksono',
    ],
    F: [
      'Lestari',
      'Rahayu',
      'Wulandari',
      'Handayani',
      'Purwanti',
      'Aminah',
      'Suryani',
      'Rahmawati',
      'Kusumawati',
      'Setyowati',
      'Susanti',
      'Hartati',
      'Fitriani',
      'Ningsih',
      'Yuliani',
      'Safitri',
      'Anggraini',
      'Maharani',
      'Puspitasari',
      'Nurhayati',
    ],
  },
  inheritLastName: true,
};

/** Osing (Banyuwangi) names; "Sayu" is the old Blambangan prefix for women. */
const OSING_OLDER: Readonly<Record<Sex, readonly string[]>> = {
  M: ['Misnadi', 'Sahuni', 'Mistoyo', 'Nurhadi', 'Sanusi', 'Asmuni', 'Sarkawi'],
  F: ['Temu', 'Supinah', 'Misti', 'Sayu Sarinah', 'Sayu Wiwit', 'Asiyah'],
};

const BALINESE: NamePools = {
  older: {
    M: ['I Wayan Sudarma', 'I Made Suartana', 'I Nyoman Sukadana'],
    F: ['Ni Wayan Sukerti', 'Ni Made Suarni', 'Ni Nyoman Sumerti'],
  },
  first: {
    M: ['I Wayan', 'I Made', 'I Nyoman', 'I Ketut'],
    F: ['Ni Wayan', 'Ni Made', 'Ni Nyoman', 'Ni Ketut'],
  },
  middle: { M: ['Gede', 'Putu'], F: ['Luh', 'Putu'] },
  last: {
    M: ['Sudarma', 'Suartana', 'Adnyana', 'Wirawan', 'Sukadana', 'Artawan'],
    F: ['Sukerti', 'Suarni', 'Ariani', 'Sumerti', 'Astuti', 'Wahyuni'],
  },
  inheritLastName: false,
};

const CHRISTIAN_FIRST: Readonly<Record<Sex, readonly string[]>> = {
  M: ['Yohanes', 'Paulus', 'Stefanus', 'Yosef', 'Markus', 'Antonius'],
  F: ['Maria', 'Theresia', 'Agnes', 'Veronika', 'Yohana', 'Elisabet'],
};

/** The pools a household of this religion and regency draws from. */
export function namePools(religion: Religion, regency: string): NamePools {
  if (religion === 'Hindu') return BALINESE;
  const older =
    regency === 'Banyuwangi'
      ? { M: [...JAVANESE.older.M, ...OSING_OLDER.M], F: [...JAVANESE.older.F, ...OSING_OLDER.F] }
      : JAVANESE.older;
  const first =
    religion === 'Kristen' || religion === 'Katolik'
      ? { M: [...CHRISTIAN_FIRST.M, ...JAVANESE.first.M], F: [...CHRISTIAN_FIRST.F, ...JAVANESE.first.F] }
      : JAVANESE.first;
  return { ...JAVANESE, older, first };
}
