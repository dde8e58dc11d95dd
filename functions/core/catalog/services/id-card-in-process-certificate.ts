import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  closing,
  dateField,
  operatorVerifies,
  requirement,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Keterangan KTP dalam Proses: while Dukcapil prints a KTP-el (blank shortages keep it waiting for
 * weeks), the village states that the resident's card is being made, for banks, exams and travel.
 * OpenSID: surat_ket_ktp_dalam_proses.
 */
export const idCardInProcessCertificate: ServiceDefinition = {
  code: 'SKKTP',
  name: text('Surat Keterangan KTP dalam Proses', 'Certificate of ID Card in Process'),
  family: 'certificate',
  description: text(
    'Keterangan sementara bahwa KTP-el pemohon sedang dalam proses pencetakan di Dinas Kependudukan dan Pencatatan Sipil, untuk keperluan bank, ujian, atau perjalanan.',
    "A temporary statement that the applicant's electronic ID card is being printed by the population office, for banks, exams or travel.",
  ),
  keywords: ['ktp', 'ktp proses', 'ktp belum jadi', 'e-ktp', 'rekam ktp', 'identitas sementara'],
  fields: [
    ...applicantIdentity,
    applicant.religion,
    applicant.occupation,
    applicant.familyCardNumber,
    ...applicantHome,
    dateField('recordedOn', text('Tanggal perekaman KTP-el', 'Date the ID card data was recorded')),
    applicant.purpose(
      text('Contoh: pendaftaran ujian masuk perguruan tinggi', 'Example: university entrance exam'),
    ),
  ],
  requirements: [
    requirement.kk,
    {
      code: 'bukti-rekam',
      label: text(
        'Bukti perekaman KTP-el atau resi Dukcapil',
        'Proof of ID card recording or the Dukcapil receipt',
      ),
      required: true,
    },
  ],
  stages: [operatorVerifies(2), villageHeadSigns(4)],
  targetHours: 8,
  classificationCode: '400.12.2.1',
  letter: {
    title: 'SURAT KETERANGAN KTP DALAM PROSES',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Nomor KK: {{familyCardNumber}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Agama: {{religion}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Orang tersebut di atas adalah benar penduduk Desa {{village}} yang telah melakukan perekaman KTP-el pada tanggal {{recordedOn}} dan KTP-el-nya sedang dalam proses pencetakan di Dinas Kependudukan dan Pencatatan Sipil Kabupaten {{regency}}.',
      'Surat keterangan ini berlaku sebagai pengganti sementara KTP-el untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
