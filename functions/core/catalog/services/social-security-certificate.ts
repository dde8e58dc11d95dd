import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  choiceField,
  closing,
  INCOME_BRACKETS,
  integerField,
  operatorVerifies,
  requirement,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Keterangan Jamkesos: the village states that a household is poor and without social health
 * insurance, so it can be proposed for the state-paid scheme (PBI JKN) or the regency's own (Jamkesda). It
 * proposes; it does not grant aid (that is the SPM's route, with its registry and BPJS checks).
 * OpenSID: surat_ket_jamkesos.
 */
export const socialSecurityCertificate: ServiceDefinition = {
  code: 'SKJAM',
  name: text(
    'Surat Keterangan Jaminan Kesehatan Sosial (Jamkesos)',
    'Social Health Insurance Certificate (Jamkesos)',
  ),
  family: 'welfare',
  description: text(
    'Keterangan dari desa bahwa keluarga pemohon kurang mampu dan belum mempunyai jaminan kesehatan, untuk diusulkan menjadi peserta PBI JKN atau Jamkesda.',
    "A village statement that the applicant's household is poor and has no health insurance, so it can be proposed for the state-paid health insurance (PBI JKN) or the regency's scheme (Jamkesda).",
  ),
  keywords: ['jamkesos', 'jamkesda', 'bpjs', 'kis', 'pbi', 'berobat', 'kesehatan', 'miskin'],
  fields: [
    ...applicantIdentity,
    applicant.occupation,
    applicant.familyCardNumber,
    ...applicantHome,
    integerField('householdSize', text('Jumlah anggota keluarga', 'Household members'), { min: 1, max: 30 }),
    choiceField(
      'incomeBracket',
      text('Penghasilan keluarga per bulan', 'Monthly household income'),
      INCOME_BRACKETS,
    ),
    choiceField('proposedScheme', text('Diusulkan menjadi peserta', 'Proposed for'), [
      {
        value: 'pbi-jkn',
        label: text('PBI JKN (iuran dibayar negara)', 'PBI JKN (state-paid contributions)'),
      },
      { value: 'jamkesda', label: text('Jamkesda Kabupaten', "The regency's Jamkesda") },
    ]),
  ],
  requirements: [requirement.ktp, requirement.kk, requirement.coverLetterRtRw],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '400.9.14',
  letter: {
    title: 'SURAT KETERANGAN JAMINAN KESEHATAN SOSIAL',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Nomor KK: {{familyCardNumber}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Anggota Keluarga: {{householdSize}} orang',
      'Penghasilan: {{incomeBracket}} per bulan',
      'Keluarga tersebut di atas adalah benar keluarga kurang mampu di Desa {{village}} yang belum mempunyai jaminan kesehatan, dan diusulkan menjadi peserta: {{proposedScheme}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
