import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  choiceField,
  closing,
  dateField,
  integerField,
  operatorVerifies,
  peopleCheck,
  personFields,
  REPORTER_RELATIONSHIPS,
  SEXES,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Keterangan Lahir Mati: the village records a stillbirth (no akta kelahiran is issued for it; Dukcapil
 * records the event), on a parent's or relative's report. The parents are matched against the population
 * register on their family card. OpenSID: surat_ket_lahir_mati.
 */
export const stillbirthCertificate: ServiceDefinition = {
  code: 'SKLM',
  name: text('Surat Keterangan Lahir Mati', 'Stillbirth Certificate'),
  family: 'civil-registration',
  description: text(
    'Keterangan dari desa tentang bayi yang lahir dalam keadaan meninggal, atas laporan orang tua atau keluarga, untuk pencatatan di Dinas Kependudukan dan Pencatatan Sipil.',
    'A village statement of a baby born dead, on the report of a parent or relative, for the record at the population office (Dukcapil).',
  ),
  keywords: ['lahir mati', 'bayi meninggal', 'keguguran', 'kelahiran', 'persalinan'],
  fields: [
    { ...applicant.nik, label: text('NIK pelapor', "Reporter's NIK") },
    { ...applicant.fullName, label: text('Nama pelapor', "Reporter's name") },
    choiceField(
      'reporterRelationship',
      text('Hubungan pelapor dengan bayi', 'Your relationship to the baby'),
      REPORTER_RELATIONSHIPS,
    ),
    applicant.familyCardNumber,
    ...personFields('mother', text('ibu', 'mother')),
    ...personFields('father', text('ayah', 'father')),
    choiceField('babySex', text('Jenis kelamin bayi', "Baby's sex"), SEXES),
    dateField('stillbirthDate', text('Tanggal lahir mati', 'Date of the stillbirth')),
    textField('stillbirthPlace', text('Tempat persalinan', 'Where the baby was delivered'), {
      minLength: 3,
      maxLength: 150,
    }),
    integerField('gestationWeeks', text('Usia kandungan (minggu)', 'Weeks of pregnancy'), {
      min: 20,
      max: 45,
    }),
    choiceField('birthAttendant', text('Penolong persalinan', 'Birth attendant'), [
      { value: 'dokter', label: text('Dokter', 'Doctor') },
      { value: 'bidan', label: text('Bidan/perawat', 'Midwife or nurse') },
      { value: 'dukun', label: text('Dukun', 'Traditional birth attendant') },
      { value: 'lainnya', label: text('Lainnya', 'Other') },
    ]),
  ],
  requirements: [
    {
      code: 'keterangan-faskes',
      label: text(
        'Surat keterangan dari bidan/puskesmas/rumah sakit',
        'Statement from the midwife, health centre or hospital',
      ),
      required: true,
    },
    { code: 'kk', label: text('Kartu Keluarga (KK) orang tua', "Parents' family card (KK)"), required: true },
    {
      code: 'ktp-orang-tua',
      label: text('KTP-el ayah dan ibu', "Father's and mother's ID cards (KTP-el)"),
      required: true,
    },
  ],
  stages: [
    operatorVerifies(4),
    peopleCheck(
      text(
        'Pencocokan NIK ayah dan ibu dengan data kependudukan',
        "Parents' NIKs matched against population data",
      ),
      [
        {
          nikField: 'motherNik',
          nameField: 'motherName',
          birthDateField: 'motherBirthDate',
          familyCardField: 'familyCardNumber',
        },
        {
          nikField: 'fatherNik',
          nameField: 'fatherName',
          birthDateField: 'fatherBirthDate',
          familyCardField: 'familyCardNumber',
        },
      ],
    ),
    villageHeadSigns(8),
  ],
  targetHours: 24,
  classificationCode: '400.12.3.1',
  letter: {
    title: 'SURAT KETERANGAN LAHIR MATI',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Pada tanggal {{stillbirthDate}} telah lahir dalam keadaan meninggal seorang bayi dengan keterangan sebagai berikut:',
      'Jenis Kelamin: {{babySex}}',
      'Tempat Persalinan: {{stillbirthPlace}}',
      'Usia Kandungan: {{gestationWeeks}} minggu',
      'Penolong Persalinan: {{birthAttendant}}',
      'Bayi tersebut adalah anak dari:',
      'Nama Ibu: {{motherName}}',
      'NIK Ibu: {{motherNik}}',
      'Nama Ayah: {{fatherName}}',
      'NIK Ayah: {{fatherNik}}',
      'Nomor KK: {{familyCardNumber}}',
      'Peristiwa tersebut dilaporkan kepada Pemerintah Desa oleh:',
      'Nama Pelapor: {{fullName}}',
      'NIK Pelapor: {{nik}}',
      'Hubungan: {{reporterRelationship}}',
    ],
    closing: closing('surat keterangan'),
  },
};
