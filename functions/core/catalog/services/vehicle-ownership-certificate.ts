import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  choiceField,
  closing,
  integerField,
  operatorVerifies,
  requirement,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Keterangan Kepemilikan Kendaraan: the village states that a resident owns a vehicle (for a loan, a
 * lost BPKB, or a vehicle still in a previous owner's name). OpenSID: surat_ket_kepemilikan_kendaraan.
 */
export const vehicleOwnershipCertificate: ServiceDefinition = {
  code: 'SKKB',
  name: text('Surat Keterangan Kepemilikan Kendaraan', 'Certificate of Vehicle Ownership'),
  family: 'certificate',
  description: text(
    'Keterangan dari desa bahwa pemohon memiliki kendaraan bermotor yang disebut, untuk agunan, pengurusan BPKB yang hilang, atau kendaraan yang masih atas nama pemilik lama.',
    'A village statement that the applicant owns the named motor vehicle, for a loan, replacing lost vehicle papers (BPKB) or a vehicle still registered to its previous owner.',
  ),
  keywords: ['kendaraan', 'motor', 'mobil', 'bpkb', 'stnk', 'agunan'],
  fields: [
    ...applicantIdentity,
    applicant.occupation,
    ...applicantHome,
    choiceField('vehicleType', text('Jenis kendaraan', 'Kind of vehicle'), [
      { value: 'sepeda-motor', label: text('Sepeda motor', 'Motorcycle') },
      { value: 'mobil', label: text('Mobil penumpang', 'Car') },
      { value: 'pikap-truk', label: text('Pikap/truk', 'Pick-up or truck') },
      { value: 'lainnya', label: text('Lainnya', 'Other') },
    ]),
    textField('vehicleMake', text('Merek/tipe', 'Make and model'), { minLength: 2, maxLength: 60 }),
    integerField('vehicleYear', text('Tahun pembuatan', 'Year of manufacture'), { min: 1950, max: 2100 }),
    textField('plateNumber', text('Nomor polisi', 'Plate number'), { minLength: 3, maxLength: 12 }),
    textField('frameNumber', text('Nomor rangka', 'Frame number'), { minLength: 5, maxLength: 30 }),
    textField('engineNumber', text('Nomor mesin', 'Engine number'), { minLength: 5, maxLength: 30 }),
    textField(
      'registeredOwner',
      text('Nama pemilik pada STNK/BPKB', 'Owner named on the registration papers'),
    ),
    applicant.purpose(
      text('Contoh: pengurusan BPKB hilang di Samsat', 'Example: replacing lost vehicle papers at Samsat'),
    ),
  ],
  requirements: [
    requirement.ktp,
    { code: 'stnk', label: text('STNK kendaraan', 'Vehicle registration (STNK)'), required: true },
    { code: 'foto-kendaraan', label: text('Foto kendaraan', 'Photo of the vehicle'), required: false },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '100.2',
  letter: {
    title: 'SURAT KETERANGAN KEPEMILIKAN KENDARAAN',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Orang tersebut di atas benar memiliki kendaraan bermotor dengan keterangan sebagai berikut:',
      'Jenis: {{vehicleType}}',
      'Merek/Tipe: {{vehicleMake}}',
      'Tahun Pembuatan: {{vehicleYear}}',
      'Nomor Polisi: {{plateNumber}}',
      'Nomor Rangka: {{frameNumber}}',
      'Nomor Mesin: {{engineNumber}}',
      'Atas Nama: {{registeredOwner}}',
      'Surat keterangan ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
