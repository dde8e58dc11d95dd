import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
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
  deceasedIdentity,
  deceasedReligion,
} from './deceased.js';

/**
 * Surat Keterangan Kematian: the village certifies a resident's death on a relative's report (for the
 * funeral, inheritance, pensions or insurance). For the akta kematian itself, see AKM.
 */
export const deathStatement: ServiceDefinition = {
  code: 'SKM',
  name: text('Surat Keterangan Kematian', 'Death Statement'),
  family: 'certificate',
  description: text(
    'Keterangan dari desa tentang meninggalnya seorang warga, atas laporan keluarga, untuk keperluan pemakaman, ahli waris, pensiun, atau asuransi.',
    "The village's statement that a resident has died, on a relative's report, for the funeral, inheritance, pensions or insurance.",
  ),
  fields: [
    ...deathReporter,
    ...deceasedIdentity,
    deceasedReligion,
    deceasedAddress,
    ...deathEvent,
    applicant.purpose(text('Contoh: pengurusan pensiun janda', "Example: claiming a widow's pension")),
  ],
  requirements: [
    {
      code: 'ktp-almarhum',
      label: text('KTP-el almarhum/almarhumah', 'ID card (KTP-el) of the deceased'),
      required: true,
    },
    {
      ...requirement.kk,
      label: text('Kartu Keluarga almarhum/almarhumah', 'Family card (KK) of the deceased'),
    },
    { ...requirement.ktp, label: text('KTP-el pelapor', "Reporter's ID card (KTP-el)") },
    requirement.coverLetterRtRw,
    {
      code: 'keterangan-faskes',
      label: text(
        'Surat keterangan kematian dari rumah sakit/puskesmas/dokter (bila ada)',
        'Death notice from the hospital, health centre or doctor (if any)',
      ),
      required: false,
    },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '400.12.3.1',
  letter: {
    title: 'SURAT KETERANGAN KEMATIAN',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{deceasedName}}',
      'NIK: {{deceasedNik}}',
      'Jenis Kelamin: {{deceasedSex}}',
      'Tempat/Tgl. Lahir: {{deceasedBirthPlace}}, {{deceasedBirthDate}}',
      'Agama: {{deceasedReligion}}',
      'Alamat: {{deceasedAddress}}',
      'Orang tersebut telah meninggal dunia dengan keterangan sebagai berikut:',
      'Tanggal: {{dateOfDeath}}',
      'Pukul: {{timeOfDeath}}',
      'Tempat: {{placeOfDeath}}',
      'Sebab Kematian: {{causeOfDeath}}',
      'Yang Menerangkan: {{deathCertifier}}',
      'Surat keterangan ini dibuat berdasarkan laporan dari:',
      'Nama Pelapor: {{fullName}}',
      'NIK Pelapor: {{nik}}',
      'Hubungan: {{reporterRelationship}}',
      'Surat keterangan ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
