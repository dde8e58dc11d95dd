import type { Paper } from '../documents/letter-pdf.js';
import { NotFoundError } from '../shared/errors.js';
import type { VillageDirectory } from '../shared/ports.js';
import { type LocalizedText, text } from '../shared/text.js';

/** A village (desa/kelurahan): a tenant inside a regional deployment, stored as data, never deployed. */
export interface Village {
  /** Kemendagri region code, e.g. 35.10.12.2001 (province.regency.district.village). */
  readonly code: string;
  readonly name: string;
  readonly kind: 'desa' | 'kelurahan';
  readonly district: {
    readonly code: string;
    readonly name: string;
    /** The camat's office, printed under the sub-district's letterhead on letters the camat signs. */
    readonly address?: string;
  };
  readonly regency: { readonly code: string; readonly name: string };
  readonly province: string;
  readonly address: string;
  /** Who signs letters for the village (kepala desa / lurah). */
  readonly head: { readonly name: string; readonly title: LocalizedText };
  /** Short code used inside letter numbers, e.g. "TMP". */
  readonly letterCode: string;
  /**
   * How letter numbers run within a year: one sequence for all letters (default), one per classification
   * code, or one per service.
   * @default 'village'
   */
  readonly numberingScope?: 'village' | 'classification' | 'service';
  /**
   * The paper its letters are printed on: A4, or F4 (folio, 215 x 330 mm), which many village offices load.
   * A village whose record does not say prints on A4, as every village did before this setting existed.
   * @default 'A4'
   */
  readonly paper?: Paper;
  /** Service codes this village offers. */
  readonly services: readonly string[];
  /** Pengumuman: notices the village shows on its office display and portal (data, changed without a deploy). */
  readonly announcements?: readonly LocalizedText[];
}

/** What the village directory lists (GET /v1/villages): its index projects these fields and no others. */
export const VILLAGE_SUMMARY_FIELDS = [
  'code',
  'name',
  'kind',
  'district',
  'regency',
  'province',
  'services',
] as const satisfies readonly (keyof Village)[];
export type VillageSummary = Pick<Village, (typeof VILLAGE_SUMMARY_FIELDS)[number]>;

export const regencyCodeOf = (villageCode: string): string => villageCode.split('.').slice(0, 2).join('.');
export const districtCodeOf = (villageCode: string): string => villageCode.split('.').slice(0, 3).join('.');

/** The village with this code, or 404 (the message names the code, as the caller sent it). */
export async function villageFor(villages: VillageDirectory, code: string): Promise<Village> {
  const village = await villages.get(code);
  if (!village) {
    throw new NotFoundError(
      text(
        `villageCode: desa dengan kode ${code} tidak terdaftar.`,
        `villageCode: no village with code ${code}.`,
      ),
    );
  }
  return village;
}
