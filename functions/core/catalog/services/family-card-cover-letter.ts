import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  choiceField,
  closing,
  longTextField,
  operatorVerifies,
  requirement,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/** Surat Pengantar KK: the village's cover letter for a new, changed or replacement family card. */
export const familyCardCoverLetter: ServiceDefinition = {
  code: 'PKK',
  name: text('Surat Pengantar Kartu Keluarga', 'Family Card Cover Letter'),
  family: 'certificate',
  description: text(
    'Surat pengantar dari desa untuk pembuatan Kartu Keluarga baru, penambahan atau pengurangan anggota keluarga, perubahan data, atau penggantian KK yang hilang/rusak, di Dinas Kependudukan dan Pencatatan Sipil.',
    "The village's cover letter for a new family card, adding or removing family members, a change of data, or replacing a lost or damaged card, at the population office.",
  ),
  fields: [
    {
      ...applicant.nik,
      hint: text(
        'Kepala keluarga atau anggota keluarga yang mengurus',
        'The head of the family, or the member applying',
      ),
    },
    applicant.fullName,
    textField('headOfFamilyName', text('Nama kepala keluarga', 'Name of the head of the family')),
    { ...applicant.familyCardNumber, label: text('Nomor KK saat ini', 'Current family card (KK) number') },
    ...applicantHome,
    choiceField('requestType', text('Jenis permohonan', 'Kind of request'), [
      {
        value: 'kk-baru',
        label: text(
          'KK baru (pisah KK atau setelah menikah)',
          'New family card (new household or after marriage)',
        ),
      },
      {
        value: 'tambah-anggota',
        label: text('Penambahan anggota (kelahiran/datang)', 'Adding members (birth or move-in)'),
      },
      {
        value: 'kurang-anggota',
        label: text('Pengurangan anggota (kematian/pindah)', 'Removing members (death or move-out)'),
      },
      { value: 'perubahan-data', label: text('Perubahan data', 'Change of data') },
      {
        value: 'hilang-rusak',
        label: text('Penggantian karena hilang/rusak', 'Replacement of a lost or damaged card'),
      },
    ]),
    longTextField(
      'familyMembers',
      text('Anggota keluarga yang dicantumkan atau berubah', 'Family members listed or changed'),
      {
        minLength: 16,
        maxLength: 1500,
        hint: text(
          'Satu orang per baris: NIK - nama - hubungan keluarga',
          'One person per line: NIK - name - relationship',
        ),
      },
    ),
    longTextField('changeDetails', text('Keterangan', 'Details'), {
      required: false,
      maxLength: 500,
      hint: text('Contoh: kelahiran anak ketiga', 'Example: birth of a third child'),
    }),
  ],
  requirements: [
    { ...requirement.kk, label: text('Kartu Keluarga (KK) lama', 'Current family card (KK)') },
    requirement.ktp,
    requirement.coverLetterRtRw,
    {
      code: 'dokumen-peristiwa',
      label: text(
        'Dokumen peristiwa: buku nikah, akta kelahiran, surat pindah, atau akta kematian (sesuai perubahan)',
        'Documents of the event: marriage book, birth certificate, move-out document or death certificate',
      ),
      required: false,
    },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '400.12.2.1',
  letter: {
    title: 'SURAT PENGANTAR KARTU KELUARGA',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama Pemohon: {{fullName}}',
      'NIK Pemohon: {{nik}}',
      'Kepala Keluarga: {{headOfFamilyName}}',
      'Nomor KK: {{familyCardNumber}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Jenis Permohonan: {{requestType}}',
      'Anggota Keluarga: {{familyMembers}}',
      'Keterangan: {{changeDetails}}',
      'Pemohon tersebut di atas adalah benar penduduk Desa {{village}} dan bermaksud mengajukan permohonan Kartu Keluarga pada Dinas Kependudukan dan Pencatatan Sipil Kabupaten {{regency}}.',
    ],
    closing: closing('surat pengantar'),
  },
};
