import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  longTextField,
  operatorVerifies,
  requirement,
  textField,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Pernyataan (seed 002: "surat pernyataan untuk berbagai keperluan"): the applicant states something in
 * their own words (not yet married, not in another job, same person under two spellings…); the village
 * head signs it as known and recorded by the village. The applicant's declaration is the signed-in
 * submission itself.
 */
export const generalStatement: ServiceDefinition = {
  code: 'SPER',
  name: text('Surat Pernyataan', 'General Statement'),
  family: 'statement',
  description: text(
    'Pernyataan pemohon untuk berbagai keperluan (belum menikah, beda penulisan nama, tidak sedang bekerja, dan lain-lain), diketahui dan dicatat oleh Pemerintah Desa.',
    "The applicant's own statement for various purposes (not married, two spellings of a name, not employed, and so on), acknowledged and recorded by the village.",
  ),
  fields: [
    ...applicantIdentity,
    applicant.occupation,
    ...applicantHome,
    textField('subject', text('Perihal pernyataan', 'Subject of the statement'), {
      minLength: 5,
      maxLength: 100,
      hint: text('Contoh: belum pernah menikah', 'Example: never been married'),
    }),
    longTextField('statement', text('Isi pernyataan', 'Statement'), {
      minLength: 20,
      maxLength: 1500,
      hint: text(
        'Tulis dalam kalimat lengkap, contoh: saya belum pernah menikah dan tidak sedang terikat perkawinan dengan siapa pun.',
        'In full sentences, e.g.: I have never been married and am not bound by marriage to anyone.',
      ),
    }),
    applicant.purpose(text('Contoh: persyaratan melamar CPNS', 'Example: a civil service application')),
  ],
  requirements: [
    requirement.ktp,
    requirement.kk,
    requirement.coverLetterRtRw,
    {
      code: 'dokumen-pendukung',
      label: text('Dokumen pendukung pernyataan (bila ada)', 'Documents supporting the statement (if any)'),
      required: false,
    },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '100.2',
  letter: {
    title: 'SURAT PERNYATAAN',
    opening: 'Yang bertanda tangan di bawah ini:',
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Perihal: {{subject}}',
      'Dengan ini menyatakan dengan sebenarnya bahwa {{statement}}',
      'Surat pernyataan ini dibuat untuk keperluan: {{purpose}}.',
      'Pernyataan ini disampaikan melalui layanan desa digital atas nama pemohon, serta telah diketahui dan dicatat oleh Pemerintah Desa {{village}}, Kecamatan {{district}}, Kabupaten {{regency}}.',
    ],
    closing:
      'Demikian surat pernyataan ini saya buat dengan sebenarnya, tanpa paksaan dari pihak mana pun, untuk dapat dipergunakan sebagaimana mestinya.',
  },
};
