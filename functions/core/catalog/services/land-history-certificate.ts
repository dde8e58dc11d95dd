import { text } from '../../shared/text.js';
import type { FieldDefinition, ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  choiceField,
  closing,
  districtHeadSigns,
  integerField,
  longTextField,
  operatorVerifies,
  requirement,
  textField,
  villageHeadRecommends,
} from './common.js';

/** A plot of land as the village's land book (Letter C) and the PBB tax notice describe it. */
export const landPlot: readonly FieldDefinition[] = [
  textField(
    'landLocation',
    text('Letak tanah (blok/persil, dusun)', 'Location of the plot (block or parcel, hamlet)'),
    {
      minLength: 3,
      maxLength: 150,
    },
  ),
  integerField('landArea', text('Luas tanah (m²)', 'Area (m²)'), { min: 1, max: 10_000_000 }),
  longTextField('landBoundaries', text('Batas-batas tanah', 'Boundaries'), {
    maxLength: 300,
    hint: text(
      'Utara, timur, selatan, barat: milik siapa atau jalan/sungai',
      'North, east, south, west: whose land, or a road or river',
    ),
  }),
  textField('ownershipDocument', text('Dasar kepemilikan', 'Proof of ownership'), {
    minLength: 3,
    maxLength: 100,
    hint: text(
      'Contoh: Letter C No. 112, Persil 45, SPPT PBB',
      'Example: Letter C no. 112, parcel 45, PBB notice',
    ),
  }),
];

/**
 * Surat Keterangan Riwayat/Kepemilikan Tanah: the village states from its land book who owns an
 * uncertificated plot and how it came to them, for the first registration at BPN (PTSL), a sale before a
 * PPAT or a bank. BPN asks for the camat's acknowledgment: the village head recommends, the camat signs.
 * OpenSID: surat_ket_kepemilikan_tanah.
 */
export const landHistoryCertificate: ServiceDefinition = {
  code: 'SKRT',
  name: text('Surat Keterangan Riwayat dan Kepemilikan Tanah', 'Certificate of Land History and Ownership'),
  family: 'certificate',
  description: text(
    'Keterangan riwayat dan kepemilikan tanah yang belum bersertifikat menurut buku tanah desa (Letter C), direkomendasikan Kepala Desa dan dikuatkan Camat, untuk pendaftaran tanah di BPN, jual beli di PPAT, atau agunan.',
    'A statement of the history and ownership of uncertificated land from the village land book (Letter C), recommended by the village head and acknowledged by the camat, for registration at the land office, a sale before a notary (PPAT) or a loan.',
  ),
  keywords: ['tanah', 'riwayat tanah', 'kepemilikan tanah', 'sertifikat', 'letter c', 'petok', 'ptsl', 'bpn'],
  fields: [
    ...applicantIdentity,
    applicant.occupation,
    ...applicantHome,
    ...landPlot,
    choiceField('acquiredHow', text('Cara memperoleh tanah', 'How the land was acquired'), [
      { value: 'warisan', label: text('Warisan', 'Inheritance') },
      { value: 'jual-beli', label: text('Jual beli', 'Purchase') },
      { value: 'hibah', label: text('Hibah', 'Gift') },
      { value: 'garapan', label: text('Garapan/pembukaan lahan', 'Cultivation of unclaimed land') },
    ]),
    integerField('acquiredYear', text('Tahun diperoleh', 'Year acquired'), { min: 1900, max: 2100 }),
    longTextField(
      'landHistory',
      text('Riwayat tanah (pemilik sebelumnya)', 'History of the land (previous owners)'),
      {
        maxLength: 400,
        hint: text(
          'Contoh: semula milik Sarkawi (Letter C 112), diwariskan kepada pemohon tahun 2010',
          'Example: first owned by Sarkawi (Letter C 112), inherited by the applicant in 2010',
        ),
      },
    ),
    textField('landUse', text('Penggunaan tanah saat ini', 'Current use of the land'), {
      minLength: 3,
      maxLength: 100,
    }),
  ],
  requirements: [
    requirement.ktp,
    requirement.kk,
    {
      code: 'sppt-pbb',
      label: text('SPPT PBB tahun berjalan', "This year's land tax notice (SPPT PBB)"),
      required: true,
    },
    {
      code: 'kutipan-letter-c',
      label: text('Kutipan Letter C/Petok D', 'Extract of the land book (Letter C / Petok D)'),
      required: true,
    },
    { code: 'sketsa-tanah', label: text('Sketsa/denah bidang tanah', 'Sketch of the plot'), required: false },
  ],
  stages: [
    operatorVerifies(8),
    villageHeadRecommends(
      24,
      text('Rekomendasi Kepala Desa (buku tanah desa)', "Village head's recommendation (village land book)"),
    ),
    districtHeadSigns(48),
  ],
  targetHours: 120,
  classificationCode: '500.17',
  letter: {
    title: 'SURAT KETERANGAN RIWAYAT DAN KEPEMILIKAN TANAH',
    opening:
      'Yang bertanda tangan di bawah ini Camat {{district}}, Kabupaten {{regency}}, berdasarkan buku tanah desa dan rekomendasi Kepala Desa {{village}}, menerangkan bahwa:',
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'adalah benar pemilik sebidang tanah yang belum bersertifikat dengan keterangan sebagai berikut:',
      'Letak Tanah: {{landLocation}}, Desa {{village}}',
      'Luas: {{landArea}} m²',
      'Batas-batas: {{landBoundaries}}',
      'Dasar Kepemilikan: {{ownershipDocument}}',
      'Diperoleh Dari: {{acquiredHow}}, tahun {{acquiredYear}}',
      'Riwayat: {{landHistory}}',
      'Penggunaan: {{landUse}}',
      'Tanah tersebut dikuasai secara fisik oleh yang bersangkutan, tidak dalam sengketa, dan tidak sedang dijaminkan, sepanjang pengetahuan Pemerintah Desa {{village}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
