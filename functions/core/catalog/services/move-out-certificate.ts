import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  choiceField,
  closing,
  dateField,
  integerField,
  longTextField,
  operatorVerifies,
  placeField,
  requirement,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Keterangan Pindah: the village's cover letter for a resident (and the family members who go along)
 * moving away; Dukcapil issues the SKPWNI from it. Reasons and classifications follow Dukcapil's form F-1.03.
 */
export const moveOutCertificate: ServiceDefinition = {
  code: 'SKP',
  name: text('Surat Keterangan Pindah', 'Move-Out Certificate'),
  family: 'certificate',
  description: text(
    'Surat keterangan dari desa bagi warga yang pindah tempat tinggal ke luar desa, sebagai dasar penerbitan Surat Keterangan Pindah WNI (SKPWNI) oleh Dinas Kependudukan dan Pencatatan Sipil.',
    "The village's certificate for a resident moving out of the village, on which the population office (Dukcapil) issues the move-out document (SKPWNI).",
  ),
  fields: [
    ...applicantIdentity,
    applicant.familyCardNumber,
    ...applicantHome,
    longTextField(
      'destinationAddress',
      text('Alamat tujuan (jalan/dusun, RT/RW)', 'Destination address (street/hamlet, RT/RW)'),
    ),
    placeField('destinationVillage', text('Desa/kelurahan tujuan', 'Destination village')),
    placeField('destinationDistrict', text('Kecamatan tujuan', 'Destination district')),
    placeField('destinationRegency', text('Kabupaten/kota tujuan', 'Destination regency or city')),
    placeField('destinationProvince', text('Provinsi tujuan', 'Destination province')),
    choiceField('moveType', text('Klasifikasi pindah', 'Kind of move'), [
      {
        value: 'antar-desa',
        label: text('Antar desa dalam satu kecamatan', 'To another village in the same district'),
      },
      {
        value: 'antar-kecamatan',
        label: text('Antar kecamatan dalam satu kabupaten', 'To another district in the same regency'),
      },
      {
        value: 'antar-kabupaten',
        label: text('Antar kabupaten/kota dalam satu provinsi', 'To another regency in the same province'),
      },
      { value: 'antar-provinsi', label: text('Antar provinsi', 'To another province') },
    ]),
    choiceField('moveReason', text('Alasan pindah', 'Reason for moving'), [
      { value: 'pekerjaan', label: text('Pekerjaan', 'Work') },
      { value: 'pendidikan', label: text('Pendidikan', 'Education') },
      { value: 'keamanan', label: text('Keamanan', 'Safety') },
      { value: 'kesehatan', label: text('Kesehatan', 'Health') },
      { value: 'perumahan', label: text('Perumahan', 'Housing') },
      { value: 'keluarga', label: text('Keluarga', 'Family') },
      { value: 'lainnya', label: text('Lainnya', 'Other') },
    ]),
    dateField('moveDate', text('Rencana tanggal pindah', 'Planned moving date')),
    integerField(
      'followerCount',
      text('Jumlah anggota keluarga yang ikut pindah', 'Family members moving along'),
      {
        min: 0,
        max: 20,
      },
    ),
    longTextField('movingMembers', text('Anggota keluarga yang ikut pindah', 'Family members moving along'), {
      required: false,
      minLength: 16,
      maxLength: 1000,
      hint: text(
        'Satu orang per baris: NIK - nama - hubungan keluarga',
        'One person per line: NIK - name - relationship',
      ),
    }),
  ],
  requirements: [
    requirement.ktp,
    { ...requirement.kk, label: text('Kartu Keluarga (KK) asli', 'Original family card (KK)') },
    requirement.coverLetterRtRw,
    {
      code: 'buku-nikah',
      label: text(
        'Buku nikah/akta perkawinan atau akta cerai (bila status perkawinan berubah)',
        'Marriage book/certificate or divorce certificate (when the marital status changed)',
      ),
      required: false,
    },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '400.12.2.2',
  letter: {
    title: 'SURAT KETERANGAN PINDAH',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Nomor KK: {{familyCardNumber}}',
      'Alamat Asal: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Orang tersebut di atas adalah benar warga Desa {{village}} yang bermaksud pindah tempat tinggal dengan keterangan sebagai berikut:',
      'Alamat Tujuan: {{destinationAddress}}',
      'Desa/Kelurahan: {{destinationVillage}}',
      'Kecamatan: {{destinationDistrict}}',
      'Kabupaten/Kota: {{destinationRegency}}',
      'Provinsi: {{destinationProvince}}',
      'Klasifikasi Pindah: {{moveType}}',
      'Alasan Pindah: {{moveReason}}',
      'Tanggal Pindah: {{moveDate}}',
      'Jumlah Pengikut: {{followerCount}} orang',
      'Pengikut: {{movingMembers}}',
      'Surat keterangan ini dibuat sebagai dasar penerbitan Surat Keterangan Pindah WNI (SKPWNI) oleh Dinas Kependudukan dan Pencatatan Sipil Kabupaten {{regency}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
