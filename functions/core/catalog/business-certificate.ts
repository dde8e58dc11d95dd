import { text } from '../text.js';
import type { ServiceDefinition } from './types.js';

/** Surat Keterangan Usaha: the village confirms that a resident runs a business at an address in the village. */
export const businessCertificate: ServiceDefinition = {
  code: 'SKU',
  name: text('Surat Keterangan Usaha', 'Business Certificate'),
  description: text(
    'Keterangan dari desa bahwa pemohon menjalankan usaha di wilayah desa, untuk pengajuan kredit usaha, izin, atau bantuan UMKM.',
    'A village statement that the applicant runs a business in the village, for business loans, permits or small-business support.',
  ),
  fields: [
    { name: 'nik', type: 'nik', label: text('NIK pemohon', "Applicant's NIK"), required: true },
    {
      name: 'fullName',
      type: 'text',
      label: text('Nama lengkap', 'Full name'),
      required: true,
      minLength: 3,
      maxLength: 100,
    },
    {
      name: 'birthPlace',
      type: 'text',
      label: text('Tempat lahir', 'Place of birth'),
      required: true,
      minLength: 2,
      maxLength: 60,
    },
    { name: 'birthDate', type: 'date', label: text('Tanggal lahir', 'Date of birth'), required: true },
    {
      name: 'address',
      type: 'longText',
      label: text('Alamat tempat tinggal', 'Home address'),
      required: true,
      minLength: 5,
      maxLength: 200,
    },
    {
      name: 'businessName',
      type: 'text',
      label: text('Nama usaha', 'Business name'),
      required: true,
      minLength: 2,
      maxLength: 100,
    },
    {
      name: 'businessType',
      type: 'choice',
      label: text('Jenis usaha', 'Type of business'),
      required: true,
      choices: [
        { value: 'dagang', label: text('Perdagangan', 'Trade') },
        { value: 'kuliner', label: text('Kuliner', 'Food and drink') },
        { value: 'pertanian', label: text('Pertanian / perkebunan', 'Farming / plantation') },
        { value: 'peternakan', label: text('Peternakan / perikanan', 'Livestock / fishery') },
        { value: 'jasa', label: text('Jasa', 'Services') },
        { value: 'kerajinan', label: text('Kerajinan / industri rumah tangga', 'Crafts / home industry') },
      ],
    },
    {
      name: 'businessAddress',
      type: 'longText',
      label: text('Alamat usaha', 'Business address'),
      required: true,
      minLength: 5,
      maxLength: 200,
    },
    {
      name: 'sinceYear',
      type: 'integer',
      label: text('Berdiri sejak tahun', 'Running since (year)'),
      required: true,
      min: 1950,
      max: 2100,
    },
    {
      name: 'purpose',
      type: 'text',
      label: text('Keperluan surat', 'Purpose of the letter'),
      required: true,
      minLength: 3,
      maxLength: 150,
      hint: text('Contoh: pengajuan KUR di bank', 'Example: applying for a small-business loan'),
    },
  ],
  requirements: [
    {
      code: 'ktp',
      label: text('Fotokopi KTP pemohon', "Copy of the applicant's ID card (KTP)"),
      required: true,
    },
    { code: 'kk', label: text('Fotokopi Kartu Keluarga', 'Copy of the family card (KK)'), required: true },
    {
      code: 'pengantar-rt',
      label: text('Surat pengantar RT/RW', 'Cover letter from the neighbourhood head (RT/RW)'),
      required: true,
    },
    {
      code: 'foto-usaha',
      label: text('Foto tempat usaha', 'Photo of the business premises'),
      required: false,
    },
  ],
  stages: [
    {
      key: 'verify',
      role: 'operator',
      label: text('Verifikasi berkas oleh operator desa', 'Village operator checks the application'),
      deadlineHours: 4,
    },
    {
      key: 'sign',
      role: 'village_head',
      label: text('Tanda tangan Kepala Desa', 'Village head signs'),
      deadlineHours: 8,
      signs: true,
    },
  ],
  targetHours: 24,
  classificationCode: '500.2',
  letter: {
    title: 'SURAT KETERANGAN USAHA',
    opening:
      'Yang bertanda tangan di bawah ini Kepala Desa {{village}}, Kecamatan {{district}}, Kabupaten {{regency}}, menerangkan dengan sebenarnya bahwa:',
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Alamat: {{address}}',
      'Orang tersebut benar-benar warga Desa {{village}} dan mempunyai usaha {{businessName}} ({{businessType}}) yang beralamat di {{businessAddress}}, berjalan sejak tahun {{sinceYear}}.',
      'Surat keterangan ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: 'Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.',
  },
};
