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
import { TRADED_GOODS } from './sale-certificate.js';

/**
 * Surat Jalan: the village states where livestock or crops being transported come from and that they belong
 * to the applicant, for the checkpoints and livestock markets on the way (the letter villages write most
 * often at harvest and before Idul Adha). OpenSID's closest is surat_jalan ("Keterangan Bepergian / Jalan"),
 * which is about a person travelling; its livestock variant is a village's own template.
 */
export const travelPermit: ServiceDefinition = {
  code: 'SJ',
  name: text('Surat Jalan Ternak/Hasil Bumi', 'Transport Letter for Livestock or Crops'),
  family: 'certificate',
  description: text(
    'Keterangan asal-usul ternak atau hasil bumi yang diangkut keluar desa, untuk pemeriksaan di jalan dan di pasar hewan.',
    'A statement of where livestock or crops being taken out of the village come from, for checks on the road and at livestock markets.',
  ),
  keywords: ['surat jalan', 'angkut', 'ternak', 'sapi', 'kambing', 'hasil bumi', 'panen', 'pasar hewan'],
  fields: [
    ...applicantIdentity,
    ...applicantHome,
    choiceField('goodsType', text('Jenis muatan', 'What is transported'), TRADED_GOODS),
    textField('goodsDescription', text('Uraian muatan', 'Description of the load'), {
      minLength: 3,
      maxLength: 150,
      hint: text('Contoh: 2 ekor sapi jantan, coklat dan putih', 'Example: 2 bulls, brown and white'),
    }),
    integerField('quantity', text('Jumlah (ekor/karung/kg)', 'Quantity (head, sacks or kg)'), {
      min: 1,
      max: 1_000_000,
    }),
    textField('origin', text('Asal muatan', 'Where the load comes from'), { minLength: 3, maxLength: 150 }),
    longTextField('destination', text('Tujuan', 'Destination')),
    textField('vehicle', text('Kendaraan dan nomor polisi', 'Vehicle and plate number'), {
      minLength: 3,
      maxLength: 60,
      hint: text('Contoh: pikap, P 8123 UB', 'Example: pick-up, P 8123 UB'),
    }),
    dateField('travelDate', text('Tanggal berangkat', 'Date of travel')),
  ],
  requirements: [
    requirement.ktp,
    {
      code: 'foto-muatan',
      label: text('Foto ternak/muatan', 'Photo of the animals or load'),
      required: false,
    },
    {
      code: 'keterangan-kesehatan-hewan',
      label: text(
        'Surat keterangan kesehatan hewan (untuk ternak, bila ada)',
        'Animal health certificate (for livestock, if any)',
      ),
      required: false,
    },
  ],
  stages: [operatorVerifies(2), villageHeadSigns(4)],
  targetHours: 8,
  classificationCode: '500.2',
  letter: {
    title: 'SURAT JALAN',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Orang tersebut di atas benar membawa muatan miliknya sendiri dengan keterangan sebagai berikut:',
      'Jenis Muatan: {{goodsType}}',
      'Uraian: {{goodsDescription}}',
      'Jumlah: {{quantity}}',
      'Asal: {{origin}}',
      'Tujuan: {{destination}}',
      'Kendaraan: {{vehicle}}',
      'Tanggal Berangkat: {{travelDate}}',
      'Muatan tersebut bukan hasil kejahatan dan tidak dalam sengketa. Mohon kepada pihak yang berwenang memberikan kelancaran perjalanan.',
    ],
    closing: closing('surat jalan'),
  },
};
