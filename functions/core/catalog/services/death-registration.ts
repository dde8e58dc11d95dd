import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  agencyDecides,
  closing,
  operatorVerifies,
  requirement,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';
import {
  deathEvent,
  deathReporter,
  deceasedAddress,
  deceasedFamilyCard,
  deceasedIdentity,
} from './deceased.js';

/**
 * Permohonan Akta Kematian: the village records the death and forwards it; Dukcapil issues the akta and
 * attaches it, and the family collects it at the village (seed 002). The deceased's and the reporter's NIKs
 * are matched against population data first.
 */
export const deathRegistration: ServiceDefinition = {
  code: 'AKM',
  name: text('Permohonan Akta Kematian', 'Death Certificate Request'),
  family: 'civil-registration',
  description: text(
    'Pelaporan kematian melalui desa: desa menerbitkan surat keterangan kematian dan meneruskannya ke Dinas Kependudukan dan Pencatatan Sipil, yang menerbitkan akta kematian; akta dapat diambil di kantor desa.',
    'Report a death through the village: the village issues its death statement and forwards it to the population office (Dukcapil), which issues the death certificate; the family collects it at the village office.',
  ),
  fields: [...deathReporter, ...deceasedIdentity, deceasedFamilyCard, deceasedAddress, ...deathEvent],
  requirements: [
    {
      code: 'surat-kematian',
      label: text(
        'Surat keterangan kematian dari rumah sakit/puskesmas/dokter, atau dari desa (SKM)',
        'Death notice from the hospital, health centre or doctor, or the village death statement (SKM)',
      ),
      required: true,
    },
    {
      ...requirement.kk,
      label: text('Kartu Keluarga almarhum/almarhumah', 'Family card (KK) of the deceased'),
    },
    {
      code: 'ktp-almarhum',
      label: text('KTP-el almarhum/almarhumah', 'ID card (KTP-el) of the deceased'),
      required: true,
    },
    { ...requirement.ktp, label: text('KTP-el pelapor', "Reporter's ID card (KTP-el)") },
  ],
  stages: [
    operatorVerifies(4),
    {
      kind: 'check',
      key: 'registry-check',
      label: text(
        'Pencocokan NIK almarhum/almarhumah dan pelapor dengan data kependudukan',
        "The deceased's and the reporter's NIKs matched against population data",
      ),
      registries: ['population'],
      subjects: [
        {
          nikField: 'deceasedNik',
          nameField: 'deceasedName',
          birthDateField: 'deceasedBirthDate',
          familyCardField: 'familyCardNumber',
          deceased: true,
        },
        { nikField: 'nik', nameField: 'fullName' },
      ],
    },
    villageHeadSigns(8),
    agencyDecides({
      key: 'dukcapil-issue',
      agency: 'dukcapil',
      label: text('Penerbitan akta kematian oleh Dukcapil', 'Dukcapil issues the death certificate'),
      deadlineHours: 24,
      attachesDocument: { requirementCode: 'akta', label: text('Akta Kematian', 'Death certificate') },
    }),
  ],
  targetHours: 48,
  classificationCode: '400.12.3.1',
  letter: {
    title: 'SURAT KETERANGAN KEMATIAN',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{deceasedName}}',
      'NIK: {{deceasedNik}}',
      'Jenis Kelamin: {{deceasedSex}}',
      'Tempat/Tgl. Lahir: {{deceasedBirthPlace}}, {{deceasedBirthDate}}',
      'Nomor KK: {{familyCardNumber}}',
      'Alamat: {{deceasedAddress}}',
      'Orang tersebut telah meninggal dunia dengan keterangan sebagai berikut:',
      'Tanggal: {{dateOfDeath}}',
      'Pukul: {{timeOfDeath}}',
      'Tempat: {{placeOfDeath}}',
      'Sebab Kematian: {{causeOfDeath}}',
      'Yang Menerangkan: {{deathCertifier}}',
      'Kematian tersebut dilaporkan kepada Pemerintah Desa oleh:',
      'Nama Pelapor: {{fullName}}',
      'NIK Pelapor: {{nik}}',
      'Hubungan: {{reporterRelationship}}',
      'Surat keterangan ini dibuat sebagai dasar penerbitan Akta Kematian oleh Dinas Kependudukan dan Pencatatan Sipil Kabupaten {{regency}}; akta yang telah terbit dapat diambil di Kantor Desa {{village}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
