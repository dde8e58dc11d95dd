import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicantHome,
  applicantIdentity,
  applicantSubject,
  choiceField,
  closing,
  dateField,
  districtHeadSigns,
  operatorVerifies,
  peopleCheck,
  personFields,
  requirement,
  textField,
  villageHeadRecommends,
} from './common.js';

const HEIR_RELATIONSHIPS = [
  { value: 'suami-istri', label: text('Suami/istri', 'Husband/wife') },
  { value: 'anak', label: text('Anak kandung', 'Child') },
  { value: 'orang-tua', label: text('Orang tua', 'Parent') },
  { value: 'saudara', label: text('Saudara kandung', 'Sibling') },
  { value: 'cucu', label: text('Cucu', 'Grandchild') },
];

/**
 * Surat Keterangan Ahli Waris: who inherits from a deceased resident, for a bank, a pension fund or the land
 * office (BPN asks for the camat's acknowledgment). The applicant is the first heir and names a second one;
 * two witnesses vouch. The deceased (recorded as such), both heirs and both witnesses are matched against the
 * population register; the village head then recommends and the camat acknowledges and signs. OpenSID has
 * no system template for it: villages add it as their own template ("Surat Keterangan Ahli Waris").
 */
export const heirsCertificate: ServiceDefinition = {
  code: 'SKAW',
  name: text('Surat Keterangan Ahli Waris', 'Certificate of Heirs'),
  family: 'certificate',
  description: text(
    'Keterangan tentang para ahli waris seorang warga yang telah meninggal dunia, disaksikan dua orang saksi, direkomendasikan Kepala Desa dan dikuatkan Camat, untuk pencairan tabungan, pensiun, atau balik nama tanah.',
    'A statement of who inherits from a deceased resident, witnessed by two people, recommended by the village head and acknowledged by the camat, for bank savings, pensions or transferring land.',
  ),
  keywords: ['waris', 'ahli waris', 'warisan', 'meninggal', 'tanah', 'pensiun', 'tabungan'],
  fields: [
    ...applicantIdentity,
    ...applicantHome,
    choiceField(
      'heirRelationship',
      text('Hubungan Anda dengan almarhum/almarhumah', 'Your relationship to the deceased'),
      HEIR_RELATIONSHIPS,
    ),
    ...personFields('deceased', text('almarhum/almarhumah', 'deceased')),
    dateField('dateOfDeath', text('Tanggal meninggal', 'Date of death')),
    textField('placeOfDeath', text('Tempat meninggal', 'Place of death'), { minLength: 3, maxLength: 150 }),
    ...personFields('heir2', text('ahli waris kedua', 'second heir')),
    choiceField(
      'heir2Relationship',
      text(
        'Hubungan ahli waris kedua dengan almarhum/almarhumah',
        "The second heir's relationship to the deceased",
      ),
      HEIR_RELATIONSHIPS,
    ),
    ...personFields('witness1', text('saksi pertama', 'first witness')),
    ...personFields('witness2', text('saksi kedua', 'second witness')),
    textField('purpose', text('Keperluan surat', 'Purpose of the letter'), {
      minLength: 3,
      maxLength: 150,
      hint: text(
        'Contoh: pencairan tabungan almarhum di BRI',
        "Example: withdrawing the deceased's BRI savings",
      ),
    }),
  ],
  requirements: [
    {
      code: 'akta-kematian',
      label: text(
        'Akta kematian atau surat keterangan kematian',
        'Death certificate or the village death statement',
      ),
      required: true,
    },
    {
      ...requirement.kk,
      label: text('Kartu Keluarga almarhum/almarhumah', 'Family card (KK) of the deceased'),
    },
    {
      code: 'ktp-ahli-waris',
      label: text('KTP-el para ahli waris', "The heirs' ID cards (KTP-el)"),
      required: true,
    },
    {
      code: 'ktp-saksi',
      label: text('KTP-el kedua saksi', "The witnesses' ID cards (KTP-el)"),
      required: true,
    },
    {
      code: 'buku-nikah',
      label: text('Buku nikah almarhum/almarhumah (bila ada)', 'Marriage book of the deceased (if any)'),
      required: false,
    },
    requirement.coverLetterRtRw,
  ],
  stages: [
    operatorVerifies(8),
    peopleCheck(
      text(
        'Pencocokan NIK almarhum, ahli waris, dan saksi dengan data kependudukan',
        "The deceased's, the heirs' and the witnesses' NIKs matched against population data",
      ),
      [
        { prefix: 'deceased', deceased: true },
        applicantSubject,
        { prefix: 'heir2' },
        { prefix: 'witness1' },
        { prefix: 'witness2' },
      ],
    ),
    villageHeadRecommends(24, text('Rekomendasi Kepala Desa', "Village head's recommendation")),
    districtHeadSigns(48),
  ],
  targetHours: 120,
  classificationCode: '100.2',
  letter: {
    title: 'SURAT KETERANGAN AHLI WARIS',
    opening:
      'Yang bertanda tangan di bawah ini Camat {{district}}, Kabupaten {{regency}}, berdasarkan keterangan para ahli waris, para saksi, dan rekomendasi Kepala Desa {{village}}, menerangkan bahwa:',
    body: [
      'Almarhum/ah: {{deceasedName}}',
      'NIK: {{deceasedNik}}',
      'Tanggal Lahir: {{deceasedBirthDate}}',
      'Meninggal: {{dateOfDeath}} di {{placeOfDeath}}',
      'Almarhum/almarhumah tersebut semasa hidupnya bertempat tinggal di Desa {{village}} dan meninggalkan ahli waris yang sah sebagai berikut:',
      'Ahli Waris 1: {{fullName}}, NIK {{nik}}, {{heirRelationship}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Ahli Waris 2: {{heir2Name}}, NIK {{heir2Nik}}, {{heir2Relationship}}',
      'Keterangan tersebut disaksikan oleh dua orang saksi berikut:',
      'Saksi 1: {{witness1Name}}, NIK {{witness1Nik}}',
      'Saksi 2: {{witness2Name}}, NIK {{witness2Nik}}',
      'Selain nama-nama tersebut di atas tidak ada lagi ahli waris lain. Apabila di kemudian hari terdapat ahli waris lain atau keterangan ini tidak benar, para ahli waris bersedia bertanggung jawab sesuai ketentuan peraturan perundang-undangan.',
      'Surat keterangan ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat keterangan ahli waris'),
  },
};
