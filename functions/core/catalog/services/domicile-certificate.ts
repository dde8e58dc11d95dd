import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  closing,
  dateField,
  longTextField,
  operatorVerifies,
  requirement,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/** Surat Keterangan Domisili: the village confirms where in the village a person lives, and since when. */
export const domicileCertificate: ServiceDefinition = {
  code: 'SKD',
  name: text('Surat Keterangan Domisili', 'Domicile Certificate'),
  family: 'certificate',
  description: text(
    'Keterangan dari desa bahwa pemohon bertempat tinggal di wilayah desa, termasuk warga yang alamat KTP-nya di tempat lain, untuk melamar kerja, membuka rekening, sekolah, atau bantuan.',
    'A village statement that the applicant lives in the village (also for residents whose ID card shows another address), for job applications, bank accounts, school or assistance.',
  ),
  fields: [
    ...applicantIdentity,
    applicant.religion,
    applicant.maritalStatus,
    applicant.occupation,
    longTextField('ktpAddress', text('Alamat sesuai KTP', 'Address on the ID card'), {
      required: false,
      hint: text('Isi bila berbeda dengan alamat domisili', 'Fill in when it differs from where you live'),
    }),
    ...applicantHome,
    dateField('livingSince', text('Tinggal di alamat ini sejak', 'Living at this address since')),
    applicant.purpose(text('Contoh: melamar pekerjaan', 'Example: applying for a job')),
  ],
  requirements: [
    requirement.ktp,
    requirement.kk,
    requirement.coverLetterRtRw,
    {
      code: 'keterangan-pemilik-rumah',
      label: text(
        'Surat keterangan pemilik rumah/kos (bila menumpang atau menyewa)',
        'Statement from the house owner or landlord (when lodging or renting)',
      ),
      required: false,
    },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '400.12.2.1',
  letter: {
    title: 'SURAT KETERANGAN DOMISILI',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Agama: {{religion}}',
      'Status Perkawinan: {{maritalStatus}}',
      'Pekerjaan: {{occupation}}',
      'Alamat KTP: {{ktpAddress}}',
      'Alamat Domisili: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Orang tersebut di atas benar-benar bertempat tinggal (berdomisili) di Desa {{village}}, Kecamatan {{district}}, Kabupaten {{regency}}, sejak tanggal {{livingSince}}.',
      'Surat keterangan ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
