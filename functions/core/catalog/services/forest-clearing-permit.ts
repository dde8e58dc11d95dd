import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  choiceField,
  dateField,
  districtHeadSigns,
  integerField,
  longTextField,
  operatorVerifies,
  requirement,
  textField,
  villageHeadRecommends,
} from './common.js';

/**
 * Izin Perambahan Hutan dan Perkebunan (seed 002's "surat ijin perambahan hutan dan perkebunan"): leave to
 * open and clear land for planting on land the applicant holds. The village head checks the site and
 * recommends; the camat grants and signs. The permit never covers state forest, and never burning.
 */
export const forestClearingPermit: ServiceDefinition = {
  code: 'IPHP',
  name: text('Surat Izin Perambahan Hutan dan Perkebunan', 'Forest and Plantation Clearing Permit'),
  family: 'permit',
  description: text(
    'Izin membuka dan membersihkan lahan hutan rakyat atau kebun yang dikuasai pemohon untuk ditanami, diterbitkan Camat setelah pemeriksaan lapangan dan rekomendasi Kepala Desa. Tidak berlaku untuk kawasan hutan negara.',
    "Leave to open and clear community forest or plantation land the applicant holds, for planting, granted by the district head (camat) after the village head's site check and recommendation. Not valid in state forest areas.",
  ),
  fields: [
    applicant.nik,
    applicant.fullName,
    applicant.birthPlace,
    applicant.birthDate,
    applicant.occupation,
    ...applicantHome,
    longTextField(
      'landLocation',
      text('Lokasi lahan (dusun/blok/persil)', 'Location of the land (hamlet/block/plot)'),
    ),
    integerField('landArea', text('Luas lahan (meter persegi)', 'Area (square metres)'), {
      min: 1,
      max: 1_000_000,
    }),
    longTextField('landBoundaries', text('Batas-batas lahan', 'Boundaries of the land'), {
      maxLength: 400,
      hint: text(
        'Utara, timur, selatan, barat: berbatasan dengan tanah siapa atau apa',
        'North, east, south, west: whose land or what borders it',
      ),
    }),
    choiceField('landStatus', text('Status lahan', 'Tenure of the land'), [
      {
        value: 'hak-milik',
        label: text('Tanah hak milik (SHM/Letter C/Petok D)', 'Owned land (title, Letter C or Petok D)'),
      },
      {
        value: 'sewa-garapan',
        label: text('Sewa/garapan dengan izin pemilik', "Leased or sharecropped, with the owner's consent"),
      },
      {
        value: 'tanah-kas-desa',
        label: text('Tanah kas desa (dengan perjanjian)', 'Village land (under an agreement)'),
      },
    ]),
    textField('ownershipDocument', text('Nomor bukti penguasaan lahan', 'Number of the land document'), {
      minLength: 3,
      maxLength: 100,
      hint: text('Contoh: SHM No. 123 atau Petok D No. 45', 'Example: SHM No. 123 or Petok D No. 45'),
    }),
    textField('currentCover', text('Tutupan lahan saat ini', 'Current land cover'), {
      minLength: 3,
      maxLength: 100,
      hint: text('Contoh: semak belukar, kebun campuran', 'Example: scrub, mixed garden'),
    }),
    choiceField('plannedUse', text('Rencana penggunaan lahan', 'Planned use'), [
      { value: 'perkebunan', label: text('Tanaman perkebunan', 'Plantation crops') },
      { value: 'pangan', label: text('Tanaman pangan', 'Food crops') },
      { value: 'hortikultura', label: text('Hortikultura', 'Horticulture') },
      { value: 'hutan-rakyat', label: text('Hutan rakyat/agroforestri', 'Community forest / agroforestry') },
    ]),
    textField('plannedCrop', text('Jenis tanaman', 'Crops to be planted'), {
      minLength: 3,
      maxLength: 100,
      hint: text('Contoh: kopi robusta dan sengon', 'Example: robusta coffee and sengon'),
    }),
    choiceField('clearingMethod', text('Cara pembukaan lahan', 'Clearing method'), [
      { value: 'manual', label: text('Manual, tanpa pembakaran', 'By hand, without burning') },
      { value: 'mekanis', label: text('Mekanis/alat berat, tanpa pembakaran', 'Machinery, without burning') },
    ]),
    dateField('clearingStart', text('Rencana mulai pembukaan lahan', 'Planned start of clearing')),
  ],
  requirements: [
    requirement.ktp,
    requirement.kk,
    requirement.coverLetterRtRw,
    {
      code: 'bukti-lahan',
      label: text(
        'Bukti penguasaan lahan (SHM, Letter C/Petok D, atau perjanjian sewa/garapan)',
        'Proof of land tenure (title, Letter C/Petok D, or lease/sharecropping agreement)',
      ),
      required: true,
    },
    {
      code: 'sketsa-lahan',
      label: text(
        'Sketsa atau peta lokasi lahan dengan batas-batasnya',
        'Sketch or map of the land with its boundaries',
      ),
      required: true,
    },
    {
      code: 'persetujuan-tetangga',
      label: text(
        'Surat persetujuan pemilik lahan yang berbatasan',
        'Consent of the neighbouring landholders',
      ),
      required: false,
    },
    {
      code: 'sppt-pbb',
      label: text('SPPT PBB tahun berjalan', "This year's land and building tax notice (SPPT PBB)"),
      required: false,
    },
  ],
  stages: [
    operatorVerifies(8),
    villageHeadRecommends(
      24,
      text(
        'Pemeriksaan lapangan dan rekomendasi Kepala Desa',
        "Village head's site check and recommendation",
      ),
    ),
    districtHeadSigns(48),
  ],
  targetHours: 120,
  classificationCode: '500.4',
  letter: {
    title: 'SURAT IZIN PERAMBAHAN HUTAN DAN PERKEBUNAN',
    opening:
      'Yang bertanda tangan di bawah ini Camat {{district}}, Kabupaten {{regency}}, berdasarkan hasil pemeriksaan lapangan dan rekomendasi Kepala Desa {{village}}, dengan ini memberikan izin kepada:',
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'untuk membuka dan membersihkan lahan dengan keterangan sebagai berikut:',
      'Lokasi Lahan: {{landLocation}}, Desa {{village}}',
      'Luas Lahan: {{landArea}} meter persegi',
      'Batas Lahan: {{landBoundaries}}',
      'Status Lahan: {{landStatus}}',
      'Bukti Penguasaan Lahan: {{ownershipDocument}}',
      'Tutupan Lahan: {{currentCover}}',
      'Rencana Penggunaan: {{plannedUse}}',
      'Jenis Tanaman: {{plannedCrop}}',
      'Cara Pembukaan: {{clearingMethod}}',
      'Mulai Pembukaan: {{clearingStart}}',
      'Dengan ketentuan: (1) lahan dibuka tanpa membakar; (2) tidak memasuki kawasan hutan negara, sempadan sungai, maupun sekitar mata air; (3) pemegang izin bertanggung jawab atas kerusakan lingkungan dan kerugian pihak lain yang timbul; (4) izin ini batal dengan sendirinya apabila ketentuan tersebut dilanggar atau keterangan yang diberikan tidak benar.',
    ],
    closing: 'Demikian izin ini diberikan untuk dapat dipergunakan sebagaimana mestinya.',
  },
};
