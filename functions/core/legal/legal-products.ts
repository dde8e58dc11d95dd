import { calendarDateIn } from '../documents/calendar.js';
import type { RequestEvent, ServiceRequest } from '../requests/requests.js';
import { type LocalizedText, text } from '../shared/text.js';
import { regencyCodeOf, type Village } from '../villages/places.js';
import {
  type GAZETTE_NAMES,
  LEGAL_TYPE_DEFINITIONS,
  type LegalStatus,
  type LegalType,
  type LegalTypeDefinition,
} from './legal-types.js';

/**
 * A village legal product in the public register (JDIH desa): what the chain decided and what the
 * publication drew. Written by the publication stage, again when the chain records more (the report to the
 * Bupati), and when a later product amends or revokes it. Public: it holds no personal data (officials act
 * in office).
 */
export interface LegalProduct {
  /** The id of the draft's request: one register entry per draft. */
  readonly id: string;
  readonly type: LegalType;
  readonly villageCode: string;
  readonly regencyCode: string;
  readonly villageName: string;
  readonly number: number;
  readonly year: number;
  readonly title: string;
  readonly topic: string;
  readonly subject: string;
  readonly abstract: string;
  /** Date set by the village head (YYYY-MM-DD, WIB). */
  readonly enactedOn: string;
  readonly enactedBy: string;
  /** Where it was promulgated, if its type is: Lembaran Desa or Berita Desa, year and number. */
  readonly gazette?: {
    readonly kind: keyof typeof GAZETTE_NAMES;
    readonly number: number;
    readonly on: string;
  };
  readonly bpdAgreement?: { readonly date: string; readonly number: string };
  readonly evaluation?: { readonly date: string; readonly number: string };
  readonly bupatiReport?: { readonly date: string; readonly number: string };
  readonly status: LegalStatus;
  /** What this one amends or revokes, and what amended or revoked it. */
  readonly amends?: string;
  readonly revokes?: string;
  readonly amendedBy?: readonly string[];
  readonly revokedBy?: string;
  /** The signed text the village head attached on setting it (an uploaded PDF). */
  readonly text: { readonly objectKey: string; readonly size: number };
  /** The budget year a Perdes on the APBDes adopts. */
  readonly budgetYear?: number;
  readonly updatedAt: string;
}

/** The numbers a publication draws once: the product's own, and its gazette's. */
export interface LegalNumbers {
  readonly number: number;
  readonly year: number;
  readonly gazetteNumber?: number;
}

const approvalAt = (events: readonly RequestEvent[], stage: string): string | undefined =>
  events.filter((event) => event.type === 'DECISION_APPROVE' && event.stage === stage).at(-1)?.at;

const wibDate = (instant: string): string => {
  const { year, month, day } = calendarDateIn(new Date(instant));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/** The year a product is numbered in: of its promulgation, or of its setting for a decree. */
export function numberingYear(
  events: readonly RequestEvent[],
  definition: LegalTypeDefinition,
  now: Date,
): number {
  const at = approvalAt(events, definition.gazette ? 'promulgation' : 'enactment');
  return calendarDateIn(at ? new Date(at) : now).year;
}

/**
 * The register entry of a draft that passed its chain up to a publication, from the request's record and
 * events: dates are the days (WIB) the village head set it and the secretary promulgated it.
 */
export function legalProductOf(
  request: ServiceRequest,
  events: readonly RequestEvent[],
  village: Village,
  definition: LegalTypeDefinition,
  numbers: LegalNumbers,
  previous: LegalProduct | undefined,
  now: Date,
): LegalProduct {
  const enactedAt = approvalAt(events, 'enactment');
  if (!enactedAt) throw new Error(`Request ${request.id} was never set by the village head`);
  const enactor = events
    .filter((event) => event.type === 'DECISION_APPROVE' && event.stage === 'enactment')
    .at(-1);
  const promulgatedAt = approvalAt(events, 'promulgation');
  const signed = request.attachments?.filter((file) => file.requirementCode === 'naskah-ditetapkan').at(-1);
  if (!signed) throw new Error(`Request ${request.id} has no signed text`);
  const records = request.records ?? {};
  const data = request.data;
  const recorded = (stage: string, date: string, number: string) => {
    const values = records[stage];
    return values ? { date: String(values[date]), number: String(values[number]) } : undefined;
  };
  const bpdAgreement = recorded('bpd-agreement', 'bpdAgreementDate', 'bpdAgreementNumber');
  const evaluation = recorded('district-evaluation', 'evaluationDate', 'evaluationNumber');
  const bupatiReport = recorded('bupati-report', 'reportDate', 'reportNumber');
  return {
    id: request.id,
    type: definition.type,
    villageCode: village.code,
    regencyCode: regencyCodeOf(village.code),
    villageName: village.name,
    number: numbers.number,
    year: numbers.year,
    title: String(data.title),
    topic: String(data.topic),
    subject: String(data.subject),
    abstract: String(data.abstract),
    enactedOn: wibDate(enactedAt),
    enactedBy: enactor?.actor.name ?? village.head.name,
    ...(definition.gazette && numbers.gazetteNumber !== undefined
      ? {
          gazette: {
            kind: definition.gazette,
            number: numbers.gazetteNumber,
            on: wibDate(promulgatedAt ?? enactedAt),
          },
        }
      : {}),
    ...(bpdAgreement ? { bpdAgreement } : {}),
    ...(evaluation ? { evaluation } : {}),
    ...(bupatiReport ? { bupatiReport } : {}),
    // A later product's amendment or revocation stands: the register keeps what others did to this one.
    status: previous?.status ?? 'berlaku',
    ...(typeof data.amends === 'string' ? { amends: data.amends } : {}),
    ...(typeof data.revokes === 'string' ? { revokes: data.revokes } : {}),
    ...(previous?.amendedBy ? { amendedBy: previous.amendedBy } : {}),
    ...(previous?.revokedBy ? { revokedBy: previous.revokedBy } : {}),
    text: { objectKey: signed.objectKey, size: signed.size },
    ...(typeof data.budgetYear === 'number' ? { budgetYear: data.budgetYear } : {}),
    updatedAt: now.toISOString(),
  };
}

/** What a new product does to the one it amends or revokes. */
export function affected(target: LegalProduct, by: LegalProduct, now: Date): LegalProduct {
  if (by.revokes === target.id) {
    return { ...target, status: 'dicabut', revokedBy: by.id, updatedAt: now.toISOString() };
  }
  const amendedBy = [...new Set([...(target.amendedBy ?? []), by.id])];
  return {
    ...target,
    status: target.status === 'dicabut' ? 'dicabut' : 'diubah',
    amendedBy,
    updatedAt: now.toISOString(),
  };
}

/** "Peraturan Desa Tampo Nomor 1 Tahun 2026 tentang …", as the product is cited. */
export function citation(product: LegalProduct): LocalizedText {
  const { name } = LEGAL_TYPE_DEFINITIONS[product.type];
  return text(
    `${name.id} ${product.villageName} Nomor ${product.number} Tahun ${product.year} tentang ${product.title}`,
    `${name.en} of ${product.villageName} No. ${product.number} of ${product.year} on ${product.title}`,
  );
}

export interface LegalSearch {
  readonly type?: LegalType;
  readonly year?: number;
  readonly status?: LegalStatus;
  /** Words that must all appear in the title, subject or abstract (case and accents ignored). */
  readonly q?: string;
}

const fold = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** The register entries a search asks for, newest first (year, then number). */
export function searchLegalProducts(products: readonly LegalProduct[], search: LegalSearch): LegalProduct[] {
  const words = fold(search.q ?? '')
    .split(/\s+/)
    .filter((word) => word.length > 0);
  return products
    .filter(
      (product) =>
        (!search.type || product.type === search.type) &&
        (!search.year || product.year === search.year) &&
        (!search.status || product.status === search.status) &&
        words.every((word) => fold(`${product.title} ${product.subject} ${product.abstract}`).includes(word)),
    )
    .sort((a, b) => b.year - a.year || a.type.localeCompare(b.type) || b.number - a.number);
}
