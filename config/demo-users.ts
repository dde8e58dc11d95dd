import type { Role } from '../functions/core/identity/roles.js';

/**
 * Demo accounts of the local identity provider (npm start; lib/local/cognito-idp.ts seeds its user store
 * with them). Tokens carry the same claims Cognito puts in AWS: `cognito:groups` for the role and
 * `custom:area` for the village/district/regency codes served. Every role exists in two villages of two
 * districts of two regencies: Tampo (35.10.06.2001, Cluring, Banyuwangi) and Sawoo (35.02.05.2008, Sawoo,
 * Ponorogo). Village and district staff have a demo phone and e-mail, agency, regency and data-protection
 * staff an office e-mail only. Every demo account's password is DEMO_PASSWORD; this exists only in the local
 * runtime.
 */
export interface DemoUser {
  readonly username: string;
  readonly name: string;
  readonly role: Role;
  readonly areas: readonly string[];
  /** Agency officers: the agency they act for (claim `custom:agency`). */
  readonly agency?: string;
  /**
   * Demo contacts of staff, seeded as verified: stage reminders go to them (SMS to the phone, else e-mail),
   * recorded in the local outbox and never sent. Phone numbers are made up, e-mail domains are the reserved
   * `.example` top-level domain.
   */
  readonly email?: string;
  /** E.164, an Indonesian mobile number. */
  readonly phone?: string;
}

export const DEMO_PASSWORD = 'desa-demo';

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'warga.tampo', name: 'Budi Santoso', role: 'citizen', areas: [] },
  { username: 'warga.sawoo', name: 'Siti Rahayu', role: 'citizen', areas: [] },
  {
    username: 'operator.tampo',
    name: 'Rina Operator Tampo',
    role: 'operator',
    areas: ['35.10.06.2001'],
    email: 'operator.tampo@desa.example',
    phone: '+6281100000101',
  },
  {
    username: 'kades.tampo',
    name: 'Suwebi',
    role: 'village_head',
    areas: ['35.10.06.2001'],
    email: 'kades.tampo@desa.example',
    phone: '+6281100000102',
  },
  {
    username: 'sekdes.tampo',
    name: 'Hadi Sekretaris Tampo',
    role: 'village_secretary',
    areas: ['35.10.06.2001'],
    email: 'sekdes.tampo@desa.example',
    phone: '+6281100000103',
  },
  {
    username: 'camat.cluring',
    name: 'Drs. Bambang Camat Cluring',
    role: 'district_head',
    areas: ['35.10.06'],
    email: 'camat.cluring@desa.example',
    phone: '+6281100000104',
  },
  {
    username: 'kesmas.banyuwangi',
    name: 'dr. Ratna Kesmas',
    role: 'agency_officer',
    areas: ['35.10'],
    agency: 'kesmas',
    email: 'kesmas.banyuwangi@desa.example',
  },
  {
    username: 'dukcapil.banyuwangi',
    name: 'Agus Dukcapil',
    role: 'agency_officer',
    areas: ['35.10'],
    agency: 'dukcapil',
    email: 'dukcapil.banyuwangi@desa.example',
  },
  {
    // Dinas Sosial ratifies the musdes verification of the household surveys (issue 13).
    username: 'dinsos.banyuwangi',
    name: 'Sri Wahyuni Dinsos',
    role: 'agency_officer',
    areas: ['35.10'],
    agency: 'dinsos',
    email: 'dinsos.banyuwangi@desa.example',
  },
  {
    username: 'admin.banyuwangi',
    name: 'Admin Kabupaten Banyuwangi',
    role: 'regency_admin',
    areas: ['35.10'],
    email: 'admin.banyuwangi@desa.example',
  },
  {
    username: 'operator.sawoo',
    name: 'Joko Operator Sawoo',
    role: 'operator',
    areas: ['35.02.05.2008'],
    email: 'operator.sawoo@desa.example',
    phone: '+6281100000201',
  },
  {
    username: 'kades.sawoo',
    name: 'Sri Wahyuni',
    role: 'village_head',
    areas: ['35.02.05.2008'],
    email: 'kades.sawoo@desa.example',
    phone: '+6281100000202',
  },
  {
    username: 'sekdes.sawoo',
    name: 'Puji Sekretaris Sawoo',
    role: 'village_secretary',
    areas: ['35.02.05.2008'],
    email: 'sekdes.sawoo@desa.example',
    phone: '+6281100000203',
  },
  {
    username: 'camat.sawoo',
    name: 'Drs. Hartono Camat Sawoo',
    role: 'district_head',
    areas: ['35.02.05'],
    email: 'camat.sawoo@desa.example',
    phone: '+6281100000204',
  },
  {
    username: 'kesmas.ponorogo',
    name: 'dr. Wulan Kesmas Ponorogo',
    role: 'agency_officer',
    areas: ['35.02'],
    agency: 'kesmas',
    email: 'kesmas.ponorogo@desa.example',
  },
  {
    username: 'dukcapil.ponorogo',
    name: 'Eko Dukcapil Ponorogo',
    role: 'agency_officer',
    areas: ['35.02'],
    agency: 'dukcapil',
    email: 'dukcapil.ponorogo@desa.example',
  },
  {
    username: 'admin.ponorogo',
    name: 'Admin Kabupaten Ponorogo',
    role: 'regency_admin',
    areas: ['35.02'],
    email: 'admin.ponorogo@desa.example',
  },
  // Enumerators of the village poverty team (issue 13): household surveys in their village.
  {
    username: 'enumerator.tampo',
    name: 'Yuli Pendata Tampo',
    role: 'enumerator',
    areas: ['35.10.06.2001'],
    email: 'enumerator.tampo@desa.example',
    phone: '+6281100000104',
  },
  {
    username: 'enumerator.sawoo',
    name: 'Agus Pendata Sawoo',
    role: 'enumerator',
    areas: ['35.02.05.2008'],
    email: 'enumerator.sawoo@desa.example',
  },
  // Welfare cases (issue 13): a teacher reporting from Tampo, the UPT penanganan kemiskinan of Cluring and of
  // Sawoo, and each regency's poverty unit.
  {
    username: 'guru.tampo',
    name: 'Sri Guru Tampo',
    role: 'frontline_worker',
    areas: ['35.10.06.2001'],
    email: 'guru.tampo@desa.example',
  },
  {
    username: 'upt.cluring',
    name: 'Anwar UPT Kemiskinan Cluring',
    role: 'upt_officer',
    areas: ['35.10.06'],
    email: 'upt.cluring@desa.example',
  },
  {
    username: 'upt.sawoo',
    name: 'Wati UPT Kemiskinan Sawoo',
    role: 'upt_officer',
    areas: ['35.02.05'],
    email: 'upt.sawoo@desa.example',
  },
  {
    username: 'kemiskinan.banyuwangi',
    name: 'Heru Unit Kemiskinan Banyuwangi',
    role: 'poverty_unit_officer',
    areas: ['35.10'],
    email: 'kemiskinan.banyuwangi@desa.example',
  },
  {
    username: 'kemiskinan.ponorogo',
    name: 'Dewi Unit Kemiskinan Ponorogo',
    role: 'poverty_unit_officer',
    areas: ['35.02'],
    email: 'kemiskinan.ponorogo@desa.example',
  },
  {
    username: 'dinkes.banyuwangi',
    name: 'dr. Rudi Dinkes Banyuwangi',
    role: 'agency_officer',
    areas: ['35.10'],
    agency: 'dinkes',
    email: 'dinkes.banyuwangi@desa.example',
  },
  {
    username: 'dindik.banyuwangi',
    name: 'Nur Dindik Banyuwangi',
    role: 'agency_officer',
    areas: ['35.10'],
    agency: 'dindik',
    email: 'dindik.banyuwangi@desa.example',
  },
  {
    username: 'dpo.banyuwangi',
    name: 'Lina Pelindung Data Banyuwangi',
    role: 'data_protection_officer',
    areas: ['35.10'],
    email: 'dpo.banyuwangi@desa.example',
  },
  {
    username: 'dpo.ponorogo',
    name: 'Yusuf Pelindung Data Ponorogo',
    role: 'data_protection_officer',
    areas: ['35.02'],
    email: 'dpo.ponorogo@desa.example',
  },
];
