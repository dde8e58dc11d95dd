import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  choiceField,
  closing,
  operatorVerifies,
  requirement,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Biodata Penduduk: the resident's full record as the village holds it (the F-1.01-style biodata sheet),
 * asked for by employers, migrant-work agencies and Dukcapil itself. OpenSID: surat_bio_penduduk.
 */
export const residentBiodata: ServiceDefinition = {
  code: 'BIO',
  name: text('Biodata Penduduk', 'Resident Biodata'),
  family: 'certificate',
  description: text(
    'Lembar biodata penduduk yang disahkan desa: identitas, keluarga, pendidikan, dan pekerjaan, untuk lamaran kerja, pekerja migran, atau perbaikan data kependudukan.',
    "The resident's biodata sheet certified by the village (identity, family, education and work), for job and migrant-work applications or for correcting population data.",
  ),
  keywords: ['biodata', 'data diri', 'riwayat hidup', 'lamaran kerja', 'pmi', 'tki'],
  fields: [
    ...applicantIdentity,
    applicant.religion,
    applicant.maritalStatus,
    applicant.occupation,
    applicant.familyCardNumber,
    ...applicantHome,
    choiceField('education', text('Pendidikan terakhir', 'Highest education'), [
      { value: 'tidak-sekolah', label: text('Tidak/belum sekolah', 'No schooling') },
      { value: 'sd', label: text('SD/sederajat', 'Primary school') },
      { value: 'smp', label: text('SMP/sederajat', 'Junior high school') },
      { value: 'sma', label: text('SMA/sederajat', 'Senior high school') },
      { value: 'diploma', label: text('Diploma', 'Diploma') },
      { value: 'sarjana', label: text('S1 atau lebih', "Bachelor's degree or higher") },
    ]),
    choiceField('bloodType', text('Golongan darah', 'Blood type'), [
      { value: 'a', label: text('A', 'A') },
      { value: 'b', label: text('B', 'B') },
      { value: 'ab', label: text('AB', 'AB') },
      { value: 'o', label: text('O', 'O') },
      { value: 'tidak-tahu', label: text('Tidak tahu', 'Unknown') },
    ]),
    textField('fatherName', text('Nama ayah', "Father's name")),
    textField('motherName', text('Nama ibu', "Mother's name")),
    applicant.purpose(text('Contoh: pendaftaran pekerja migran', 'Example: registering as a migrant worker')),
  ],
  requirements: [requirement.ktp, requirement.kk],
  stages: [operatorVerifies(2), villageHeadSigns(4)],
  targetHours: 8,
  classificationCode: '400.12.2.1',
  letter: {
    title: 'BIODATA PENDUDUK',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Nomor KK: {{familyCardNumber}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Golongan Darah: {{bloodType}}',
      'Agama: {{religion}}',
      'Status Perkawinan: {{maritalStatus}}',
      'Pendidikan Terakhir: {{education}}',
      'Pekerjaan: {{occupation}}',
      'Nama Ayah: {{fatherName}}',
      'Nama Ibu: {{motherName}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Biodata tersebut sesuai dengan data kependudukan Desa {{village}} dan keterangan yang bersangkutan.',
      'Biodata ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: closing('biodata'),
  },
};
