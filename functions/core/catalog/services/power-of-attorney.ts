import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicantHome,
  applicantIdentity,
  applicantSubject,
  closing,
  dateField,
  longTextField,
  operatorVerifies,
  peopleCheck,
  personFields,
  requirement,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Kuasa: a resident gives another resident the power to act for them in one matter (collecting aid or
 * a pension, signing at the bank, taking a document), and the village head certifies it. The grantor and
 * the grantee are matched against the population register. OpenSID: surat_kuasa.
 */
export const powerOfAttorney: ServiceDefinition = {
  code: 'SKUASA',
  name: text('Surat Kuasa', 'Power of Attorney'),
  family: 'statement',
  description: text(
    'Pemberian kuasa dari seorang warga kepada warga lain untuk mengurus satu keperluan atas namanya (mengambil bantuan atau pensiun, urusan bank, mengambil dokumen), diketahui Kepala Desa.',
    'A resident authorises another resident to handle one matter in their name (collecting aid or a pension, a bank errand, collecting a document), certified by the village head.',
  ),
  keywords: ['kuasa', 'surat kuasa', 'mewakilkan', 'wakil', 'ambil bantuan', 'pensiun'],
  fields: [
    ...applicantIdentity,
    ...applicantHome,
    ...personFields('grantee', text('penerima kuasa', 'grantee')),
    textField('granteeRelationship', text('Hubungan dengan penerima kuasa', 'Relationship to the grantee'), {
      minLength: 3,
      maxLength: 60,
      hint: text('Contoh: anak kandung', 'Example: daughter'),
    }),
    longTextField('powerSubject', text('Hal yang dikuasakan', 'What the grantee may do'), {
      minLength: 10,
      maxLength: 300,
      hint: text(
        'Contoh: mengambil bantuan BLT Dana Desa tahap IV di Balai Desa',
        'Example: collecting the fourth village cash transfer at the village hall',
      ),
    }),
    dateField('validUntil', text('Kuasa berlaku sampai', 'Valid until')),
  ],
  requirements: [
    { ...requirement.ktp, label: text('KTP-el pemberi kuasa', "Grantor's ID card (KTP-el)") },
    {
      code: 'ktp-penerima-kuasa',
      label: text('KTP-el penerima kuasa', "Grantee's ID card (KTP-el)"),
      required: true,
    },
  ],
  stages: [
    operatorVerifies(4),
    peopleCheck(
      text(
        'Pencocokan NIK pemberi dan penerima kuasa dengan data kependudukan',
        "Grantor's and grantee's NIKs matched against population data",
      ),
      [applicantSubject, { prefix: 'grantee' }],
    ),
    villageHeadSigns(8),
  ],
  targetHours: 24,
  classificationCode: '100.2',
  letter: {
    title: 'SURAT KUASA',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'selaku pemberi kuasa, telah memberikan kuasa kepada:',
      'Nama Penerima: {{granteeName}}',
      'NIK Penerima: {{granteeNik}}',
      'Tanggal Lahir: {{granteeBirthDate}}',
      'Hubungan: {{granteeRelationship}}',
      'Untuk dan atas nama pemberi kuasa melakukan hal berikut: {{powerSubject}}.',
      'Kuasa ini berlaku sampai dengan tanggal {{validUntil}} dan tidak dapat dialihkan kepada orang lain.',
    ],
    closing: closing('surat kuasa'),
  },
};
