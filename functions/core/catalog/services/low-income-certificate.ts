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
 * Surat Keterangan Tidak Mampu: the village certifies that a household is poor, for school fee waivers,
 * scholarships, legal aid or social assistance. (Free health care has its own scheme: the SPM.)
 */
export const lowIncomeCertificate: ServiceDefinition = {
  code: 'SKTM',
  name: text('Surat Keterangan Tidak Mampu', 'Low-Income Certificate'),
  family: 'certificate',
  description: text(
    'Keterangan dari desa bahwa pemohon berasal dari keluarga kurang mampu, untuk keringanan biaya sekolah, beasiswa, bantuan hukum, atau bantuan sosial.',
    "A village statement that the applicant's household is poor, for school fee waivers, scholarships, legal aid or social assistance.",
  ),
  fields: [
    ...applicantIdentity,
    applicant.religion,
    applicant.occupation,
    applicant.familyCardNumber,
    ...applicantHome,
    integerField('householdSize', text('Jumlah anggota keluarga', 'Household size'), { min: 1, max: 30 }),
    choiceField(
      'incomeBracket',
      text('Penghasilan keluarga per bulan', 'Monthly household income'),
      INCOME_BRACKETS,
    ),
    choiceField(
      'socialRegistry',
      text('Terdaftar di DTKS/DTSEN', 'Listed in the social welfare register (DTKS)'),
      [
        { value: 'ya', label: text('Ya', 'Yes') },
        { value: 'tidak', label: text('Tidak', 'No') },
        { value: 'tidak-tahu', label: text('Tidak tahu', 'Not sure') },
      ],
    ),
    applicant.purpose(
      text('Contoh: keringanan biaya sekolah anak', "Example: a waiver of my child's school fees"),
    ),
  ],
  requirements: [
    requirement.ktp,
    requirement.kk,
    requirement.coverLetterRtRw,
    {
      code: 'foto-rumah',
      label: text('Foto rumah tampak depan', 'Photo of the front of the house'),
      required: false,
    },
    {
      code: 'kartu-bantuan',
      label: text(
        'Kartu bantuan sosial yang dimiliki (KIS, KIP, PKH), bila ada',
        'Social assistance cards held (KIS, KIP, PKH), if any',
      ),
      required: false,
    },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '400.9.14',
  letter: {
    title: 'SURAT KETERANGAN TIDAK MAMPU',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Agama: {{religion}}',
      'Pekerjaan: {{occupation}}',
      'Nomor KK: {{familyCardNumber}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Jumlah Anggota Keluarga: {{householdSize}} orang',
      'Penghasilan Keluarga: {{incomeBracket}} per bulan',
      'Berdasarkan surat pengantar Ketua RT/RW setempat dan sepanjang pengetahuan kami, orang tersebut di atas adalah benar warga Desa {{village}} yang berasal dari keluarga kurang mampu (tidak mampu secara ekonomi).',
      'Surat keterangan ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
