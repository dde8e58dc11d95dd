import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import { agencyDecides, dateField, integerField, longTextField, textField } from './common.js';

/**
 * The village meeting's verification of the poverty team's survey results (issue 13; DTSEN lists are
 * verified in a musyawarah desa with a signed berita acara). An office document the platform compiles
 * (core/welfare/musdes.ts): an enumerator or the operator drafts it from the village's current surveys (the
 * list is a snapshot: surveys taken later wait for the next meeting), and it runs through the generic
 * approval workflow: the village head records the meeting (date, place, attendance) and signs → the
 * regency's Dinas Sosial ratifies → the berita acara PDF is issued, verifiable like every letter. The list
 * names each household by its head and hamlet, never by NIK or family card number.
 */

/** What the list field holds at most: a berita acara per hamlet (musdus) when a village's is longer. */
export const MUSDES_LIST_MAX_LENGTH = 5000;

export const musdesVerification: ServiceDefinition = {
  code: 'MUSDES',
  name: text(
    'Berita Acara Musyawarah Desa Verifikasi Data Kesejahteraan',
    'Village meeting welfare verification',
  ),
  description: text(
    'Hasil survei rumah tangga tim pendata desa diverifikasi dalam musyawarah desa: kepala desa mencatat musyawarahnya dan menandatangani berita acara, Dinas Sosial kabupaten mengesahkannya.',
    "The poverty team's household survey results verified in a village meeting: the village head records the meeting and signs the minutes, the regency's social affairs office ratifies them.",
  ),
  family: 'welfare-verification',
  audience: 'office',
  compiled: true,
  fields: [
    textField(
      'coverage',
      text('Cakupan (seluruh desa, atau dusunnya)', 'Coverage (the whole village, or its hamlet)'),
      {
        maxLength: 80,
      },
    ),
    integerField('householdCount', text('Jumlah rumah tangga', 'Number of households'), {
      min: 1,
      max: 10_000,
    }),
    longTextField(
      'households',
      text('Daftar rumah tangga (kepala rumah tangga, dusun)', 'Households (head, hamlet)'),
      { maxLength: MUSDES_LIST_MAX_LENGTH },
    ),
  ],
  requirements: [],
  stages: [
    {
      kind: 'decision',
      key: 'musdes',
      role: 'village_head',
      label: text(
        'Musyawarah desa: kepala desa mencatat dan menandatangani berita acara',
        'Village meeting: the village head records it and signs the minutes',
      ),
      // A musdes is called within a couple of weeks of the list; the secretary stands in after that.
      deadlineHours: 14 * 24,
      escalateTo: 'village_secretary',
      signs: true,
      records: [
        dateField('meetingDate', text('Tanggal musyawarah', 'Date of the meeting')),
        textField('meetingPlace', text('Tempat musyawarah', 'Place of the meeting'), {
          minLength: 3,
          maxLength: 120,
        }),
        integerField('attendance', text('Jumlah peserta hadir', 'Number attending'), { min: 1, max: 5000 }),
      ],
    },
    agencyDecides({
      key: 'ratification',
      agency: 'dinsos',
      label: text('Pengesahan Dinas Sosial Kabupaten', "Ratified by the regency's social affairs office"),
      deadlineHours: 14 * 24,
    }),
  ],
  targetHours: 30 * 24,
  // 400.9 Sosial (Permendagri 83/2022), as the SPM's.
  classificationCode: '400.9',
  letter: {
    title: 'BERITA ACARA MUSYAWARAH DESA VERIFIKASI DATA KESEJAHTERAAN',
    opening:
      'Pada tanggal {{meetingDate}} bertempat di {{meetingPlace}}, Desa {{village}}, Kecamatan {{district}}, Kabupaten {{regency}}, telah dilaksanakan musyawarah desa untuk memverifikasi hasil survei rumah tangga tim pendata desa, dengan keterangan sebagai berikut:',
    body: [
      'Jumlah peserta hadir: {{attendance}} orang',
      'Cakupan: {{coverage}}',
      'Rumah tangga: {{householdCount}}',
      'Musyawarah menyepakati daftar rumah tangga berikut (nama kepala rumah tangga, dusun): {{households}}',
      'Daftar ini telah disahkan Dinas Sosial Kabupaten {{regency}} dan menjadi usulan perbaikan data kesejahteraan desa.',
    ],
    closing: 'Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
  },
  keywords: ['musdes', 'dtsen', 'dtks', 'verifikasi', 'berita-acara', 'kemiskinan'],
};
