import type { BpjsParticipation, Household, Resident } from './types.js';

/**
 * Hand-written households of the two villages the tests, the README and the demo talk about: Tampo
 * (Cluring, Banyuwangi, 35.10.06.2001) and Sawoo (Sawoo, Ponorogo, 35.02.05.2008). The generator puts them
 * first in their village, in the scenario order every village follows (see SCENARIOS in generator.ts), and
 * fills the rest of the village with random households. Their names and numbers never change when the
 * generator does, so tests and documentation can quote them.
 */

const member = (
  nik: string,
  name: string,
  sex: Resident['sex'],
  birthPlace: string,
  birthDate: string,
  relation: Resident['relation'],
  bpjs: BpjsParticipation,
  status: Resident['status'] = 'alive',
): Resident => ({ nik, name, sex, birthPlace, birthDate, religion: 'Islam', relation, status, bpjs });

export const TAMPO_CODE = '35.10.06.2001';
export const SAWOO_CODE = '35.02.05.2008';

export const TAMPO_HOUSEHOLDS: readonly Household[] = [
  // 1. A family head with wife and children: Budi Santoso, the applicant of the README's walkthrough;
  //    poor and without BPJS, so an SPM for him passes both checks.
  {
    familyCardNumber: '3510060107190001',
    villageCode: TAMPO_CODE,
    dusun: 'Krajan',
    rt: '01',
    rw: '02',
    poor: true,
    members: [
      member('3510061208900003', 'Budi Santoso', 'M', 'Banyuwangi', '1990-08-12', 'Kepala Keluarga', 'none'),
      member('3510066104930001', 'Sri Wahyuningsih', 'F', 'Banyuwangi', '1993-04-21', 'Istri', 'none'),
      member('3510060311150001', 'Dimas Arya Santoso', 'M', 'Banyuwangi', '2015-11-03', 'Anak', 'none'),
      member('3510066706190001', 'Putri Ayu Lestari', 'F', 'Banyuwangi', '2019-06-27', 'Anak', 'none'),
    ],
  },
  // 2. A poor household without BPJS (the SPM's intended recipients).
  {
    familyCardNumber: '3510061002160001',
    villageCode: TAMPO_CODE,
    dusun: 'Sumberejo',
    rt: '02',
    rw: '03',
    poor: true,
    members: [
      member('3510061402620001', 'Misnadi', 'M', 'Banyuwangi', '1962-02-14', 'Kepala Keluarga', 'none'),
      member('3510067009660001', 'Sunarti', 'F', 'Banyuwangi', '1966-09-30', 'Istri', 'none'),
      member('3510064501990001', 'Siti Nur Aini', 'F', 'Banyuwangi', '1999-01-05', 'Anak', 'none'),
    ],
  },
  // 3. Already insured, class 1: an SPM for them is returned.
  {
    familyCardNumber: '3510062008120001',
    villageCode: TAMPO_CODE,
    dusun: 'Krajan',
    rt: '02',
    rw: '01',
    poor: false,
    members: [
      member('3510060903780001', 'Hendra Gunawan', 'M', 'Banyuwangi', '1978-03-09', 'Kepala Keluarga', '1'),
      member('3510064212810001', 'Dewi Kartika Sari', 'F', 'Jember', '1981-12-02', 'Istri', '1'),
      member('3510061807060001', 'Bagus Pratama', 'M', 'Banyuwangi', '2006-07-18', 'Anak', '1'),
    ],
  },
  // 4. Already covered by PBI (state-paid): an SPM for them is returned too.
  {
    familyCardNumber: '3510060305110001',
    villageCode: TAMPO_CODE,
    dusun: 'Sumberejo',
    rt: '01',
    rw: '03',
    poor: true,
    members: [
      member('3510061705550001', 'Sukardi', 'M', 'Banyuwangi', '1955-05-17', 'Kepala Keluarga', 'PBI'),
      member('3510064810580001', 'Tumini', 'F', 'Banyuwangi', '1958-10-08', 'Istri', 'PBI'),
    ],
  },
  // 5. A death in the family: the father of the head died; the head reports it (akta kematian).
  {
    familyCardNumber: '3510061501140001',
    villageCode: TAMPO_CODE,
    dusun: 'Krajan',
    rt: '03',
    rw: '02',
    poor: false,
    members: [
      member('3510062001720001', 'Joko Susilo', 'M', 'Banyuwangi', '1972-01-20', 'Kepala Keluarga', '3'),
      member('3510065106750001', 'Endang Purwati', 'F', 'Banyuwangi', '1975-06-11', 'Istri', '3'),
      member('3510066603010001', 'Wulan Sari', 'F', 'Banyuwangi', '2001-03-26', 'Anak', '3'),
      member('3510060304410001', 'Sarkawi', 'M', 'Banyuwangi', '1941-04-03', 'Orang Tua', '3', 'deceased'),
    ],
  },
  // 6. A young couple whose first child was just born (akta kelahiran): the baby is not registered yet.
  {
    familyCardNumber: '3510060909230001',
    villageCode: TAMPO_CODE,
    dusun: 'Krajan',
    rt: '04',
    rw: '01',
    poor: false,
    members: [
      member('3510062502980001', 'Rizal Firmansyah', 'M', 'Banyuwangi', '1998-02-25', 'Kepala Keluarga', '3'),
      member('3510065410000001', 'Anisa Rahmawati', 'F', 'Banyuwangi', '2000-10-14', 'Istri', '3'),
    ],
  },
];

export const SAWOO_HOUSEHOLDS: readonly Household[] = [
  // 1. A family head with wife and children.
  {
    familyCardNumber: '3502051201090001',
    villageCode: SAWOO_CODE,
    dusun: 'Krajan',
    rt: '01',
    rw: '01',
    poor: false,
    members: [
      member('3502050407760001', 'Sugeng Riyanto', 'M', 'Ponorogo', '1976-07-04', 'Kepala Keluarga', '2'),
      member('3502055503790001', 'Sulastri', 'F', 'Ponorogo', '1979-03-15', 'Istri', '2'),
      member('3502052209030001', 'Wahyu Nugroho', 'M', 'Ponorogo', '2003-09-22', 'Anak', '2'),
      member('3502054112080001', 'Rina Setyowati', 'F', 'Ponorogo', '2008-12-01', 'Anak', '2'),
    ],
  },
  // 2. A poor household without BPJS.
  {
    familyCardNumber: '3502051706130001',
    villageCode: SAWOO_CODE,
    dusun: 'Tumpak',
    rt: '02',
    rw: '02',
    poor: true,
    members: [
      member('3502051111600001', 'Paimin', 'M', 'Ponorogo', '1960-11-11', 'Kepala Keluarga', 'none'),
      member('3502056802630001', 'Tukinem', 'F', 'Ponorogo', '1963-02-28', 'Istri', 'none'),
      member('3502050505900001', 'Darmanto', 'M', 'Ponorogo', '1990-05-05', 'Anak', 'none'),
    ],
  },
  // 3. Already insured, class 1.
  {
    familyCardNumber: '3502052203100001',
    villageCode: SAWOO_CODE,
    dusun: 'Krajan',
    rt: '03',
    rw: '01',
    poor: false,
    members: [
      member('3502053008800001', 'Bambang Wijaya', 'M', 'Madiun', '1980-08-30', 'Kepala Keluarga', '1'),
      member('3502055701840001', 'Retno Wulandari', 'F', 'Ponorogo', '1984-01-17', 'Istri', '1'),
      member('3502051402100001', 'Aditya Wijaya', 'M', 'Ponorogo', '2010-02-14', 'Anak', '1'),
    ],
  },
  // 4. Already covered by PBI.
  {
    familyCardNumber: '3502050707090001',
    villageCode: SAWOO_CODE,
    dusun: 'Tumpak',
    rt: '01',
    rw: '02',
    poor: true,
    members: [
      member('3502050606500001', 'Katiran', 'M', 'Ponorogo', '1950-06-06', 'Kepala Keluarga', 'PBI'),
      member('3502054909530001', 'Sainem', 'F', 'Ponorogo', '1953-09-09', 'Istri', 'PBI'),
    ],
  },
  // 5. A death in the family: the head's mother died; the head reports it.
  {
    familyCardNumber: '3502052004150001',
    villageCode: SAWOO_CODE,
    dusun: 'Bibis',
    rt: '01',
    rw: '03',
    poor: false,
    members: [
      member('3502051010700001', 'Puji Santoso', 'M', 'Ponorogo', '1970-10-10', 'Kepala Keluarga', '3'),
      member('3502054404730001', 'Lilik Suryani', 'F', 'Ponorogo', '1973-04-04', 'Istri', '3'),
      member('3502055212380001', 'Kasmirah', 'F', 'Ponorogo', '1938-12-12', 'Orang Tua', '3', 'deceased'),
    ],
  },
  // 6. A young couple whose first child was just born.
  {
    familyCardNumber: '3502050211220001',
    villageCode: SAWOO_CODE,
    dusun: 'Krajan',
    rt: '02',
    rw: '01',
    poor: false,
    members: [
      member('3502051905970001', 'Eko Prasetyo', 'M', 'Ponorogo', '1997-05-19', 'Kepala Keluarga', '3'),
      member('3502054808990001', 'Novita Sari', 'F', 'Ponorogo', '1999-08-08', 'Istri', '3'),
    ],
  },
];

/** The hand-written households by village code. */
export const DEMO_HOUSEHOLDS: Readonly<Record<string, readonly Household[]>> = {
  [TAMPO_CODE]: TAMPO_HOUSEHOLDS,
  [SAWOO_CODE]: SAWOO_HOUSEHOLDS,
};
