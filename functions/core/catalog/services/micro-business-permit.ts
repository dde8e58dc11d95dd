import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicantHome,
  applicantIdentity,
  choiceField,
  districtHeadSigns,
  integerField,
  longTextField,
  operatorVerifies,
  photoRequirement,
  requirement,
  textField,
  villageHeadRecommends,
} from './common.js';

/**
 * Izin Usaha Mikro Kecil (IUMK): the camat grants a micro or small business a permit on the village's
 * recommendation (the seed's "surat ijin pendirian UMKM"). The camat signs; the village head recommends.
 */
export const microBusinessPermit: ServiceDefinition = {
  code: 'IUMK',
  name: text('Izin Usaha Mikro Kecil (IUMK)', 'Micro and Small Business Permit'),
  family: 'permit',
  description: text(
    'Izin usaha bagi usaha mikro dan kecil yang diterbitkan Camat atas rekomendasi Kepala Desa, sebagai legalitas usaha untuk akses permodalan, pendampingan, dan pemasaran.',
    "A permit for micro and small businesses, granted by the district head (camat) on the village head's recommendation, giving the business the standing it needs for loans, support and markets.",
  ),
  fields: [
    ...applicantIdentity,
    ...applicantHome,
    textField('phone', text('Nomor telepon/HP', 'Phone number'), {
      required: false,
      minLength: 8,
      maxLength: 20,
    }),
    textField('businessName', text('Nama usaha', 'Business name'), { minLength: 2 }),
    choiceField('businessType', text('Jenis usaha', 'Type of business'), [
      { value: 'perdagangan', label: text('Perdagangan', 'Trade') },
      { value: 'makanan-minuman', label: text('Makanan dan minuman', 'Food and drink') },
      {
        value: 'industri-rumah-tangga',
        label: text('Industri rumah tangga/kerajinan', 'Home industry / crafts'),
      },
      { value: 'pertanian', label: text('Pertanian/perkebunan', 'Farming / plantation') },
      { value: 'peternakan-perikanan', label: text('Peternakan/perikanan', 'Livestock / fishery') },
      { value: 'jasa', label: text('Jasa', 'Services') },
    ]),
    textField('businessActivity', text('Kegiatan usaha', 'Business activity'), {
      minLength: 3,
      maxLength: 150,
      hint: text('Contoh: produksi dan penjualan keripik pisang', 'Example: making and selling banana chips'),
    }),
    choiceField('businessScale', text('Skala usaha', 'Business size'), [
      {
        value: 'mikro',
        label: text(
          'Usaha mikro (modal usaha sampai Rp1 miliar)',
          'Micro (business capital up to IDR 1 billion)',
        ),
      },
      {
        value: 'kecil',
        label: text(
          'Usaha kecil (modal usaha Rp1 miliar sampai Rp5 miliar)',
          'Small (business capital IDR 1 to 5 billion)',
        ),
      },
    ]),
    longTextField('businessAddress', text('Alamat usaha', 'Business address')),
    integerField('employees', text('Jumlah tenaga kerja', 'Number of workers'), { min: 0, max: 99 }),
    integerField('sinceYear', text('Berdiri sejak tahun', 'Running since (year)'), { min: 1950, max: 2100 }),
  ],
  requirements: [
    requirement.ktp,
    requirement.kk,
    requirement.coverLetterRtRw,
    photoRequirement('4x6', text('merah', 'red')),
    {
      code: 'foto-usaha',
      label: text('Foto tempat usaha atau produk', 'Photo of the business premises or products'),
      required: false,
    },
  ],
  stages: [
    operatorVerifies(4),
    villageHeadRecommends(8, text('Rekomendasi Kepala Desa', "Village head's recommendation")),
    districtHeadSigns(24),
  ],
  targetHours: 48,
  classificationCode: '500.3',
  letter: {
    title: 'IZIN USAHA MIKRO DAN KECIL (IUMK)',
    opening:
      'Yang bertanda tangan di bawah ini Camat {{district}}, Kabupaten {{regency}}, berdasarkan rekomendasi Kepala Desa {{village}}, dengan ini memberikan Izin Usaha Mikro dan Kecil kepada:',
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Nomor Telepon: {{phone}}',
      'Nama Usaha: {{businessName}}',
      'Jenis Usaha: {{businessType}}',
      'Kegiatan Usaha: {{businessActivity}}',
      'Skala Usaha: {{businessScale}}',
      'Alamat Usaha: {{businessAddress}}',
      'Jumlah Tenaga Kerja: {{employees}} orang',
      'Berdiri Sejak: {{sinceYear}}',
      'Izin ini berlaku selama usaha tersebut masih dijalankan. Pemegang izin wajib menjalankan usahanya sesuai ketentuan peraturan perundang-undangan, menjaga ketertiban, kebersihan dan kelestarian lingkungan, serta melaporkan perubahan usaha kepada Camat melalui Pemerintah Desa.',
    ],
    closing: 'Demikian izin ini diberikan untuk dapat dipergunakan sebagaimana mestinya.',
  },
};
