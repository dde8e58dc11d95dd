import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  choiceField,
  closing,
  dateField,
  longTextField,
  nikField,
  operatorVerifies,
  photoRequirement,
  placeField,
  requirement,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Pengantar Nikah: the village's cover letter for registering a marriage at the KUA (or, for non-Muslim
 * couples, at Dukcapil). It carries the data of the former N1–N4 forms: the person, their parents, their
 * marital status and the intended spouse.
 */
export const marriageCoverLetter: ServiceDefinition = {
  code: 'SPN',
  name: text('Surat Pengantar Nikah', 'Marriage Cover Letter'),
  family: 'certificate',
  description: text(
    'Surat pengantar dari desa untuk mendaftarkan kehendak nikah di KUA Kecamatan atau pencatatan perkawinan di Dinas Kependudukan dan Pencatatan Sipil, memuat data calon pengantin, orang tua, dan calon pasangan.',
    "The village's cover letter for registering an intended marriage at the district religious affairs office (KUA) or the population office, with the data of the person, their parents and the intended spouse.",
  ),
  fields: [
    ...applicantIdentity,
    applicant.religion,
    applicant.occupation,
    ...applicantHome,
    choiceField('maritalStatus', text('Status perkawinan saat ini', 'Current marital status'), [
      { value: 'belum-kawin', label: text('Belum kawin (jejaka/perawan)', 'Never married') },
      { value: 'cerai-hidup', label: text('Cerai hidup (duda/janda)', 'Divorced') },
      { value: 'cerai-mati', label: text('Cerai mati (duda/janda)', 'Widowed') },
    ]),
    textField('previousSpouseName', text('Nama suami/istri terdahulu', 'Name of the former spouse'), {
      required: false,
      hint: text('Bagi duda/janda', 'For divorced or widowed applicants'),
    }),
    nikField('fatherNik', text('NIK ayah', "Father's NIK"), {
      required: false,
      hint: text(
        'Kosongkan bila ayah sudah meninggal dan tidak tercatat',
        'Leave empty if the father died unregistered',
      ),
    }),
    textField('fatherName', text('Nama ayah', "Father's name")),
    nikField('motherNik', text('NIK ibu', "Mother's NIK"), {
      required: false,
      hint: text(
        'Kosongkan bila ibu sudah meninggal dan tidak tercatat',
        'Leave empty if the mother died unregistered',
      ),
    }),
    textField('motherName', text('Nama ibu', "Mother's name")),
    nikField('spouseNik', text('NIK calon pasangan', "Intended spouse's NIK")),
    textField('spouseName', text('Nama calon pasangan', "Intended spouse's name")),
    placeField('spouseBirthPlace', text('Tempat lahir calon pasangan', "Intended spouse's place of birth")),
    dateField('spouseBirthDate', text('Tanggal lahir calon pasangan', "Intended spouse's date of birth")),
    longTextField('spouseAddress', text('Alamat calon pasangan', "Intended spouse's address")),
    dateField('marriageDate', text('Rencana tanggal akad/pernikahan', 'Planned wedding date')),
    textField('marriagePlace', text('Rencana tempat akad/pernikahan', 'Planned wedding venue'), {
      minLength: 3,
      maxLength: 150,
    }),
    textField('registrationOffice', text('Kantor pencatat tujuan', 'Registering office'), {
      minLength: 3,
      maxLength: 100,
      hint: text('Contoh: KUA Kecamatan Cluring', 'Example: KUA Kecamatan Cluring'),
    }),
  ],
  requirements: [
    requirement.ktp,
    requirement.kk,
    requirement.coverLetterRtRw,
    {
      code: 'ktp-calon',
      label: text('KTP-el calon pasangan', "Intended spouse's ID card (KTP-el)"),
      required: true,
    },
    {
      code: 'akta-kelahiran',
      label: text('Akta kelahiran pemohon', "Applicant's birth certificate"),
      required: true,
    },
    photoRequirement('2x3 dan 4x6', text('biru', 'blue')),
    {
      code: 'akta-cerai',
      label: text(
        'Akta cerai atau akta kematian suami/istri terdahulu (bagi duda/janda)',
        "Divorce certificate or the former spouse's death certificate (when divorced or widowed)",
      ),
      required: false,
    },
    {
      code: 'izin-orang-tua',
      label: text(
        'Surat izin orang tua (bagi calon pengantin di bawah 21 tahun)',
        "Parents' consent (when under 21)",
      ),
      required: false,
    },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '400.12.3.2',
  letter: {
    title: 'SURAT PENGANTAR NIKAH',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Agama: {{religion}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Status Perkawinan: {{maritalStatus}}',
      'Suami/Istri Terdahulu: {{previousSpouseName}}',
      'Nama Ayah: {{fatherName}}',
      'NIK Ayah: {{fatherNik}}',
      'Nama Ibu: {{motherName}}',
      'NIK Ibu: {{motherNik}}',
      'Orang tersebut di atas adalah benar warga Desa {{village}} yang akan melangsungkan pernikahan dengan:',
      'Nama: {{spouseName}}',
      'NIK: {{spouseNik}}',
      'Tempat/Tgl. Lahir: {{spouseBirthPlace}}, {{spouseBirthDate}}',
      'Alamat: {{spouseAddress}}',
      'Rencana Pernikahan: {{marriageDate}}, bertempat di {{marriagePlace}}',
      'Surat pengantar ini diberikan untuk melengkapi persyaratan pendaftaran kehendak nikah pada {{registrationOffice}}.',
    ],
    closing: closing('surat pengantar'),
  },
};
