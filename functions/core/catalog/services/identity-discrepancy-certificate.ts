import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  closing,
  operatorVerifies,
  requirement,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Keterangan Beda Identitas: the village states that two documents that spell a name, a date or a
 * place differently (a diploma and the KTP, a BPJS card and the KK) concern the same person.
 * OpenSID: surat_ket_beda_nama ("Keterangan Beda Identitas").
 */
export const identityDiscrepancyCertificate: ServiceDefinition = {
  code: 'SKBI',
  name: text('Surat Keterangan Beda Identitas', 'Certificate of Identity Discrepancy'),
  family: 'certificate',
  description: text(
    'Keterangan bahwa data yang berbeda pada dua dokumen (misalnya ijazah dan KTP, atau kartu BPJS dan KK) adalah orang yang sama.',
    'A statement that differing data on two documents (a diploma and the ID card, or a BPJS card and the family card) belong to one and the same person.',
  ),
  keywords: ['beda nama', 'beda identitas', 'salah nama', 'ijazah', 'nama berbeda', 'data berbeda'],
  fields: [
    ...applicantIdentity,
    applicant.occupation,
    ...applicantHome,
    textField(
      'documentA',
      text('Dokumen pertama (sesuai KTP/KK)', 'First document (as on the ID or family card)'),
      {
        minLength: 3,
        maxLength: 100,
        hint: text('Contoh: KTP-el', 'Example: ID card'),
      },
    ),
    textField('dataA', text('Data pada dokumen pertama', 'Data on the first document'), {
      minLength: 2,
      maxLength: 150,
      hint: text('Contoh: nama Siti Maemunah', 'Example: the name Siti Maemunah'),
    }),
    textField('documentB', text('Dokumen kedua (yang berbeda)', 'Second document (the one that differs)'), {
      minLength: 3,
      maxLength: 100,
      hint: text('Contoh: Ijazah SD tahun 1998', 'Example: primary school diploma, 1998'),
    }),
    textField('dataB', text('Data pada dokumen kedua', 'Data on the second document'), {
      minLength: 2,
      maxLength: 150,
      hint: text('Contoh: nama Siti Maimunah', 'Example: the name Siti Maimunah'),
    }),
    applicant.purpose(
      text('Contoh: pencairan dana BPJS Ketenagakerjaan', 'Example: claiming BPJS employment benefits'),
    ),
  ],
  requirements: [
    requirement.ktp,
    requirement.kk,
    {
      code: 'dokumen-berbeda',
      label: text('Dokumen yang datanya berbeda', 'The document whose data differ'),
      required: true,
    },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '400.12.2.1',
  letter: {
    title: 'SURAT KETERANGAN BEDA IDENTITAS',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Orang tersebut di atas mempunyai data yang berbeda pada dokumen berikut:',
      'Dokumen Pertama: {{documentA}}',
      'Tertulis: {{dataA}}',
      'Dokumen Kedua: {{documentB}}',
      'Tertulis: {{dataB}}',
      'Kedua data tersebut adalah benar satu orang yang sama, yaitu orang yang namanya tersebut di atas; data yang berlaku adalah data sesuai KTP-el dan Kartu Keluarga.',
      'Surat keterangan ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
