import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  closing,
  integerField,
  longTextField,
  operatorVerifies,
  requirement,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Keterangan Domisili Usaha: the village states where a business operates (for its NIB, a bank, a
 * tender or a supplier), as opposed to the SKU, which states that the resident runs a business.
 * OpenSID: surat_ket_domisili_usaha.
 */
export const businessDomicileCertificate: ServiceDefinition = {
  code: 'SKDU',
  name: text('Surat Keterangan Domisili Usaha', 'Business Domicile Certificate'),
  family: 'certificate',
  description: text(
    'Keterangan dari desa tentang alamat tempat usaha berjalan di wilayah desa, untuk NIB/OSS, rekening bank usaha, tender, atau kemitraan.',
    'A village statement of where a business operates within the village, for its business number (NIB/OSS), a business bank account, tenders or partnerships.',
  ),
  keywords: ['usaha', 'domisili usaha', 'tempat usaha', 'toko', 'warung', 'nib', 'oss', 'umkm'],
  fields: [
    ...applicantIdentity,
    applicant.occupation,
    ...applicantHome,
    textField('businessName', text('Nama usaha', 'Business name'), { minLength: 2 }),
    textField('businessActivity', text('Bidang/kegiatan usaha', 'Line of business'), {
      minLength: 3,
      maxLength: 150,
    }),
    longTextField('businessAddress', text('Alamat tempat usaha', 'Address of the business premises')),
    integerField('sinceYear', text('Berdiri sejak tahun', 'Running since (year)'), { min: 1950, max: 2100 }),
    integerField('employees', text('Jumlah tenaga kerja', 'Number of workers'), { min: 0, max: 999 }),
    applicant.purpose(
      text('Contoh: pengurusan NIB melalui OSS', 'Example: registering for a business number (NIB) on OSS'),
    ),
  ],
  requirements: [
    requirement.ktp,
    requirement.coverLetterRtRw,
    {
      code: 'foto-usaha',
      label: text('Foto tempat usaha', 'Photo of the business premises'),
      required: true,
    },
    {
      code: 'bukti-tempat',
      label: text('Bukti kepemilikan/sewa tempat usaha', 'Proof of owning or renting the premises'),
      required: false,
    },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '500.2',
  letter: {
    title: 'SURAT KETERANGAN DOMISILI USAHA',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Orang tersebut di atas benar mempunyai usaha yang berdomisili di wilayah Desa {{village}} dengan keterangan sebagai berikut:',
      'Nama Usaha: {{businessName}}',
      'Bidang Usaha: {{businessActivity}}',
      'Alamat Usaha: {{businessAddress}}',
      'Berdiri Sejak: {{sinceYear}}',
      'Tenaga Kerja: {{employees}} orang',
      'Surat keterangan ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
