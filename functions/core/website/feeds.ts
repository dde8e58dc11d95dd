import type { PublicItem, SiteContent } from './content.js';
import { esc } from './html.js';
import { renderVillagePage } from './page.js';

/** How many entries the Atom feed carries: the page shows fewer, the feed is the archive of recent items. */
export const FEED_ENTRIES = 20;

const anchor = (item: PublicItem) => `#${item.kind === 'news' ? 'berita' : 'agenda'}-${item.id}`;

/** The newest published first. */
const newestFirst = (items: readonly PublicItem[]) =>
  [...items].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));

/** The site's address: /desa/{code}/. */
export const siteUrl = (content: Pick<SiteContent, 'baseUrl' | 'village'>) =>
  `${content.baseUrl}/desa/${content.village.code}/`;

/** RFC 4287 Atom: the village's published news and agenda, newest first. */
export function atomFeed(content: SiteContent): string {
  const base = siteUrl(content);
  const name = `${content.village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${content.village.name}`;
  const entries = newestFirst([...content.news, ...content.agenda]).slice(0, FEED_ENTRIES);
  const updated = entries[0]?.publishedAt ?? content.renderedAt;
  const entry = (item: PublicItem) =>
    `<entry><id>${esc(base + anchor(item))}</id><title>${esc(item.title)}</title>` +
    `<link rel="alternate" type="text/html" href="${esc(base + anchor(item))}"/>` +
    `<published>${esc(item.publishedAt)}</published><updated>${esc(item.publishedAt)}</updated>` +
    `<category term="${item.kind}"/><content type="text">${esc(item.body)}</content></entry>`;
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">` +
    `<id>${esc(base)}</id><title>${esc(`Berita ${name}`)}</title><updated>${esc(updated)}</updated>` +
    `<link rel="self" type="application/atom+xml" href="${esc(`${base}feed.xml`)}"/>` +
    `<link rel="alternate" type="text/html" href="${esc(base)}"/>` +
    `<author><name>${esc(`Pemerintah ${name}`)}</name></author>${entries.map(entry).join('')}</feed>\n`
  );
}

/** sitemaps.org 0.9: the village's page, last changed with its newest item. */
export function sitemap(content: SiteContent): string {
  const latest = newestFirst([...content.news, ...content.agenda])[0]?.publishedAt ?? content.renderedAt;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
    `<url><loc>${esc(siteUrl(content))}</loc><lastmod>${latest.slice(0, 10)}</lastmod></url></urlset>\n`
  );
}

/** One file of a village's site, as written to the sites bucket. */
export interface SiteFile {
  /** desa/{code}/… */
  readonly key: string;
  readonly body: string;
  readonly contentType: string;
}

/** An item's public fields only, named one by one: whatever else an object carries never reaches a file. */
const shown = ({ id, kind, title, body, titleEn, bodyEn, startsAt, place, publishedAt }: PublicItem) => ({
  id,
  kind,
  title,
  body,
  titleEn,
  bodyEn,
  startsAt,
  place,
  publishedAt,
});

/** How many items the office display rotates. */
export const BOARD_ITEMS = 5;

/**
 * Every file of a village's site: the page, its feed and sitemap, and board.json, which the office display
 * rotates (the latest news and the coming agenda), so the display costs no API call either.
 */
export function siteFiles(content: SiteContent): SiteFile[] {
  const prefix = `desa/${content.village.code}/`;
  const board = {
    village: content.village.code,
    renderedAt: content.renderedAt,
    news: content.news.slice(0, BOARD_ITEMS).map(shown),
    agenda: content.agenda.slice(0, BOARD_ITEMS).map(shown),
  };
  return [
    { key: `${prefix}index.html`, body: renderVillagePage(content), contentType: 'text/html; charset=utf-8' },
    { key: `${prefix}feed.xml`, body: atomFeed(content), contentType: 'application/atom+xml; charset=utf-8' },
    { key: `${prefix}sitemap.xml`, body: sitemap(content), contentType: 'application/xml; charset=utf-8' },
    {
      key: `${prefix}board.json`,
      body: JSON.stringify(board),
      contentType: 'application/json; charset=utf-8',
    },
  ];
}
