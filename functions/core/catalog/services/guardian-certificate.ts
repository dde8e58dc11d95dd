import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  applicantSubject,
  choiceField,
  closing,
  operatorVerifies,
  peopleCheck,
  personFields,
  requirement,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Keterangan Wali: the village states who cares for a child whose parents cannot (they died, divorced,
 * or work far away — many Banyuwangi parents work abroad), for school enrolment, a scholarship or a bank
 * account. The guardian (the applicant) and the child are matched against the population register.
 * OpenSID: surat_ket_wali.
 */
export const guardianCertificate: ServiceDefinition = {
  code: 'SKWALI',
  name: text('Surat Keterangan Wali', 'Guardianship Certificate'),
  family: 'certificate',
  description: text(
    'Keterangan dari desa bahwa pemohon menjadi wali dan mengasuh seorang anak yang orang tuanya meninggal, bercerai, atau bekerja jauh, untuk sekolah, beasiswa, atau rekening tabungan anak.',
    'A village statement that the applicant is the guardian of and cares for a child whose parents died, divorced or work far away, for school, scholarships or a child’s savings account.',
  ),
  keywords: ['wali', 'perwalian', 'anak', 'asuh', 'pengasuh', 'tki', 'pmi', 'sekolah'],
  fields: [
    ...applicantIdentity,
    applicant.occupation,
    ...applicantHome,
    choiceField('guardianRelationship', text('Hubungan Anda dengan anak', 'Your relationship to the child'), [
      { value: 'kakek-nenek', label: text('Kakek/nenek', 'Grandparent') },
      { value: 'paman-bibi', label: text('Paman/bibi', 'Uncle or aunt') },
      { value: 'saudara', label: text('Saudara kandung', 'Sibling') },
      { value: 'lainnya', label: text('Lainnya', 'Other') },
    ]),
    ...personFields('child', text('anak', 'child')),
    choiceField('guardianshipReason', text('Alasan perwalian', 'Why the child needs a guardian'), [
      { value: 'yatim-piatu', label: text('Kedua orang tua meninggal dunia', 'Both parents have died') },
      {
        value: 'orang-tua-merantau',
        label: text('Orang tua bekerja di luar daerah/luar negeri', 'The parents work elsewhere or abroad'),
      },
      { value: 'orang-tua-bercerai', label: text('Orang tua bercerai', 'The parents are divorced') },
      { value: 'lainnya', label: text('Lainnya', 'Other') },
    ]),
    applicant.purpose(text('Contoh: pendaftaran sekolah anak', 'Example: enrolling the child at school')),
  ],
  requirements: [
    requirement.ktp,
    requirement.kk,
    {
      code: 'kk-anak',
      label: text('Kartu Keluarga dan akta kelahiran anak', "The child's family card and birth certificate"),
      required: true,
    },
    requirement.coverLetterRtRw,
  ],
  stages: [
    operatorVerifies(4),
    peopleCheck(
      text(
        'Pencocokan NIK wali dan anak dengan data kependudukan',
        "Guardian's and child's NIKs matched against population data",
      ),
      [applicantSubject, { prefix: 'child' }],
    ),
    villageHeadSigns(8),
  ],
  targetHours: 24,
  classificationCode: '100.2',
  letter: {
    title: 'SURAT KETERANGAN WALI',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Hubungan: {{guardianRelationship}}',
      'Orang tersebut di atas adalah benar wali yang mengasuh dan bertanggung jawab atas anak:',
      'Nama Anak: {{childName}}',
      'NIK Anak: {{childNik}}',
      'Tanggal Lahir: {{childBirthDate}}',
      'Alasan Perwalian: {{guardianshipReason}}',
      'Surat keterangan ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
