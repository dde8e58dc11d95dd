import type { Role } from '../functions/core/roles.js';

/**
 * Demo accounts of the local identity provider (npm start; lib/local/cognito-idp.ts seeds its user store
 * with them). Tokens carry the same claims Cognito puts in AWS: `cognito:groups` for the role and
 * `custom:area` for the village/district/regency codes served. Every role exists in two villages of two
 * districts of two regencies: Tampo (35.10.06.2001, Cluring, Banyuwangi) and Sawoo (35.02.05.2008, Sawoo,
 * Ponorogo). Every demo account's password is DEMO_PASSWORD; this exists only in the local runtime.
 */
export interface DemoUser {
  readonly username: string;
  readonly name: string;
  readonly role: Role;
  readonly areas: readonly string[];
  /** Agency officers: the agency they act for (claim `custom:agency`). */
  readonly agency?: string;
}

export const DEMO_PASSWORD = 'desa-demo';

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'warga.tampo', name: 'Budi Santoso', role: 'citizen', areas: [] },
  { username: 'warga.sawoo', name: 'Siti Rahayu', role: 'citizen', areas: [] },
  { username: 'operator.tampo', name: 'Rina Operator Tampo', role: 'operator', areas: ['35.10.06.2001'] },
  { username: 'kades.tampo', name: 'Suwebi', role: 'village_head', areas: ['35.10.06.2001'] },
  {
    username: 'sekdes.tampo',
    name: 'Hadi Sekretaris Tampo',
    role: 'village_secretary',
    areas: ['35.10.06.2001'],
  },
  {
    username: 'camat.cluring',
    name: 'Drs. Bambang Camat Cluring',
    role: 'district_head',
    areas: ['35.10.06'],
  },
  {
    username: 'kesmas.banyuwangi',
    name: 'dr. Ratna Kesmas',
    role: 'agency_officer',
    areas: ['35.10'],
    agency: 'kesmas',
  },
  {
    username: 'dukcapil.banyuwangi',
    name: 'Agus Dukcapil',
    role: 'agency_officer',
    areas: ['35.10'],
    agency: 'dukcapil',
  },
  {
    username: 'admin.banyuwangi',
    name: 'Admin Kabupaten Banyuwangi',
    role: 'regency_admin',
    areas: ['35.10'],
  },
  { username: 'operator.sawoo', name: 'Joko Operator Sawoo', role: 'operator', areas: ['35.02.05.2008'] },
  { username: 'kades.sawoo', name: 'Sri Wahyuni', role: 'village_head', areas: ['35.02.05.2008'] },
  {
    username: 'sekdes.sawoo',
    name: 'Puji Sekretaris Sawoo',
    role: 'village_secretary',
    areas: ['35.02.05.2008'],
  },
  { username: 'camat.sawoo', name: 'Drs. Hartono Camat Sawoo', role: 'district_head', areas: ['35.02.05'] },
  {
    username: 'kesmas.ponorogo',
    name: 'dr. Wulan Kesmas Ponorogo',
    role: 'agency_officer',
    areas: ['35.02'],
    agency: 'kesmas',
  },
  {
    username: 'dukcapil.ponorogo',
    name: 'Eko Dukcapil Ponorogo',
    role: 'agency_officer',
    areas: ['35.02'],
    agency: 'dukcapil',
  },
  { username: 'admin.ponorogo', name: 'Admin Kabupaten Ponorogo', role: 'regency_admin', areas: ['35.02'] },
  {
    username: 'dpo.banyuwangi',
    name: 'Lina Pelindung Data Banyuwangi',
    role: 'data_protection_officer',
    areas: ['35.10'],
  },
  {
    username: 'dpo.ponorogo',
    name: 'Yusuf Pelindung Data Ponorogo',
    role: 'data_protection_officer',
    areas: ['35.02'],
  },
];
