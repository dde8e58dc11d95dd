import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  choiceField,
  closing,
  longTextField,
  operatorVerifies,
  requirement,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/** Surat Pengantar KTP-el: the village's cover letter for a new, replacement or corrected electronic ID card. */
export const idCardCoverLetter: ServiceDefinition = {
  code: 'PKTP',
  name: text('Surat Pengantar KTP-el', 'ID Card Cover Letter'),
  family: 'certificate',
  description: text(
    'Surat pengantar dari desa untuk perekaman KTP-el baru, penggantian KTP-el yang hilang atau rusak, atau perubahan data, di Dinas Kependudukan dan Pencatatan Sipil.',
    "The village's cover letter for a first electronic ID card (KTP-el), a replacement for a lost or damaged one, or a change of its data, at the population office.",
  ),
  fields: [
    ...applicantIdentity,
    applicant.familyCardNumber,
    ...applicantHome,
    choiceField('requestType', text('Jenis permohonan', 'Kind of request'), [
      {
        value: 'baru',
        label: text('KTP-el baru (usia 17 tahun atau sudah menikah)', 'First ID card (aged 17 or married)'),
      },
      { value: 'hilang', label: text('Penggantian karena hilang', 'Replacement of a lost card') },
      { value: 'rusak', label: text('Penggantian karena rusak', 'Replacement of a damaged card') },
      { value: 'perubahan-data', label: text('Perubahan data', 'Change of data') },
      {
        value: 'pindah-datang',
        label: text('Perubahan alamat karena pindah datang', 'New address after a move'),
      },
    ]),
    longTextField('changeDetails', text('Keterangan perubahan data', 'Details of the change'), {
      required: false,
      maxLength: 500,
      hint: text('Contoh: status perkawinan menjadi kawin', 'Example: marital status changed to married'),
    }),
  ],
  requirements: [
    requirement.kk,
    requirement.coverLetterRtRw,
    {
      code: 'keterangan-hilang',
      label: text(
        'Surat keterangan hilang dari kepolisian (bila hilang)',
        'Police report of the loss (for a lost card)',
      ),
      required: false,
    },
    {
      code: 'ktp-rusak',
      label: text('KTP-el yang rusak (bila rusak)', 'The damaged ID card (for a damaged card)'),
      required: false,
    },
    {
      code: 'dokumen-perubahan',
      label: text(
        'Dokumen dasar perubahan data: buku nikah, akta, atau ijazah (bila perubahan data)',
        'Documents behind the change: marriage book, certificates or diplomas (for a change of data)',
      ),
      required: false,
    },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '400.12.2.1',
  letter: {
    title: 'SURAT PENGANTAR KTP-EL',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Nomor KK: {{familyCardNumber}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Jenis Permohonan: {{requestType}}',
      'Keterangan: {{changeDetails}}',
      'Orang tersebut di atas adalah benar penduduk Desa {{village}} dan bermaksud mengajukan permohonan Kartu Tanda Penduduk Elektronik (KTP-el) pada Dinas Kependudukan dan Pencatatan Sipil Kabupaten {{regency}}.',
    ],
    closing: closing('surat pengantar'),
  },
};
