import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  closing,
  dateField,
  longTextField,
  operatorVerifies,
  requirement,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Pengantar Laporan Kehilangan: the village vouches for a resident who reports a loss (an ID card, a
 * land certificate, a BPKB, a bank book) to the police, whose loss report the replacement then needs.
 * OpenSID: surat_ket_kehilangan.
 */
export const lostReportCoverLetter: ServiceDefinition = {
  code: 'SKKH',
  name: text('Surat Pengantar Laporan Kehilangan', 'Cover Letter for a Loss Report'),
  family: 'certificate',
  description: text(
    'Pengantar dari desa untuk melaporkan kehilangan barang atau surat penting (KTP, KK, sertifikat, BPKB, buku tabungan) ke kepolisian, sebagai dasar pengurusan penggantinya.',
    'A village cover letter for reporting the loss of belongings or important papers (ID card, family card, certificates, vehicle papers, bank books) to the police, as the basis for replacing them.',
  ),
  keywords: ['hilang', 'kehilangan', 'polisi', 'polsek', 'dompet', 'ktp hilang', 'sertifikat hilang'],
  fields: [
    ...applicantIdentity,
    applicant.occupation,
    ...applicantHome,
    textField('lostItem', text('Barang/surat yang hilang', 'What was lost'), {
      minLength: 3,
      maxLength: 150,
      hint: text('Contoh: KTP-el dan buku tabungan BRI', 'Example: ID card and a BRI bank book'),
    }),
    dateField('lostDate', text('Tanggal kehilangan', 'Date of the loss')),
    textField('lostPlace', text('Tempat/perkiraan tempat hilang', 'Where it was (probably) lost'), {
      minLength: 3,
      maxLength: 150,
    }),
    longTextField('lostCircumstances', text('Kronologi singkat', 'What happened, briefly'), {
      maxLength: 300,
    }),
  ],
  requirements: [
    {
      ...requirement.ktp,
      label: text(
        'KTP-el atau fotokopinya (bila bukan KTP yang hilang)',
        'ID card or a copy (unless the ID card was lost)',
      ),
      required: false,
    },
    requirement.kk,
    requirement.coverLetterRtRw,
  ],
  stages: [operatorVerifies(2), villageHeadSigns(4)],
  targetHours: 8,
  classificationCode: '300',
  letter: {
    title: 'SURAT PENGANTAR LAPORAN KEHILANGAN',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Orang tersebut di atas adalah benar warga Desa {{village}} yang melaporkan telah kehilangan:',
      'Barang/Surat: {{lostItem}}',
      'Tanggal Hilang: {{lostDate}}',
      'Tempat: {{lostPlace}}',
      'Kronologi: {{lostCircumstances}}',
      'Surat pengantar ini diberikan untuk melaporkan kehilangan tersebut kepada Kepolisian Sektor {{district}} guna pengurusan surat tanda lapor kehilangan.',
    ],
    closing: closing('surat pengantar'),
  },
};
