import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  choiceField,
  closing,
  operatorVerifies,
  photoRequirement,
  requirement,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Pengantar SKCK (formerly SKKB): the village vouches for a resident's conduct, as the cover letter
 * the police ask for before issuing a Surat Keterangan Catatan Kepolisian.
 */
export const goodConductCoverLetter: ServiceDefinition = {
  code: 'SKCK',
  name: text('Surat Pengantar SKCK', 'Police Good-Conduct Record Cover Letter'),
  family: 'certificate',
  description: text(
    'Surat pengantar dari desa bahwa pemohon berkelakuan baik, sebagai persyaratan permohonan Surat Keterangan Catatan Kepolisian (SKCK, dahulu SKKB) di kepolisian.',
    "The village's cover letter vouching for the applicant's good conduct, required by the police to issue a good-conduct record (SKCK, formerly SKKB).",
  ),
  fields: [
    ...applicantIdentity,
    applicant.religion,
    applicant.maritalStatus,
    applicant.occupation,
    choiceField('education', text('Pendidikan terakhir', 'Highest education'), [
      { value: 'tidak-sekolah', label: text('Tidak/belum sekolah', 'No schooling') },
      { value: 'sd', label: text('SD/sederajat', 'Primary school') },
      { value: 'smp', label: text('SMP/sederajat', 'Junior secondary school') },
      { value: 'sma', label: text('SMA/SMK/sederajat', 'Senior secondary school') },
      { value: 'diploma', label: text('Diploma (D1-D4)', 'Diploma') },
      { value: 's1', label: text('Sarjana (S1)', "Bachelor's degree") },
      { value: 'pascasarjana', label: text('Pascasarjana (S2/S3)', 'Postgraduate degree') },
    ]),
    ...applicantHome,
    applicant.purpose(text('Contoh: melamar pekerjaan', 'Example: applying for a job')),
  ],
  requirements: [
    requirement.ktp,
    requirement.kk,
    requirement.coverLetterRtRw,
    photoRequirement('4x6', text('merah', 'red')),
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '300',
  letter: {
    title: 'SURAT PENGANTAR SKCK',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Agama: {{religion}}',
      'Status Perkawinan: {{maritalStatus}}',
      'Pekerjaan: {{occupation}}',
      'Pendidikan Terakhir: {{education}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Orang tersebut di atas adalah benar warga Desa {{village}} dan sepanjang pengetahuan kami berkelakuan baik, tidak pernah tersangkut perkara pidana, dan tidak terlibat kegiatan yang melanggar hukum di wilayah Desa {{village}}.',
      'Surat pengantar ini diberikan sebagai kelengkapan permohonan Surat Keterangan Catatan Kepolisian (SKCK) untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat pengantar'),
  },
};
