import { type LocalizedText, text } from '../../shared/text.js';
import type { AgencyCode, DecisionStage, FieldDefinition, ServiceDefinition } from '../types.js';
import { choiceField, dateField, integerField, longTextField, textField } from './common.js';

/**
 * Cases to the UPT penanganan kemiskinan (issue 13, item 2): a poor household's problem, reported by the
 * village, a teacher or health worker, an enumerator or the citizen, taken through the generic approval
 * workflow as a service of the office (audience 'office'; reported through POST /v1/cases, never applied
 * for). One service per kind, because the kinds differ in their deadlines and in what the dinas records:
 * village verifies (the secretary; escalated to the village head) → the UPT of the sub-district responds
 * and names the dinas (hours for health access, days otherwise; escalated to the regency's poverty unit) →
 * the dinas it named handles and resolves it with an outcome and evidence (escalated to the poverty unit).
 * What is issued at the end is a closure record (catatan penutupan), verifiable like every letter and
 * holding no welfare detail: who the household is and what it lacked stay on the case, which only those
 * who work on it read.
 */

export const CASE_KINDS = [
  'health-access',
  'school-dropout',
  'housing',
  'food',
  'disability',
  'other',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** The dinas a UPT refers a case to (the UPT's decision records which; only that dinas's stage applies). */
export const CASE_AGENCIES = ['dinsos', 'dindik', 'dinkes', 'bpmd'] as const satisfies readonly AgencyCode[];

const AGENCY_NAMES: Record<(typeof CASE_AGENCIES)[number], LocalizedText> = {
  dinsos: text('Dinas Sosial', 'Social affairs office'),
  dindik: text('Dinas Pendidikan', 'Education office'),
  dinkes: text('Dinas Kesehatan', 'Health office'),
  bpmd: text('Dinas Pemberdayaan Masyarakat dan Desa', 'Community and village empowerment office'),
};

export const CASE_OUTCOMES = ['tertangani', 'tertangani-sebagian', 'tidak-dapat-ditangani'] as const;

const outcomeField = choiceField('outcome', text('Hasil penanganan', 'Outcome'), [
  { value: 'tertangani', label: text('Tertangani', 'Resolved') },
  { value: 'tertangani-sebagian', label: text('Tertangani sebagian', 'Partly resolved') },
  { value: 'tidak-dapat-ditangani', label: text('Tidak dapat ditangani', 'Could not be resolved') },
]);
const actionField = longTextField('action', text('Tindakan yang diberikan', 'What was done'), {
  minLength: 10,
  maxLength: 1000,
});

/** What the dinas records when a child who dropped out is followed (Garda Ampuh): visit, support, school. */
export const DROPOUT_SUPPORT = [
  'uang-transport',
  'paket-a',
  'paket-b',
  'paket-c',
  'kembali-sekolah',
] as const;
const dropoutFollowUp: readonly FieldDefinition[] = [
  dateField('visitDate', text('Tanggal kunjungan', 'Date of the visit')),
  choiceField('support', text('Dukungan yang diberikan', 'Support given'), [
    { value: 'uang-transport', label: text('Uang transport', 'Transport money') },
    { value: 'paket-a', label: text('Tempat di Paket A', 'A place in Paket A') },
    { value: 'paket-b', label: text('Tempat di Paket B', 'A place in Paket B') },
    { value: 'paket-c', label: text('Tempat di Paket C', 'A place in Paket C') },
    { value: 'kembali-sekolah', label: text('Kembali bersekolah', 'Back in school') },
  ]),
  textField('schoolName', text('Nama sekolah (bila kembali bersekolah)', 'School (when back in school)'), {
    required: false,
    minLength: 3,
    maxLength: 120,
    requiredWhen: { field: 'support', oneOf: ['kembali-sekolah'] },
  }),
  outcomeField,
];

interface KindDefinition {
  readonly kind: CaseKind;
  readonly code: string;
  readonly name: LocalizedText;
  /** How long the UPT may take to respond before the regency's poverty unit acts. */
  readonly uptHours: number;
  /** How long the village and the dinas may take. */
  readonly villageHours: number;
  readonly agencyHours: number;
  readonly agencyRecords: readonly FieldDefinition[];
}

const DAY = 24;

const KINDS: readonly KindDefinition[] = [
  {
    kind: 'health-access',
    code: 'KASUS-KES',
    name: text('Kasus akses kesehatan', 'Health access case'),
    uptHours: 24,
    villageHours: 12,
    agencyHours: 2 * DAY,
    agencyRecords: [outcomeField, actionField],
  },
  {
    kind: 'school-dropout',
    code: 'KASUS-PTS',
    name: text('Kasus anak putus sekolah', 'School dropout case'),
    uptHours: 3 * DAY,
    villageHours: 2 * DAY,
    agencyHours: 14 * DAY,
    agencyRecords: dropoutFollowUp,
  },
  {
    kind: 'housing',
    code: 'KASUS-RMH',
    name: text('Kasus rumah tidak layak huni', 'Housing case'),
    uptHours: 3 * DAY,
    villageHours: 2 * DAY,
    agencyHours: 14 * DAY,
    agencyRecords: [outcomeField, actionField],
  },
  {
    kind: 'food',
    code: 'KASUS-PGN',
    name: text('Kasus kerawanan pangan', 'Food insecurity case'),
    uptHours: 3 * DAY,
    villageHours: 2 * DAY,
    agencyHours: 7 * DAY,
    agencyRecords: [outcomeField, actionField],
  },
  {
    kind: 'disability',
    code: 'KASUS-DIS',
    name: text('Kasus penyandang disabilitas', 'Disability case'),
    uptHours: 3 * DAY,
    villageHours: 2 * DAY,
    agencyHours: 14 * DAY,
    agencyRecords: [outcomeField, actionField],
  },
  {
    kind: 'other',
    code: 'KASUS-LAIN',
    name: text('Kasus kesejahteraan lainnya', 'Other welfare case'),
    uptHours: 3 * DAY,
    villageHours: 2 * DAY,
    agencyHours: 14 * DAY,
    agencyRecords: [outcomeField, actionField],
  },
];

/** The UPT's stage: it names the dinas the case goes to (CASE_AGENCIES), read by the dinas stages' `when`. */
export const UPT_STAGE = 'upt-response';

function caseService(definition: KindDefinition): ServiceDefinition {
  const verification: DecisionStage = {
    kind: 'decision',
    key: 'village-verification',
    role: 'village_secretary',
    label: text('Diverifikasi desa', 'Verified by the village'),
    deadlineHours: definition.villageHours,
    escalateTo: 'village_head',
    // The village stands behind the case it verified: its closure record goes out in the village's name.
    signs: true,
  };
  const upt: DecisionStage = {
    kind: 'decision',
    key: UPT_STAGE,
    role: 'upt_officer',
    label: text('Ditanggapi UPT penanganan kemiskinan', 'Answered by the UPT penanganan kemiskinan'),
    deadlineHours: definition.uptHours,
    escalateTo: 'poverty_unit_officer',
    records: [
      choiceField(
        'referTo',
        text('Dirujuk ke dinas', 'Referred to'),
        CASE_AGENCIES.map((agency) => ({ value: agency, label: AGENCY_NAMES[agency] })),
      ),
      longTextField('assessment', text('Tanggapan UPT', "The UPT's assessment"), {
        minLength: 10,
        maxLength: 1000,
      }),
    ],
  };
  const referrals = CASE_AGENCIES.map(
    (agency): DecisionStage => ({
      kind: 'decision',
      key: `resolution-${agency}`,
      role: 'agency_officer',
      agency,
      label: text(`Ditangani ${AGENCY_NAMES[agency].id}`, `Handled by the ${AGENCY_NAMES[agency].en}`),
      deadlineHours: definition.agencyHours,
      escalateTo: 'poverty_unit_officer',
      records: definition.agencyRecords,
      attachesDocument: {
        requirementCode: `bukti-${agency}`,
        label: text('bukti penanganan (PDF atau foto)', 'evidence of what was done (PDF or photo)'),
      },
      when: { stage: UPT_STAGE, field: 'referTo', oneOf: [agency] },
    }),
  );
  return {
    code: definition.code,
    name: definition.name,
    description: text(
      `${definition.name.id}: diverifikasi desa, ditanggapi UPT penanganan kemiskinan kecamatan (${definition.uptHours} jam), dirujuk ke dinas dan diselesaikan dengan bukti.`,
      `${definition.name.en}: verified by the village, answered by the sub-district's UPT (${definition.uptHours} hours), referred to a dinas and resolved with evidence.`,
    ),
    family: 'welfare-case',
    audience: 'office',
    // Reported only through POST /v1/cases, which checks who reports and keeps the child's NIK as a pseudonym.
    compiled: true,
    fields: [
      longTextField('summary', text('Uraian masalah', 'The problem'), { minLength: 10, maxLength: 2000 }),
      textField('surveyId', text('Survei rumah tangga', 'Household survey'), {
        required: false,
        minLength: 1,
        maxLength: 40,
      }),
      ...(definition.kind === 'school-dropout'
        ? [
            // The child's NIK travels in the body only; the case keeps its keyed pseudonym and age.
            textField('child', text('Anak (pseudonim)', 'Child (pseudonym)'), {
              minLength: 64,
              maxLength: 64,
            }),
            integerField('childAge', text('Umur anak', "The child's age"), { min: 7, max: 18 }),
            choiceField('reason', text('Alasan putus sekolah', 'Why the child left school'), [
              { value: 'biaya', label: text('Tidak ada biaya', 'Cannot afford it') },
              { value: 'bekerja', label: text('Bekerja', 'Working') },
              { value: 'jarak', label: text('Sekolah terlalu jauh', 'School too far') },
              { value: 'menikah', label: text('Menikah', 'Married') },
              { value: 'disabilitas', label: text('Disabilitas', 'Disability') },
              { value: 'lainnya', label: text('Lainnya', 'Other') },
            ]),
          ]
        : []),
    ],
    requirements: [],
    stages: [verification, upt, ...referrals],
    targetHours: definition.villageHours + definition.uptHours + definition.agencyHours,
    // 400.9 Sosial (Permendagri 83/2022).
    classificationCode: '400.9',
    letter: {
      title: 'CATATAN PENUTUPAN KASUS',
      opening:
        'Pemerintah Desa {{village}}, Kecamatan {{district}}, Kabupaten {{regency}}, mencatat bahwa kasus kesejahteraan dengan nomor surat ini telah ditangani dan ditutup.',
      body: [
        'Rincian kasus, rumah tangga yang bersangkutan dan penanganannya tidak dimuat dalam catatan ini; keduanya hanya dapat dibaca petugas yang menanganinya.',
      ],
      closing: 'Demikian catatan ini dibuat untuk dipergunakan sebagaimana mestinya.',
    },
    keywords: ['kasus', 'kemiskinan', 'upt'],
  };
}

export const WELFARE_CASE_SERVICES: readonly ServiceDefinition[] = KINDS.map(caseService);

/** The service of a case kind, and the kind of a case service. */
export const caseServiceCode = (kind: CaseKind): string =>
  KINDS.find((definition) => definition.kind === kind)?.code ?? '';
export const caseKindOf = (serviceCode: string): CaseKind | undefined =>
  KINDS.find((definition) => definition.code === serviceCode)?.kind;
