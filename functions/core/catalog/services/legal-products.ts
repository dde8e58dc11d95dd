import {
  EVALUATED_TOPICS,
  GAZETTE_NAMES,
  LEGAL_TOPICS,
  LEGAL_TYPE_DEFINITIONS,
  type LegalTypeDefinition,
} from '../../legal/legal-types.js';
import { text } from '../../shared/text.js';
import type { DecisionStage, ServiceDefinition, StageDefinition } from '../types.js';
import { choiceField, dateField, integerField, longTextField, textField } from './common.js';

/**
 * The village's legal products (issue 12) as services of the office (audience 'office'): the secretary
 * drafts, and the draft runs through the same approval workflow as a letter. Chains (PP 43/2014 art. 83–86,
 * Permendagri 111/2014):
 * - Peraturan Desa: BPD agreement recorded → camat evaluation (budget, plans, levies, spatial plan,
 *   organisation only) → village head sets it (attaching the signed text) → secretary promulgates it →
 *   published with its numbers → secretary reports it to the Bupati within 7 days (escalated when late).
 * - Peraturan Bersama / Peraturan Kepala Desa: village head sets → secretary promulgates (Berita Desa) →
 *   published.
 * - Keputusan Kepala Desa: village head sets → published (not promulgated).
 * The document issued at the end is the register extract (kutipan), verifiable like every letter.
 */

const bpdAgreement: DecisionStage = {
  kind: 'decision',
  key: 'bpd-agreement',
  role: 'village_secretary',
  label: text('Kesepakatan BPD dicatat', "The BPD's agreement recorded"),
  // The BPD deliberates in its own meetings: a month, then the stage is reported overdue.
  deadlineHours: 30 * 24,
  records: [
    dateField('bpdAgreementDate', text('Tanggal kesepakatan BPD', 'Date the BPD agreed')),
    textField('bpdAgreementNumber', text('Nomor berita acara kesepakatan BPD', 'Number of the BPD minutes'), {
      minLength: 1,
      maxLength: 60,
    }),
  ],
};

const districtEvaluation: DecisionStage = {
  kind: 'decision',
  key: 'district-evaluation',
  role: 'district_head',
  label: text('Evaluasi camat', "The camat's evaluation"),
  // Twenty working days (Permendagri 20/2018 for the budget), then the regency acts.
  deadlineHours: 28 * 24,
  escalateTo: 'regency_admin',
  records: [
    textField('evaluationNumber', text('Nomor hasil evaluasi', 'Evaluation number'), {
      minLength: 1,
      maxLength: 60,
    }),
    dateField('evaluationDate', text('Tanggal hasil evaluasi', 'Evaluation date')),
  ],
  when: { field: 'topic', oneOf: EVALUATED_TOPICS },
};

const enactment = (definition: LegalTypeDefinition): DecisionStage => ({
  kind: 'decision',
  key: 'enactment',
  role: 'village_head',
  label: text(
    `${definition.name.id} ditetapkan Kepala Desa`,
    `The village head sets the ${definition.name.en}`,
  ),
  deadlineHours: 7 * 24,
  signs: true,
  attachesDocument: {
    requirementCode: 'naskah-ditetapkan',
    label: text('naskah yang ditandatangani (PDF)', 'signed text (PDF)'),
  },
});

const promulgation = (gazette: keyof typeof GAZETTE_NAMES): DecisionStage => ({
  kind: 'decision',
  key: 'promulgation',
  role: 'village_secretary',
  label: text(
    `Diundangkan dalam ${GAZETTE_NAMES[gazette].id} oleh Sekretaris Desa`,
    `Promulgated in the ${GAZETTE_NAMES[gazette].en} by the village secretary`,
  ),
  deadlineHours: 3 * 24,
});

const publication: StageDefinition = {
  kind: 'publication',
  key: 'publication',
  label: text('Dicatat dan diumumkan di JDIH desa', 'Registered and published on the village JDIH'),
  register: 'legal-products',
};

const bupatiReport: DecisionStage = {
  kind: 'decision',
  key: 'bupati-report',
  role: 'village_secretary',
  label: text('Dilaporkan kepada Bupati (7 hari)', 'Reported to the Bupati (7 days)'),
  deadlineHours: 7 * 24,
  escalateTo: 'village_head',
  records: [
    textField(
      'reportNumber',
      text('Nomor surat laporan kepada Bupati', 'Number of the report to the Bupati'),
      {
        minLength: 1,
        maxLength: 60,
      },
    ),
    dateField('reportDate', text('Tanggal laporan kepada Bupati', 'Date of the report to the Bupati')),
  ],
};

function legalProduct(
  definition: LegalTypeDefinition,
  stages: readonly StageDefinition[],
): ServiceDefinition {
  const { name, gazette } = definition;
  return {
    code: definition.serviceCode,
    name,
    description: text(
      `Rancangan ${name.id} disusun sekretaris desa, diproses sampai ditetapkan${gazette ? ', diundangkan' : ''} dan diumumkan di JDIH desa.`,
      `A draft ${name.en} the village secretary prepares, taken through to being set${gazette ? ', promulgated' : ''} and published on the village JDIH.`,
    ),
    family: 'legal-product',
    audience: 'office',
    fields: [
      textField('title', text('Judul (tentang …)', 'Title (on …)'), { minLength: 5, maxLength: 300 }),
      choiceField('topic', text('Pokok pengaturan', 'Topic'), LEGAL_TOPICS),
      textField('subject', text('Subjek (kata kunci JDIH)', 'Subject (JDIH keywords)'), {
        minLength: 3,
        maxLength: 200,
      }),
      longTextField('abstract', text('Abstrak', 'Abstract'), { minLength: 20, maxLength: 3000 }),
      textField('amends', text('Mengubah (id produk hukum)', 'Amends (legal product id)'), {
        required: false,
        minLength: 26,
        maxLength: 26,
      }),
      textField('revokes', text('Mencabut (id produk hukum)', 'Revokes (legal product id)'), {
        required: false,
        minLength: 26,
        maxLength: 26,
      }),
      integerField(
        'budgetYear',
        text('Tahun anggaran (untuk APB Desa)', 'Budget year (for the village budget)'),
        {
          required: false,
          min: 2000,
          max: 2100,
        },
      ),
    ],
    requirements: [
      { code: 'rancangan', label: text('Rancangan naskah (PDF)', 'Draft text (PDF)'), required: true },
    ],
    stages,
    // A Peraturan Desa waits on the BPD's meetings and the camat's evaluation: a quarter, at most.
    targetHours: gazette === 'lembaran-desa' ? 90 * 24 : 14 * 24,
    // 100.3 Hukum (Permendagri 83/2022): the register extract's number; the regulation's own numbers are
    // drawn per type and year by the publication.
    classificationCode: '100.3',
    letter: {
      title: `KUTIPAN REGISTER ${name.id.toUpperCase()}`,
      opening:
        'Sekretaris Desa {{village}}, Kecamatan {{district}}, Kabupaten {{regency}}, menerangkan bahwa produk hukum desa berikut telah dicatat dalam register produk hukum desa:',
      body: [
        `Jenis: ${name.id}`,
        'Nomor: {{regulationNumber}} Tahun {{regulationYear}}',
        'Tentang: {{title}}',
        'Ditetapkan tanggal: {{enactedOn}}',
        ...(gazette
          ? ['Diundangkan dalam: {{gazette}} Tahun {{regulationYear}} Nomor {{gazetteNumber}}']
          : []),
        'Subjek: {{subject}}',
        'Naskah resmi yang ditandatangani dapat diunduh dan diperiksa keasliannya di JDIH desa.',
      ],
      closing: 'Demikian kutipan ini dibuat untuk dipergunakan sebagaimana mestinya.',
    },
    keywords: ['peraturan', 'perdes', 'jdih', 'produk-hukum'],
  };
}

const { perdes, perber, perkades, kepkades } = LEGAL_TYPE_DEFINITIONS;

export const villageRegulation = legalProduct(perdes, [
  bpdAgreement,
  districtEvaluation,
  enactment(perdes),
  promulgation('lembaran-desa'),
  publication,
  bupatiReport,
  {
    kind: 'publication',
    key: 'report-registered',
    label: text(
      'Laporan kepada Bupati dicatat di register',
      'The report to the Bupati entered in the register',
    ),
    register: 'legal-products',
  },
]);
export const jointRegulation = legalProduct(perber, [
  enactment(perber),
  promulgation('berita-desa'),
  publication,
]);
export const villageHeadRegulation = legalProduct(perkades, [
  enactment(perkades),
  promulgation('berita-desa'),
  publication,
]);
export const villageHeadDecree = legalProduct(kepkades, [enactment(kepkades), publication]);
