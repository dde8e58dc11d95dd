import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  agencyDecides,
  applicant,
  applicantHome,
  applicantIdentity,
  choiceField,
  closing,
  INCOME_BRACKETS,
  integerField,
  operatorVerifies,
  requirement,
  textField,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Pernyataan Miskin (SPM), the Banyuwangi poverty team's scheme (seed 002): free health care paid by
 * the regency for poor residents not yet covered by national (PBI) or regional health insurance.
 *
 * The seed's six steps, as this chain: (1) the poverty team's household data is the registry; (2) the
 * applicant brings the documents and (3) the operator enters the NIK (stage `verify`); (4) the NIK is
 * matched against population data (Dukcapil), BPJS and the regency's DTSEN desil import (the household must
 * be in desil 1–5; the poverty team's data today is DTSEN) — a mismatch returns the form to the applicant with
 * the reason (stage `registry-check`); the village head signs the village's letter (stage `sign`);
 * (5) the regency's welfare section (kesmas) examines it (stage `welfare`); (6) the letter is issued and
 * printed at the village. By hand it took more than six days; online about six hours: the target is 6 and
 * the stage deadlines add up to it.
 */
export const povertyDeclaration: ServiceDefinition = {
  code: 'SPM',
  name: text('Surat Pernyataan Miskin (SPM)', 'Poverty Declaration (SPM)'),
  family: 'welfare',
  description: text(
    'Surat pernyataan miskin untuk memperoleh pelayanan kesehatan gratis yang dibiayai Pemerintah Kabupaten, bagi warga miskin yang belum terdaftar sebagai peserta jaminan kesehatan penerima bantuan iuran (PBI) maupun jaminan kesehatan daerah. Data dicocokkan dengan data kependudukan dan BPJS, lalu diperiksa Bagian Kesejahteraan Masyarakat.',
    'A poverty declaration giving free health care paid by the regency to poor residents not yet covered by subsidised national (PBI) or regional health insurance. The data is matched against population and BPJS records, then examined by the regency welfare section (kesmas).',
  ),
  fields: [
    ...applicantIdentity,
    applicant.occupation,
    applicant.familyCardNumber,
    ...applicantHome,
    integerField('householdSize', text('Jumlah anggota keluarga', 'Household size'), { min: 1, max: 30 }),
    choiceField(
      'incomeBracket',
      text('Penghasilan keluarga per bulan', 'Monthly household income'),
      INCOME_BRACKETS,
    ),
    choiceField('healthCoverage', text('Jaminan kesehatan saat ini', 'Current health cover'), [
      { value: 'belum-ada', label: text('Belum memiliki jaminan kesehatan', 'No health insurance') },
      {
        value: 'mandiri-nonaktif',
        label: text('Peserta BPJS mandiri yang nonaktif/menunggak', 'Lapsed self-paying BPJS member'),
      },
    ]),
    choiceField('careType', text('Jenis pelayanan kesehatan', 'Kind of care'), [
      { value: 'rawat-jalan', label: text('Rawat jalan', 'Outpatient care') },
      { value: 'rawat-inap', label: text('Rawat inap', 'Inpatient care') },
      { value: 'persalinan', label: text('Persalinan', 'Childbirth') },
    ]),
    textField('healthFacility', text('Fasilitas kesehatan tujuan', 'Health facility'), {
      minLength: 3,
      maxLength: 100,
      hint: text('Contoh: RSUD Genteng, Puskesmas Cluring', 'Example: RSUD Genteng, Puskesmas Cluring'),
    }),
  ],
  requirements: [
    requirement.ktp,
    requirement.kk,
    requirement.coverLetterRtRw,
    {
      code: 'rujukan',
      label: text(
        'Surat rujukan atau keterangan dari puskesmas/rumah sakit (bila ada)',
        'Referral or note from the health centre or hospital (if any)',
      ),
      required: false,
    },
    {
      code: 'foto-rumah',
      label: text('Foto rumah tampak depan', 'Photo of the front of the house'),
      required: false,
    },
  ],
  stages: [
    operatorVerifies(1),
    {
      kind: 'check',
      key: 'registry-check',
      label: text(
        'Pencocokan NIK dengan data kependudukan, BPJS dan desil DTSEN',
        'NIK matched against population data, BPJS and the DTSEN deciles',
      ),
      registries: ['population', 'bpjs', 'desil'],
      subjects: [
        {
          nikField: 'nik',
          nameField: 'fullName',
          birthDateField: 'birthDate',
          familyCardField: 'familyCardNumber',
        },
      ],
      bpjsExpectation: 'not-covered',
      // DTSEN (Inpres 4/2025): programmes for the poor use desil 1–4 or 1–5; the SPM takes 1–5.
      maxDesil: 5,
    },
    villageHeadSigns(2),
    agencyDecides({
      key: 'welfare',
      agency: 'kesmas',
      label: text(
        'Pemeriksaan Bagian Kesejahteraan Masyarakat (Kesmas) Kabupaten',
        'Examined by the regency welfare section (kesmas)',
      ),
      deadlineHours: 3,
    }),
  ],
  targetHours: 6,
  classificationCode: '400.9.14',
  letter: {
    title: 'SURAT PERNYATAAN MISKIN',
    opening:
      'Yang bertanda tangan di bawah ini Kepala Desa {{village}}, Kecamatan {{district}}, Kabupaten {{regency}}, menyatakan dengan sebenarnya bahwa:',
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Jenis Kelamin: {{sex}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Pekerjaan: {{occupation}}',
      'Nomor KK: {{familyCardNumber}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Jumlah Anggota Keluarga: {{householdSize}} orang',
      'Penghasilan Keluarga: {{incomeBracket}} per bulan',
      'Jaminan Kesehatan: {{healthCoverage}}',
      'Orang tersebut di atas adalah benar warga Desa {{village}} yang tergolong keluarga miskin dan belum menjadi peserta jaminan kesehatan penerima bantuan iuran (PBI) maupun jaminan kesehatan daerah. Data kependudukan dan kepesertaan BPJS Kesehatan yang bersangkutan telah dicocokkan dan telah diperiksa oleh Bagian Kesejahteraan Masyarakat Kabupaten {{regency}}.',
      'Surat pernyataan ini diberikan untuk memperoleh pelayanan kesehatan gratis yang dibiayai Pemerintah Kabupaten {{regency}} dengan keterangan sebagai berikut:',
      'Jenis Pelayanan: {{careType}}',
      'Fasilitas Kesehatan: {{healthFacility}}',
    ],
    closing: closing('surat pernyataan'),
  },
};
