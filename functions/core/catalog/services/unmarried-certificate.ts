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
 * Surat Keterangan Belum Menikah: the village states that a resident has never married, for a job (TNI,
 * Polri, migrant work), a scholarship or a marriage elsewhere. For the marriage registration itself, the
 * Surat Pengantar Nikah (SPN) carries the former N1–N4 data. OpenSID has no system template of this name:
 * villages add it as their own, or print the status on N-1 (surat_ket_nikah).
 */
export const unmarriedCertificate: ServiceDefinition = {
  code: 'SKBM',
  name: text('Surat Keterangan Belum Menikah', 'Certificate of Never Having Married'),
  family: 'certificate',
  description: text(
    'Keterangan dari desa bahwa pemohon belum pernah menikah, untuk melamar pekerjaan (TNI, Polri, pekerja migran), beasiswa, atau persyaratan nikah.',
    'A village statement that the applicant has never married, for job applications (army, police, migrant work), scholarships or marriage requirements.',
  ),
  keywords: ['belum menikah', 'belum nikah', 'lajang', 'jejaka', 'perawan', 'nikah', 'status'],
  fields: [
    ...applicantIdentity,
    applicant.religion,
    applicant.occupation,
    ...applicantHome,
    applicant.purpose(
      text('Contoh: pendaftaran calon anggota Polri', 'Example: applying to join the police'),
    ),
  ],
  requirements: [requirement.ktp, requirement.kk, requirement.coverLetterRtRw],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '400.12.3.2',
  letter: {
    title: 'SURAT KETERANGAN BELUM MENIKAH',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Agama: {{religion}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Orang tersebut di atas adalah benar warga Desa {{village}} dan sampai dengan dikeluarkannya surat keterangan ini belum pernah menikah, sesuai data kependudukan dan keterangan yang bersangkutan.',
      'Surat keterangan ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
