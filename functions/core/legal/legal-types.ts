import { type LocalizedText, text } from '../shared/text.js';

/**
 * The kinds of village legal product (Permendagri 111/2014): three kinds of regulation and the village
 * head's decrees. A Peraturan Desa is promulgated in the Lembaran Desa; a Peraturan Bersama and a Peraturan
 * Kepala Desa in the Berita Desa; a Keputusan Kepala Desa is not promulgated, it takes effect when set.
 */
export const LEGAL_TYPES = ['perdes', 'perber', 'perkades', 'kepkades'] as const;
export type LegalType = (typeof LEGAL_TYPES)[number];

export interface LegalTypeDefinition {
  readonly type: LegalType;
  /** The catalog service whose chain the draft runs through. */
  readonly serviceCode: string;
  /** JDIHN's `jenis`, as members publish it. */
  readonly name: LocalizedText;
  /** JDIHN's `singkatanJenis`. */
  readonly abbreviation: string;
  /** Where it is promulgated, if it is: its number there is drawn per village and year. */
  readonly gazette?: 'lembaran-desa' | 'berita-desa';
}

export const LEGAL_TYPE_DEFINITIONS: Readonly<Record<LegalType, LegalTypeDefinition>> = {
  perdes: {
    type: 'perdes',
    serviceCode: 'PERDES',
    name: text('Peraturan Desa', 'Village Regulation'),
    abbreviation: 'PERDES',
    gazette: 'lembaran-desa',
  },
  perber: {
    type: 'perber',
    serviceCode: 'PERBER',
    name: text('Peraturan Bersama Kepala Desa', 'Joint Regulation of Village Heads'),
    abbreviation: 'PERBERKADES',
    gazette: 'berita-desa',
  },
  perkades: {
    type: 'perkades',
    serviceCode: 'PERKADES',
    name: text('Peraturan Kepala Desa', 'Village Head Regulation'),
    abbreviation: 'PERKADES',
    gazette: 'berita-desa',
  },
  kepkades: {
    type: 'kepkades',
    serviceCode: 'KEPKADES',
    name: text('Keputusan Kepala Desa', 'Village Head Decree'),
    abbreviation: 'KEPKADES',
  },
};

export const GAZETTE_NAMES = {
  'lembaran-desa': text('Lembaran Desa', 'Village Gazette'),
  'berita-desa': text('Berita Desa', 'Village Bulletin'),
} as const;

export const legalTypeOfService = (serviceCode: string): LegalTypeDefinition | undefined =>
  Object.values(LEGAL_TYPE_DEFINITIONS).find((definition) => definition.serviceCode === serviceCode);

/**
 * Topics a camat evaluates before the village head sets a Peraturan Desa (Permendagri 111/2014 art. 13 and
 * 20/2018 for the budget, as the issue lists them: budget, development plan, levies, spatial plan, the
 * village's organisation). Other topics go straight from the BPD's agreement to the village head.
 */
export const EVALUATED_TOPICS = [
  'apbdes',
  'apbdes-perubahan',
  'rpjmdes',
  'pungutan',
  'tata-ruang',
  'organisasi',
] as const;

export const LEGAL_TOPICS = [
  { value: 'apbdes', label: text('APB Desa', 'Village budget') },
  { value: 'apbdes-perubahan', label: text('Perubahan APB Desa', 'Revised village budget') },
  { value: 'rpjmdes', label: text('RPJM Desa', 'Medium-term development plan') },
  { value: 'rkpdes', label: text('RKP Desa', 'Annual work plan') },
  { value: 'pungutan', label: text('Pungutan desa', 'Village levies') },
  { value: 'tata-ruang', label: text('Tata ruang desa', 'Spatial planning') },
  { value: 'organisasi', label: text('Susunan organisasi pemerintah desa', "The village's organisation") },
  { value: 'lainnya', label: text('Lainnya', 'Other') },
] as const;

/** The budget year a Peraturan Desa adopts: one on the APBDes or its revision that names its year. */
export const adoptedBudgetYear = (
  type: LegalType,
  topic: unknown,
  budgetYear: unknown,
): number | undefined =>
  type === 'perdes' && (topic === 'apbdes' || topic === 'apbdes-perubahan') && typeof budgetYear === 'number'
    ? budgetYear
    : undefined;

/** Legal statuses as JDIHN prints them. */
export const LEGAL_STATUSES = ['berlaku', 'diubah', 'dicabut'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];
