import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  closing,
  integerField,
  operatorVerifies,
  requirement,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';
import { landPlot } from './land-history-certificate.js';

/**
 * Surat Keterangan Harga Tanah: the village states the going price of land at a plot's location (for a bank
 * valuation, compensation for a road or an irrigation channel, or a sale). It is the village's knowledge of
 * local prices, so the village head signs. OpenSID: surat_ket_harga_tanah.
 */
export const landPriceCertificate: ServiceDefinition = {
  code: 'SKHT',
  name: text('Surat Keterangan Harga Tanah', 'Certificate of Land Price'),
  family: 'certificate',
  description: text(
    'Keterangan dari desa tentang harga pasaran tanah di lokasi sebidang tanah, untuk penilaian agunan bank, ganti rugi, atau jual beli.',
    'A village statement of the going price of land where a plot lies, for a bank valuation, compensation or a sale.',
  ),
  keywords: ['tanah', 'harga tanah', 'nilai tanah', 'agunan', 'ganti rugi', 'bank'],
  fields: [
    ...applicantIdentity,
    ...applicantHome,
    ...landPlot,
    integerField('pricePerSquareMetre', text('Harga pasaran per m² (Rp)', 'Going price per m² (IDR)'), {
      min: 1,
      max: 1_000_000_000,
    }),
    applicant.purpose(
      text('Contoh: agunan kredit di BRI Unit Cluring', 'Example: collateral for a BRI loan'),
    ),
  ],
  requirements: [
    requirement.ktp,
    {
      code: 'sppt-pbb',
      label: text('SPPT PBB tahun berjalan', "This year's land tax notice (SPPT PBB)"),
      required: true,
    },
    {
      code: 'bukti-kepemilikan',
      label: text('Sertifikat atau kutipan Letter C', 'Land certificate or Letter C extract'),
      required: true,
    },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '500.17',
  letter: {
    title: 'SURAT KETERANGAN HARGA TANAH',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama Pemilik: {{fullName}}',
      'NIK: {{nik}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'mempunyai sebidang tanah dengan keterangan sebagai berikut:',
      'Letak Tanah: {{landLocation}}, Desa {{village}}',
      'Luas: {{landArea}} m²',
      'Batas-batas: {{landBoundaries}}',
      'Dasar Kepemilikan: {{ownershipDocument}}',
      'Harga pasaran tanah di lokasi tersebut pada saat ini, menurut pengetahuan Pemerintah Desa {{village}}, adalah Rp{{pricePerSquareMetre}} per meter persegi.',
      'Surat keterangan ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
