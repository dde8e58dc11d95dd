import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  agencyDecides,
  applicant,
  choiceField,
  closing,
  dateField,
  integerField,
  nikField,
  operatorVerifies,
  placeField,
  REPORTER_RELATIONSHIPS,
  SEXES,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Permohonan Akta Kelahiran: the village records the birth (its letter is the Surat Keterangan Kelahiran)
 * and forwards it; Dukcapil issues the akta and attaches it, and the family collects it at the village
 * (seed 002: "lahir procot pulang membawa akta"). The parents' NIKs are matched against population data
 * first. Birth data follows Dukcapil's birth report (F-2.01).
 */
export const birthRegistration: ServiceDefinition = {
  code: 'AKL',
  name: text('Permohonan Akta Kelahiran', 'Birth Certificate Request'),
  family: 'civil-registration',
  description: text(
    'Pelaporan kelahiran melalui desa: desa menerbitkan surat keterangan kelahiran dan meneruskannya ke Dinas Kependudukan dan Pencatatan Sipil, yang menerbitkan akta kelahiran; akta dapat diambil di kantor desa.',
    'Report a birth through the village: the village issues its birth statement and forwards it to the population office (Dukcapil), which issues the birth certificate; the family collects it at the village office.',
  ),
  fields: [
    { ...applicant.nik, label: text('NIK pelapor', "Reporter's NIK") },
    { ...applicant.fullName, label: text('Nama pelapor', "Reporter's name") },
    choiceField(
      'reporterRelationship',
      text('Hubungan pelapor dengan anak', 'Your relationship to the child'),
      REPORTER_RELATIONSHIPS,
    ),
    {
      ...applicant.familyCardNumber,
      hint: text('KK tempat anak akan dicantumkan', 'The family card the child will be added to'),
    },
    textField('childName', text('Nama anak', "Child's name"), { minLength: 2 }),
    choiceField('childSex', text('Jenis kelamin anak', "Child's sex"), SEXES),
    placeField('childBirthPlace', text('Tempat lahir (kabupaten/kota)', 'Place of birth (regency or city)')),
    dateField('childBirthDate', text('Tanggal lahir', 'Date of birth')),
    textField('childBirthTime', text('Pukul lahir', 'Time of birth'), {
      minLength: 4,
      maxLength: 5,
      hint: text('Format JJ:MM, contoh 07:45', 'As HH:MM, e.g. 07:45'),
    }),
    choiceField('birthFacility', text('Tempat dilahirkan', 'Where the child was born'), [
      { value: 'rumah-sakit', label: text('Rumah sakit/rumah bersalin', 'Hospital or maternity clinic') },
      { value: 'puskesmas', label: text('Puskesmas', 'Community health centre') },
      {
        value: 'polindes',
        label: text('Polindes/bidan praktik mandiri', 'Village maternity post or midwife'),
      },
      { value: 'rumah', label: text('Rumah', 'Home') },
      { value: 'lainnya', label: text('Lainnya', 'Other') },
    ]),
    choiceField('birthAttendant', text('Penolong kelahiran', 'Birth attendant'), [
      { value: 'dokter', label: text('Dokter', 'Doctor') },
      { value: 'bidan', label: text('Bidan/perawat', 'Midwife or nurse') },
      { value: 'dukun', label: text('Dukun', 'Traditional birth attendant') },
      { value: 'lainnya', label: text('Lainnya', 'Other') },
    ]),
    choiceField('birthType', text('Jenis kelahiran', 'Type of birth'), [
      { value: 'tunggal', label: text('Tunggal', 'Single') },
      { value: 'kembar-2', label: text('Kembar 2', 'Twins') },
      { value: 'kembar-3', label: text('Kembar 3', 'Triplets') },
      { value: 'lainnya', label: text('Lainnya', 'Other') },
    ]),
    integerField('birthOrder', text('Anak ke-', 'Birth order (child number)'), { min: 1, max: 20 }),
    integerField('birthWeightGrams', text('Berat bayi (gram)', 'Birth weight (grams)'), {
      min: 300,
      max: 7000,
    }),
    integerField('birthLengthCm', text('Panjang bayi (cm)', 'Birth length (cm)'), { min: 20, max: 70 }),
    nikField('motherNik', text('NIK ibu', "Mother's NIK")),
    textField('motherName', text('Nama ibu', "Mother's name")),
    nikField('fatherNik', text('NIK ayah', "Father's NIK")),
    textField('fatherName', text('Nama ayah', "Father's name")),
    textField(
      'marriageCertificateNumber',
      text('Nomor buku nikah/akta perkawinan orang tua', "Parents' marriage book or certificate number"),
      {
        required: false,
        minLength: 3,
        maxLength: 60,
      },
    ),
  ],
  requirements: [
    {
      code: 'surat-lahir',
      label: text(
        'Surat keterangan lahir dari rumah sakit/puskesmas/bidan',
        'Birth notice from the hospital, health centre or midwife',
      ),
      required: true,
    },
    { code: 'kk', label: text('Kartu Keluarga (KK) orang tua', "Parents' family card (KK)"), required: true },
    {
      code: 'ktp-orang-tua',
      label: text('KTP-el ayah dan ibu', "Father's and mother's ID cards (KTP-el)"),
      required: true,
    },
    {
      code: 'buku-nikah',
      label: text('Buku nikah/akta perkawinan orang tua', "Parents' marriage book or certificate"),
      required: false,
    },
    {
      code: 'sptjm',
      label: text(
        'SPTJM kebenaran data kelahiran (bila tidak ada surat keterangan lahir)',
        'Sworn statement of the birth data (SPTJM), when there is no birth notice',
      ),
      required: false,
    },
  ],
  stages: [
    operatorVerifies(4),
    {
      kind: 'check',
      key: 'parents-check',
      label: text(
        'Pencocokan NIK ayah dan ibu dengan data kependudukan',
        "Parents' NIKs matched against population data",
      ),
      registries: ['population'],
      subjects: [
        { nikField: 'motherNik', nameField: 'motherName', familyCardField: 'familyCardNumber' },
        { nikField: 'fatherNik', nameField: 'fatherName', familyCardField: 'familyCardNumber' },
      ],
    },
    villageHeadSigns(8),
    agencyDecides({
      key: 'dukcapil-issue',
      agency: 'dukcapil',
      label: text('Penerbitan akta kelahiran oleh Dukcapil', 'Dukcapil issues the birth certificate'),
      deadlineHours: 24,
      attachesDocument: { requirementCode: 'akta', label: text('Akta Kelahiran', 'Birth certificate') },
    }),
  ],
  targetHours: 48,
  classificationCode: '400.12.3.1',
  letter: {
    title: 'SURAT KETERANGAN KELAHIRAN',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama Anak: {{childName}}',
      'Jenis Kelamin: {{childSex}}',
      'Tempat Lahir: {{childBirthPlace}}',
      'Tanggal Lahir: {{childBirthDate}}',
      'Pukul: {{childBirthTime}}',
      'Tempat Dilahirkan: {{birthFacility}}',
      'Penolong Kelahiran: {{birthAttendant}}',
      'Jenis Kelahiran: {{birthType}}',
      'Anak Ke: {{birthOrder}}',
      'Berat/Panjang Bayi: {{birthWeightGrams}} gram / {{birthLengthCm}} cm',
      'Anak tersebut adalah anak dari pasangan suami istri sebagai berikut:',
      'Nama Ibu: {{motherName}}',
      'NIK Ibu: {{motherNik}}',
      'Nama Ayah: {{fatherName}}',
      'NIK Ayah: {{fatherNik}}',
      'Nomor KK: {{familyCardNumber}}',
      'Buku Nikah/Akta Perkawinan: {{marriageCertificateNumber}}',
      'Kelahiran tersebut dilaporkan kepada Pemerintah Desa oleh:',
      'Nama Pelapor: {{fullName}}',
      'NIK Pelapor: {{nik}}',
      'Hubungan dengan Anak: {{reporterRelationship}}',
      'Surat keterangan ini dibuat sebagai dasar penerbitan Akta Kelahiran oleh Dinas Kependudukan dan Pencatatan Sipil Kabupaten {{regency}}; akta yang telah terbit dapat diambil di Kantor Desa {{village}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
