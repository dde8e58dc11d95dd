import { regencyService } from '../catalog/index.js';
import type { Clock, VillageDirectory } from '../shared/ports.js';
import { villageFor } from '../villages/places.js';
import { announcementsOf } from '../villages/village-board.js';
import { publicItem, type SiteContent, type SiteService, type TransparencySource } from './content.js';
import { type SiteFile, siteFiles } from './feeds.js';
import type { SiteItemStore } from './site-items.js';
import { populationStatistics, type ResidentFacts } from './statistics.js';

/** Where the rendered files go (the sites bucket, behind CloudFront at /desa/*). */
export interface SiteFileStore {
  put(files: readonly SiteFile[]): Promise<void>;
}

/** The population register's facts about a village's residents (no names, no NIKs) and their date. */
export interface ResidentSource {
  residentsOf(villageCode: string): { readonly asOf: string; readonly people: readonly ResidentFacts[] };
}

export interface SiteRenderDeps {
  readonly villages: VillageDirectory;
  readonly items: Pick<SiteItemStore, 'list'>;
  readonly residents: ResidentSource;
  readonly transparency: TransparencySource;
  readonly files: SiteFileStore;
  readonly clock: Clock;
  /** The public origin the site is served from (https://…), for the feed and the sitemap. */
  readonly baseUrl: string;
}

/** How many legal products the page lists. */
export const LEGAL_ON_PAGE = 5;

/**
 * Renders a village's whole site to static files (issue 12, item 3). Runs inside the function that made the
 * change when a website route made it (an item published, the village onboarded or changed), so the page is
 * live when the call returns; for changes other capabilities make (legal products, the budget) the village
 * is marked stale and the scheduled job renders it (stale-sites.ts), and every village daily. A render is
 * idempotent and reads everything afresh, so a later render repairs an earlier failed one.
 * Primary course: read the village, its published items, the register's statistics, the offered services,
 * the budget and legal products → render page, feed, sitemap and display board → write them.
 */
export async function renderVillageSite(
  deps: SiteRenderDeps,
  villageCode: string,
): Promise<readonly SiteFile[]> {
  const village = await villageFor(deps.villages, villageCode);
  const [items, budget, legalProducts] = await Promise.all([
    deps.items.list(villageCode),
    deps.transparency.budget(villageCode),
    deps.transparency.legalProducts(villageCode, LEGAL_ON_PAGE),
  ]);
  const now = deps.clock.now();
  const published = items.filter((item) => item.status === 'published').map(publicItem);
  // The agenda from the start of today (WIB) on: a page rendered today still shows today's events.
  const today = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const fromToday = new Date(`${today}T00:00:00+07:00`).getTime();
  const { asOf, people } = deps.residents.residentsOf(villageCode);
  const services: SiteService[] = village.services.flatMap((code) => {
    const service = regencyService(code);
    return service ? [{ code, name: service.name, targetHours: service.targetHours }] : [];
  });
  const content: SiteContent = {
    village,
    announcements: announcementsOf(village),
    news: published
      .filter((item) => item.kind === 'news')
      .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)),
    agenda: published
      .filter((item) => item.kind === 'agenda' && new Date(item.startsAt ?? 0).getTime() >= fromToday)
      .sort((a, b) => new Date(a.startsAt ?? 0).getTime() - new Date(b.startsAt ?? 0).getTime()),
    population: populationStatistics(people, asOf),
    services,
    ...(budget ? { budget } : {}),
    legalProducts,
    baseUrl: deps.baseUrl.replace(/\/+$/, ''),
    renderedAt: now.toISOString(),
  };
  const files = siteFiles(content);
  await deps.files.put(files);
  return files;
}
