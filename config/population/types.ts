/**
 * The shape of the synthetic population dataset (population.json): what a Dukcapil family card (Kartu
 * Keluarga) and BPJS Kesehatan would say about the residents of the demo villages. The generator writes it,
 * the registry adapters read it. Only the fields the checks, the tests and the demo need are kept.
 */
export type Sex = 'M' | 'F';

export type Religion = 'Islam' | 'Kristen' | 'Katolik' | 'Hindu';

/** Status hubungan dalam keluarga, as the family card prints it. */
export type FamilyRelation =
  | 'Kepala Keluarga'
  | 'Istri'
  | 'Anak'
  | 'Menantu'
  | 'Cucu'
  | 'Orang Tua'
  | 'Mertua'
  | 'Famili Lain';

/** BPJS Kesehatan (JKN) participation: none, PBI (contributions paid by the state), or a paying class. */
export type BpjsParticipation = 'none' | 'PBI' | '1' | '2' | '3';

/** Pendidikan dalam KK, as SIAK prints it. */
export type Education =
  | 'Tidak/Belum Sekolah'
  | 'Belum Tamat SD/Sederajat'
  | 'Tamat SD/Sederajat'
  | 'SLTP/Sederajat'
  | 'SLTA/Sederajat'
  | 'Diploma I/II'
  | 'Akademi/Diploma III/S. Muda'
  | 'Diploma IV/Strata I';

/** Jenis Pekerjaan, as SIAK prints it (the ones a village's card mostly holds). */
export type Occupation =
  | 'Belum/Tidak Bekerja'
  | 'Mengurus Rumah Tangga'
  | 'Pelajar/Mahasiswa'
  | 'Pensiunan'
  | 'Petani/Pekebun'
  | 'Buruh Tani/Perkebunan'
  | 'Peternak'
  | 'Wiraswasta'
  | 'Pedagang'
  | 'Karyawan Swasta'
  | 'Buruh Harian Lepas'
  | 'Sopir'
  | 'Guru'
  | 'Pegawai Negeri Sipil'
  | 'Perangkat Desa';

export interface Resident {
  /** 16 digits: district code, birth date DDMMYY (day + 40 for women), 4-digit sequence. */
  readonly nik: string;
  readonly name: string;
  readonly sex: Sex;
  readonly birthPlace: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  readonly religion: Religion;
  readonly relation: FamilyRelation;
  readonly status: 'alive' | 'deceased';
  readonly bpjs: BpjsParticipation;
  /** On the family card; the demo households' fixtures leave them to the generator. */
  readonly education?: Education;
  readonly occupation?: Occupation;
}

/** One family card (Kartu Keluarga) and the people on it. */
export interface Household {
  /** 16 digits: district code, issue date DDMMYY, 4-digit sequence. */
  readonly familyCardNumber: string;
  /** Kemendagri code of the village the household lives in, e.g. 35.10.06.2001. */
  readonly villageCode: string;
  readonly dusun: string;
  readonly rt: string;
  readonly rw: string;
  /** Recorded by the village poverty team (DTKS); drives who gets PBI in the synthetic data. */
  readonly poor: boolean;
  /** The head first, then the others in family-card order. */
  readonly members: readonly Resident[];
}

export interface PopulationDataset {
  readonly description: string;
  /** The date the data describes (ages, newborns); fixed so the generator stays deterministic. */
  readonly asOf: string;
  readonly households: readonly Household[];
}
