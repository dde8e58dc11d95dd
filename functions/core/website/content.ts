import type { LocalizedText } from '../shared/text.js';
import type { Village } from '../villages/places.js';

/**
 * What a village's public site shows (issue 12, item 3), gathered once per render and handed to the pure
 * renderers. Nothing here is personal data but the names of officials: items carry no author, statistics
 * carry counts only, and the renderer prints any count under 5 as "< 5".
 */

export const SITE_ITEM_KINDS = ['news', 'agenda'] as const;
export type SiteItemKind = (typeof SITE_ITEM_KINDS)[number];

/**
 * A news item (berita / pengumuman) or an agenda entry (kegiatan) of the village's register: drafted by the
 * operator, published by the village secretary or head. Indonesian first; the English text is optional.
 */
export interface SiteItem {
  readonly id: string;
  readonly villageCode: string;
  readonly kind: SiteItemKind;
  readonly status: 'draft' | 'published';
  readonly title: string;
  readonly body: string;
  readonly titleEn?: string;
  readonly bodyEn?: string;
  /** Agenda only: when it starts (ISO 8601 with offset) and where. */
  readonly startsAt?: string;
  readonly place?: string;
  readonly createdAt: string;
  /** Username of the operator who drafted it: kept for the audit, never rendered. */
  readonly createdBy: string;
  readonly publishedAt?: string;
  readonly publishedBy?: string;
}

/** What a page may show of an item: no author, no draft. */
export type PublicItem = Pick<
  SiteItem,
  'id' | 'kind' | 'title' | 'body' | 'titleEn' | 'bodyEn' | 'startsAt' | 'place'
> & { readonly publishedAt: string };

export const publicItem = (item: SiteItem): PublicItem => ({
  id: item.id,
  kind: item.kind,
  title: item.title,
  body: item.body,
  ...(item.titleEn ? { titleEn: item.titleEn } : {}),
  ...(item.bodyEn ? { bodyEn: item.bodyEn } : {}),
  ...(item.startsAt ? { startsAt: item.startsAt } : {}),
  ...(item.place ? { place: item.place } : {}),
  publishedAt: item.publishedAt ?? item.createdAt,
});

/** One row of a statistics table: a category and how many living residents are in it. */
export interface StatisticsCell {
  readonly label: LocalizedText;
  readonly count: number;
}

/** The population register's counts for one village (living residents, ages on `asOf`). */
export interface PopulationStatistics {
  readonly asOf: string;
  readonly total: number;
  readonly bySex: readonly StatisticsCell[];
  readonly byAgeGroup: readonly StatisticsCell[];
  /** Empty when the register does not record it. */
  readonly byEducation: readonly StatisticsCell[];
  /** Empty when the register does not record it. */
  readonly byOccupation: readonly StatisticsCell[];
  readonly byHamlet: readonly StatisticsCell[];
}

/**
 * The APBDes as the infographic needs it (Permendagri 20/2018): income against spending by bidang, planned
 * and realised, in whole rupiah. Supplied by the budget capability (functions/core/budget/) at merge.
 */
export interface SiteBudget {
  readonly year: number;
  /** e.g. "APBDes" or "APBDes Perubahan". */
  readonly version: string;
  /** Income as budgeted; its realisation is not recorded (realisation is reported per spending activity). */
  readonly income: { readonly planned: number; readonly realised?: number };
  /** Bidang 01–05, in code order. */
  readonly spendingByBidang: readonly {
    readonly code: string;
    readonly name: string;
    readonly planned: number;
    readonly realised: number;
  }[];
  /** The realisation reported up to this date (end of a semester). */
  readonly realisedUpTo?: string;
}

/** A published legal product, as the site lists it. Supplied by the legal capability (functions/core/legal/). */
export interface SiteLegalProduct {
  readonly id: string;
  /** e.g. "Peraturan Desa", "Peraturan Kepala Desa". */
  readonly type: string;
  readonly number: string;
  readonly year: number;
  readonly title: string;
  /** YYYY-MM-DD. */
  readonly promulgatedOn: string;
  /** Its public page or text (absolute, or relative to the site's origin). */
  readonly url: string;
}

/**
 * The transparency data other capabilities own: the village's current budget and its latest published
 * legal products (website/transparency.ts); the page says "no data yet" while a village has none.
 */
export interface TransparencySource {
  budget(villageCode: string): Promise<SiteBudget | undefined>;
  legalProducts(villageCode: string, limit: number): Promise<readonly SiteLegalProduct[]>;
}

/** A service the village offers, linking to the portal's form. */
export interface SiteService {
  readonly code: string;
  readonly name: LocalizedText;
  readonly targetHours: number;
}

/** Everything one render of a village's site reads. */
export interface SiteContent {
  readonly village: Pick<
    Village,
    'code' | 'name' | 'kind' | 'district' | 'regency' | 'province' | 'address' | 'head'
  >;
  /** The announcements of the village record (pengumuman: short notices, also on the office display). */
  readonly announcements: readonly LocalizedText[];
  /** Published news, newest first. */
  readonly news: readonly PublicItem[];
  /** Published agenda entries, soonest first. */
  readonly agenda: readonly PublicItem[];
  readonly population: PopulationStatistics;
  readonly services: readonly SiteService[];
  readonly budget?: SiteBudget;
  readonly legalProducts: readonly SiteLegalProduct[];
  /** The site's origin (https://…, no trailing slash): Atom and sitemaps need absolute URLs. */
  readonly baseUrl: string;
  /** When this render ran (ISO 8601): the feed's `updated` when nothing newer was published. */
  readonly renderedAt: string;
}
