import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  applicantSubject,
  closing,
  integerField,
  operatorVerifies,
  peopleCheck,
  personFields,
  requirement,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Keterangan Penghasilan Orang Tua: the village states a parent's income for a child's scholarship
 * (PIP, KIP Kuliah, school fee relief). The parent applies; the parent and the child, on the same family
 * card, are matched against the population register. OpenSID: surat_ket_penghasilan_orangtua.
 */
export const parentsIncomeCertificate: ServiceDefinition = {
  code: 'SKPOT',
  name: text('Surat Keterangan Penghasilan Orang Tua', "Parents' Income Certificate"),
  family: 'welfare',
  description: text(
    'Keterangan dari desa tentang pekerjaan dan penghasilan orang tua, untuk pendaftaran beasiswa (PIP, KIP Kuliah) atau keringanan biaya sekolah anak.',
    "The village's statement of a parent's work and income, for a child's scholarship (PIP, KIP Kuliah) or school fee relief.",
  ),
  keywords: ['beasiswa', 'penghasilan', 'gaji', 'pip', 'kip kuliah', 'sekolah', 'kuliah', 'orang tua'],
  fields: [
    ...applicantIdentity,
    applicant.occupation,
    applicant.familyCardNumber,
    ...applicantHome,
    integerField(
      'monthlyIncome',
      text('Penghasilan rata-rata per bulan (Rp)', 'Average monthly income (IDR)'),
      {
        min: 0,
        max: 1_000_000_000,
      },
    ),
    integerField('dependants', text('Jumlah tanggungan keluarga', 'Number of dependants'), {
      min: 1,
      max: 30,
    }),
    ...personFields('child', text('anak', 'child')),
    textField('school', text('Sekolah/perguruan tinggi anak', "The child's school or university"), {
      minLength: 3,
      maxLength: 150,
    }),
    applicant.purpose(text('Contoh: pendaftaran KIP Kuliah', 'Example: applying for KIP Kuliah')),
  ],
  requirements: [requirement.ktp, requirement.kk, requirement.coverLetterRtRw],
  stages: [
    operatorVerifies(4),
    peopleCheck(
      text(
        'Pencocokan NIK orang tua dan anak dengan data kependudukan',
        "Parent's and child's NIKs matched against population data",
      ),
      [
        { ...applicantSubject, familyCardField: 'familyCardNumber' },
        {
          nikField: 'childNik',
          nameField: 'childName',
          birthDateField: 'childBirthDate',
          familyCardField: 'familyCardNumber',
        },
      ],
    ),
    villageHeadSigns(8),
  ],
  targetHours: 24,
  classificationCode: '400.3',
  letter: {
    title: 'SURAT KETERANGAN PENGHASILAN ORANG TUA',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Orang tersebut di atas adalah orang tua dari:',
      'Nama Anak: {{childName}}',
      'NIK Anak: {{childNik}}',
      'Tanggal Lahir: {{childBirthDate}}',
      'Sekolah: {{school}}',
      'Berdasarkan keterangan yang bersangkutan dan pengetahuan kami, orang tua tersebut mempunyai penghasilan rata-rata Rp{{monthlyIncome}} per bulan dengan {{dependants}} orang tanggungan keluarga.',
      'Surat keterangan ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
