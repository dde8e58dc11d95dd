import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  closing,
  dateField,
  integerField,
  longTextField,
  operatorVerifies,
  placeField,
  requirement,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Keterangan Datang: a newcomer (with the SKPWNI from where they came) reports to the village; the
 * letter is the village's cover for the new family card and ID card at Dukcapil.
 */
export const moveInCertificate: ServiceDefinition = {
  code: 'SKDT',
  name: text('Surat Keterangan Datang', 'Move-In Certificate'),
  family: 'certificate',
  description: text(
    'Surat keterangan bagi penduduk yang datang dan menetap di desa, sebagai pengantar penerbitan Kartu Keluarga dan KTP-el dengan alamat baru.',
    'A certificate for people who have moved into the village, as the cover letter for a family card and ID card with the new address.',
  ),
  fields: [
    {
      ...applicant.nik,
      hint: text('NIK tidak berubah karena pindah', 'The NIK does not change when you move'),
    },
    applicant.fullName,
    applicant.sex,
    applicant.birthPlace,
    applicant.birthDate,
    { ...applicant.familyCardNumber, label: text('Nomor KK asal', 'Family card (KK) number at the origin') },
    longTextField(
      'originAddress',
      text('Alamat asal (jalan/dusun, RT/RW)', 'Previous address (street/hamlet, RT/RW)'),
    ),
    placeField('originVillage', text('Desa/kelurahan asal', 'Village of origin')),
    placeField('originDistrict', text('Kecamatan asal', 'District of origin')),
    placeField('originRegency', text('Kabupaten/kota asal', 'Regency or city of origin')),
    placeField('originProvince', text('Provinsi asal', 'Province of origin')),
    textField(
      'skpwniNumber',
      text('Nomor SKPWNI dari daerah asal', 'Number of the move-out document (SKPWNI)'),
      {
        minLength: 5,
        maxLength: 60,
      },
    ),
    {
      ...applicant.address,
      label: text('Alamat baru di desa (dusun/jalan, nomor rumah)', 'New address in the village'),
    },
    applicant.rt,
    applicant.rw,
    dateField('arrivalDate', text('Tanggal datang', 'Date of arrival')),
    integerField(
      'followerCount',
      text('Jumlah anggota keluarga yang ikut datang', 'Family members moving along'),
      {
        min: 0,
        max: 20,
      },
    ),
    longTextField('movingMembers', text('Anggota keluarga yang ikut datang', 'Family members moving along'), {
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
    {
      code: 'skpwni',
      label: text(
        'Surat Keterangan Pindah WNI (SKPWNI) dari daerah asal',
        'Move-out document (SKPWNI) from the place of origin',
      ),
      required: true,
    },
    requirement.ktp,
    { ...requirement.kk, label: text('Kartu Keluarga (KK) asal', 'Family card (KK) from the origin') },
    requirement.coverLetterRtRw,
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '400.12.2.2',
  letter: {
    title: 'SURAT KETERANGAN DATANG',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Nomor KK Asal: {{familyCardNumber}}',
      'Alamat Asal: {{originAddress}}',
      'Desa/Kelurahan Asal: {{originVillage}}',
      'Kecamatan Asal: {{originDistrict}}',
      'Kabupaten/Kota Asal: {{originRegency}}',
      'Provinsi Asal: {{originProvince}}',
      'Nomor SKPWNI: {{skpwniNumber}}',
      'Alamat Sekarang: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Tanggal Datang: {{arrivalDate}}',
      'Jumlah Pengikut: {{followerCount}} orang',
      'Pengikut: {{movingMembers}}',
      'Orang tersebut di atas benar-benar telah datang dan bertempat tinggal di Desa {{village}}, Kecamatan {{district}}, Kabupaten {{regency}}, dan telah melaporkan kedatangannya kepada Pemerintah Desa.',
      'Surat keterangan ini dibuat sebagai pengantar penerbitan Kartu Keluarga dan KTP-el pada Dinas Kependudukan dan Pencatatan Sipil Kabupaten {{regency}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
