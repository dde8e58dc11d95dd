import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  closing,
  operatorVerifies,
  requirement,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Keterangan Penduduk: the village states that a person is its registered resident (the all-purpose
 * letter for banks, employers and offices outside the regency). OpenSID: surat_ket_penduduk.
 */
export const residentCertificate: ServiceDefinition = {
  code: 'SKPD',
  name: text('Surat Keterangan Penduduk', 'Resident Certificate'),
  family: 'certificate',
  description: text(
    'Keterangan dari desa bahwa pemohon adalah penduduk desa yang terdaftar, untuk bank, tempat kerja, atau instansi lain.',
    'A village statement that the applicant is a registered resident of the village, for banks, employers or other offices.',
  ),
  keywords: ['penduduk', 'warga', 'keterangan warga', 'kependudukan', 'bank', 'kerja'],
  fields: [
    ...applicantIdentity,
    applicant.religion,
    applicant.maritalStatus,
    applicant.occupation,
    applicant.familyCardNumber,
    ...applicantHome,
    applicant.purpose(text('Contoh: pembukaan rekening bank', 'Example: opening a bank account')),
  ],
  requirements: [requirement.ktp, requirement.kk],
  stages: [operatorVerifies(2), villageHeadSigns(4)],
  targetHours: 8,
  classificationCode: '400.12.2.1',
  letter: {
    title: 'SURAT KETERANGAN PENDUDUK',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Nomor KK: {{familyCardNumber}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Agama: {{religion}}',
      'Status Perkawinan: {{maritalStatus}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Orang tersebut di atas adalah benar penduduk Desa {{village}}, Kecamatan {{district}}, Kabupaten {{regency}}, yang terdaftar dalam data kependudukan desa.',
      'Surat keterangan ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
