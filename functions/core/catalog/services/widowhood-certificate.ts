import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  choiceField,
  closing,
  dateField,
  operatorVerifies,
  requirement,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Keterangan Janda/Duda: the village states that a resident is widowed or divorced and has not
 * remarried, for a widow's pension (Taspen, Asabri), aid, or a new marriage. OpenSID: surat_ket_cerai
 * (divorce) and the widow/widower letters villages add as their own templates.
 */
export const widowhoodCertificate: ServiceDefinition = {
  code: 'SKJD',
  name: text('Surat Keterangan Janda/Duda', 'Certificate of Widowhood or Divorce'),
  family: 'certificate',
  description: text(
    'Keterangan dari desa bahwa pemohon berstatus janda atau duda (cerai mati atau cerai hidup) dan belum menikah lagi, untuk pensiun janda/duda, bantuan, atau persyaratan nikah.',
    'A village statement that the applicant is widowed or divorced and has not remarried, for a survivor’s pension, aid or marriage requirements.',
  ),
  keywords: ['janda', 'duda', 'cerai', 'pensiun janda', 'taspen', 'nikah', 'status'],
  fields: [
    ...applicantIdentity,
    applicant.religion,
    applicant.occupation,
    ...applicantHome,
    choiceField('widowhoodType', text('Status', 'Status'), [
      { value: 'cerai-mati', label: text('Cerai mati (pasangan meninggal)', 'Widowed') },
      { value: 'cerai-hidup', label: text('Cerai hidup', 'Divorced') },
    ]),
    textField('formerSpouseName', text('Nama mantan suami/istri', 'Name of the former spouse')),
    dateField('sinceDate', text('Tanggal meninggal/cerai', 'Date of the death or divorce')),
    textField(
      'evidence',
      text('Dasar (akta kematian/akta cerai)', 'Evidence (death or divorce certificate)'),
      {
        minLength: 3,
        maxLength: 100,
        hint: text(
          'Contoh: Akta Kematian No. 3510-KM-12032020-0004',
          'Example: death certificate no. 3510-KM-12032020-0004',
        ),
      },
    ),
    applicant.purpose(
      text('Contoh: pengurusan pensiun janda di Taspen', "Example: claiming a widow's pension from Taspen"),
    ),
  ],
  requirements: [
    requirement.ktp,
    requirement.kk,
    {
      code: 'akta-kematian-cerai',
      label: text(
        'Akta kematian pasangan atau akta cerai',
        "The spouse's death certificate or the divorce certificate",
      ),
      required: true,
    },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '400.12.3.2',
  letter: {
    title: 'SURAT KETERANGAN JANDA/DUDA',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Agama: {{religion}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Status: {{widowhoodType}} sejak {{sinceDate}}',
      'Mantan Pasangan: {{formerSpouseName}}',
      'Dasar: {{evidence}}',
      'Sampai dengan dikeluarkannya surat keterangan ini, orang tersebut di atas belum menikah lagi.',
      'Surat keterangan ini dibuat untuk keperluan: {{purpose}}.',
    ],
    closing: closing('surat keterangan'),
  },
};
