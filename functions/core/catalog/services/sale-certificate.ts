import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicantHome,
  applicantIdentity,
  choiceField,
  closing,
  dateField,
  integerField,
  longTextField,
  operatorVerifies,
  requirement,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/** What villages most often certify a sale of: livestock first, then crops and goods. */
export const TRADED_GOODS = [
  { value: 'sapi', label: text('Sapi', 'Cattle') },
  { value: 'kerbau', label: text('Kerbau', 'Buffalo') },
  { value: 'kambing-domba', label: text('Kambing/domba', 'Goats or sheep') },
  { value: 'unggas', label: text('Unggas', 'Poultry') },
  {
    value: 'hasil-bumi',
    label: text('Hasil bumi (padi, jagung, kopi, buah)', 'Crops (rice, maize, coffee, fruit)'),
  },
  { value: 'kayu', label: text('Kayu rakyat', 'Timber from private land') },
  { value: 'lainnya', label: text('Barang lainnya', 'Other goods') },
];

/**
 * Surat Keterangan Jual Beli: the village certifies that a resident sold livestock, crops or goods they own
 * (markets and livestock traders ask for it against theft). A sale of land is not this letter: the deed is
 * the PPAT's, and the village's part is the land history (SKRT), which the camat acknowledges.
 * OpenSID: surat_ket_jual_beli.
 */
export const saleCertificate: ServiceDefinition = {
  code: 'SKJB',
  name: text('Surat Keterangan Jual Beli (Ternak/Barang)', 'Certificate of Sale (Livestock or Goods)'),
  family: 'certificate',
  description: text(
    'Keterangan dari desa bahwa pemohon menjual ternak, hasil bumi, atau barang miliknya sendiri kepada pembeli yang disebut, untuk pasar hewan, pedagang, atau pengangkutan.',
    'A village statement that the applicant sold livestock, crops or goods of their own to the named buyer, for livestock markets, traders or transport.',
  ),
  keywords: ['jual beli', 'jual', 'ternak', 'sapi', 'kambing', 'hasil bumi', 'pasar hewan'],
  fields: [
    ...applicantIdentity,
    ...applicantHome,
    choiceField('goodsType', text('Jenis barang', 'Kind of goods'), TRADED_GOODS),
    textField('goodsDescription', text('Uraian barang/ternak', 'Description of the goods or animals'), {
      minLength: 3,
      maxLength: 150,
      hint: text('Contoh: sapi betina, warna coklat, umur 3 tahun', 'Example: cow, brown, 3 years old'),
    }),
    integerField('quantity', text('Jumlah (ekor/unit/kg)', 'Quantity (head, units or kg)'), {
      min: 1,
      max: 1_000_000,
    }),
    integerField('price', text('Harga jual (Rp)', 'Sale price (IDR)'), { min: 0, max: 10_000_000_000 }),
    textField('buyerName', text('Nama pembeli', "Buyer's name")),
    longTextField('buyerAddress', text('Alamat pembeli', "Buyer's address")),
    dateField('saleDate', text('Tanggal jual beli', 'Date of the sale')),
  ],
  requirements: [
    requirement.ktp,
    requirement.coverLetterRtRw,
    {
      code: 'foto-barang',
      label: text('Foto ternak/barang (bila ada)', 'Photo of the animals or goods (if any)'),
      required: false,
    },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '500.2',
  letter: {
    title: 'SURAT KETERANGAN JUAL BELI',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama Penjual: {{fullName}}',
      'NIK: {{nik}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Orang tersebut di atas benar telah menjual barang miliknya sendiri dengan keterangan sebagai berikut:',
      'Jenis Barang: {{goodsType}}',
      'Uraian: {{goodsDescription}}',
      'Jumlah: {{quantity}}',
      'Harga: Rp{{price}}',
      'Tanggal: {{saleDate}}',
      'Nama Pembeli: {{buyerName}}',
      'Alamat Pembeli: {{buyerAddress}}',
      'Barang tersebut bukan hasil kejahatan dan tidak dalam sengketa, sepanjang pengetahuan Pemerintah Desa {{village}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
