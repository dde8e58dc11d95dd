import { createHash } from 'node:crypto';
import { budgetChart, budgetRows } from './budget-chart.js';
import type { PublicItem, SiteContent, StatisticsCell } from './content.js';
import { esc, grouped, percent, tanggal, tanggalJam } from './html.js';
import { shownTotal, suppressed, WITHHELD } from './statistics.js';

/**
 * The village's home page (/desa/{code}/), pre-rendered to one static HTML file: no script, no web font, no
 * image request, the CSS inline. Indonesian first, English beside it (marked lang="en"). Whatever a person
 * typed is escaped (html.ts); nothing personal is printed but the officials' names.
 */

/** How many news items the page carries in full (the Atom feed carries more): keeps the page light. */
export const NEWS_ON_PAGE = 6;
export const AGENDA_ON_PAGE = 8;

export const SITE_CSS =
  'body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}' +
  '.w{max-width:46rem;margin:0 auto;padding:0 1rem}' +
  'header{background:#1f4e79;color:#fff;padding:1rem 0}header a{color:#fff}' +
  'h1{margin:.2rem 0;font-size:1.6rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid #1f4e79}' +
  'h3{font-size:1.05rem;margin:1rem 0 .2rem}a{color:#0b4f8a}' +
  'nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.5rem 0 0}' +
  '.en,.m{color:#505050}header .en{color:#e8eef5}.m{font-size:.9rem;margin:0}' +
  'table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}caption{text-align:left;font-weight:600}' +
  'th,td{padding:.25rem .4rem;border-bottom:1px solid #d0d0d0;text-align:left}td.n,th.n{text-align:right}' +
  '.s{font-size:.85rem}svg{max-width:100%}figure{margin:0}' +
  '.none{background:#f3f3f3;padding:.75rem;border-left:4px solid #8a8a8a}' +
  '.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.5rem}' +
  'footer{margin:2rem 0;font-size:.9rem}';

/** For the Content-Security-Policy: the inline style is allowed by its hash alone. */
export const SITE_STYLE_HASH = `sha256-${createHash('sha256').update(SITE_CSS).digest('base64')}`;

/**
 * The pages' Content-Security-Policy (CloudFront's response headers in AWS, lib/constructs/web.ts; the local
 * gateway's answer): no script, nothing loaded, the one inline style allowed by its hash.
 */
export const SITE_CSP = [
  "default-src 'none'",
  `style-src '${SITE_STYLE_HASH}'`,
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const both = (id: string, en: string) => `${esc(id)} <span class="en" lang="en">/ ${esc(en)}</span>`;

const section = (id: string, titleId: string, titleEn: string, body: string) =>
  `<section id="${id}" aria-labelledby="h-${id}"><h2 id="h-${id}">${both(titleId, titleEn)}</h2>${body}</section>`;

const noData = (id: string, en: string) =>
  `<p class="none">Belum ada data: ${esc(id)}. <span lang="en">No data yet: ${esc(en)}.</span></p>`;

/** Paragraphs from blank lines, line breaks kept. */
const paragraphs = (value: string, lang?: 'en') =>
  value
    .split(/\n\s*\n/)
    .map(
      (part) =>
        `<p${lang ? ` lang="${lang}" class="en"` : ''}>${esc(part.trim()).replaceAll('\n', '<br>')}</p>`,
    )
    .join('');

function article(item: PublicItem): string {
  const when = item.kind === 'agenda' && item.startsAt ? item.startsAt : item.publishedAt;
  const meta =
    item.kind === 'agenda'
      ? `<time datetime="${esc(when)}">${esc(tanggalJam(when))}</time>${item.place ? ` · ${esc(item.place)}` : ''}`
      : `<time datetime="${esc(when)}">${esc(tanggal(when))}</time>`;
  return (
    `<article id="${item.kind === 'news' ? 'berita' : 'agenda'}-${esc(item.id)}"><h3>${esc(item.title)}</h3>` +
    `${item.titleEn ? `<p class="en" lang="en">${esc(item.titleEn)}</p>` : ''}<p class="m">${meta}</p>` +
    `${paragraphs(item.body)}${item.bodyEn ? paragraphs(item.bodyEn, 'en') : ''}</article>`
  );
}

function statisticsTable(captionId: string, captionEn: string, cells: readonly StatisticsCell[]): string {
  if (cells.length === 0)
    return `<h3>${both(captionId, captionEn)}</h3>${noData('belum tercatat di register kependudukan', 'not recorded in the population register')}`;
  const rows = suppressed(cells)
    .map(
      (cell) =>
        `<tr><th scope="row">${both(cell.label.id, cell.label.en)}</th><td class="n">${esc(cell.shown)}</td></tr>`,
    )
    .join('');
  return (
    `<table><caption>${both(captionId, captionEn)}</caption>` +
    `<thead><tr><th scope="col">${both('Kelompok', 'Group')}</th><th scope="col" class="n">${both('Jiwa', 'People')}</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>`
  );
}

function budgetSection(content: SiteContent): string {
  const { budget } = content;
  if (!budget) return noData('APBDes belum diterbitkan', 'the village budget is not published yet');
  // Three columns fit a 360 px screen: the planned and realised amounts share one, one above the other.
  const rows = budgetRows(budget)
    .map(
      (row) =>
        `<tr><th scope="row">${esc(row.label)}</th><td class="n">${esc(grouped(row.planned))}<br>${row.realised === undefined ? '–' : esc(grouped(row.realised))}</td><td class="n">${row.realised === undefined ? '–' : esc(percent(row.realised, row.planned))}</td></tr>`,
    )
    .join('');
  return (
    `<p>${esc(budget.version)} ${esc(budget.year)}${budget.realisedUpTo ? ` · ${both(`realisasi s.d. ${tanggal(budget.realisedUpTo)}`, `realised up to ${budget.realisedUpTo}`)}` : ''}</p>` +
    `<figure>${budgetChart(budget)}</figure>` +
    `<table class="s"><caption>${both('Anggaran dan realisasi (Rp)', 'Planned and realised (IDR)')}</caption><thead><tr><th scope="col">${both('Pos', 'Item')}</th>` +
    `<th scope="col" class="n">${both('Anggaran', 'Planned')}<br>${both('Realisasi', 'Realised')}</th><th scope="col" class="n">%</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>`
  );
}

export function renderVillagePage(content: SiteContent): string {
  const { village, population } = content;
  const kind = village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa';
  const name = `${kind} ${village.name}`;
  const place = `Kecamatan ${village.district.name}, Kabupaten ${village.regency.name}, ${village.province}`;
  const base = `${content.baseUrl}/desa/${village.code}/`;
  const nav = [
    ['berita', 'Berita'],
    ['agenda', 'Agenda'],
    ['apbdes', 'APBDes'],
    ['produk-hukum', 'Produk hukum'],
    ['statistik', 'Statistik'],
    ['layanan', 'Layanan'],
    ['pengaduan', 'Pengaduan'],
  ]
    .map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`)
    .join('');
  const news = content.news.slice(0, NEWS_ON_PAGE);
  const agenda = content.agenda.slice(0, AGENDA_ON_PAGE);
  const legal = content.legalProducts.length
    ? `<ul>${content.legalProducts
        .map(
          (product) =>
            `<li><a href="${esc(product.url)}">${esc(product.type)} Nomor ${esc(product.number)} Tahun ${esc(product.year)}</a> tentang ${esc(product.title)} <span class="m">(diundangkan ${esc(tanggal(product.promulgatedOn))})</span></li>`,
        )
        .join('')}</ul>`
    : noData('belum ada produk hukum yang diundangkan', 'no legal product promulgated yet');
  const services = content.services.length
    ? `<ul>${content.services
        .map(
          (service) =>
            `<li><a href="/#/ajukan/${esc(service.code)}">${both(service.name.id, service.name.en)}</a></li>`,
        )
        .join(
          '',
        )}</ul><p>${both('Ajukan dari rumah lewat portal; surat ditandatangani secara elektronik.', 'Apply from home through the portal; letters are signed electronically.')}</p>`
    : noData('belum ada layanan', 'no services yet');
  const body = [
    section(
      'profil',
      'Profil desa',
      'Village profile',
      `<dl><dt>${both('Kode wilayah', 'Region code')}</dt><dd>${esc(village.code)}</dd>` +
        `<dt>${both('Wilayah', 'Area')}</dt><dd>${esc(place)}</dd>` +
        `<dt>${both('Kantor desa', 'Village office')}</dt><dd>${esc(village.address)}</dd></dl>` +
        `<h3>${both('Perangkat desa', 'Village officials')}</h3><ul><li>${both(village.head.title.id, village.head.title.en)}: ${esc(village.head.name)}</li></ul>`,
    ),
    content.announcements.length
      ? section(
          'pengumuman',
          'Pengumuman',
          'Announcements',
          `<ul>${content.announcements.map((a) => `<li>${esc(a.id)}<br><span class="en" lang="en">${esc(a.en)}</span></li>`).join('')}</ul>`,
        )
      : '',
    section(
      'berita',
      'Berita terbaru',
      'Latest news',
      news.length ? news.map(article).join('') : noData('belum ada berita', 'no news yet'),
    ),
    section(
      'agenda',
      'Agenda kegiatan',
      'Upcoming events',
      agenda.length ? agenda.map(article).join('') : noData('belum ada agenda', 'no events planned'),
    ),
    section(
      'apbdes',
      'APBDes: pendapatan dan belanja',
      'Village budget: income and spending',
      budgetSection(content),
    ),
    section('produk-hukum', 'Produk hukum terbaru', 'Latest legal products', legal),
    section(
      'statistik',
      'Statistik penduduk',
      'Population statistics',
      `<p>${both(`Penduduk hidup menurut register kependudukan per ${tanggal(population.asOf)}: ${shownTotal(population.total)} jiwa.`, `Living residents in the population register on ${population.asOf}: ${shownTotal(population.total)}.`)}</p>` +
        `<p class="m">${both(`Angka di bawah 5 ditulis "< 5"; "${WITHHELD}" disembunyikan agar angka kecil tidak dapat dihitung.`, `Counts under 5 are shown as "< 5"; "${WITHHELD}" is withheld so a small count cannot be worked out.`)}</p>` +
        statisticsTable('Jenis kelamin', 'Sex', population.bySex) +
        statisticsTable('Kelompok umur', 'Age group', population.byAgeGroup) +
        statisticsTable('Pendidikan', 'Education', population.byEducation) +
        statisticsTable('Pekerjaan', 'Occupation', population.byOccupation) +
        statisticsTable('Dusun', 'Hamlet', population.byHamlet),
    ),
    section('layanan', 'Layanan surat', 'Letters and services', services),
    section(
      'pengaduan',
      'Pengaduan',
      'Complaints',
      `<p>${both(`Sampaikan pengaduan tentang pelayanan dan APBDes ke Kantor ${name}, ${village.address}, atau kepada ${village.head.title.id}.`, `Send complaints about services and the village budget to the ${name} office, ${village.address}, or to the ${village.head.title.en}.`)}</p>`,
    ),
  ].join('');
  return (
    `<!doctype html><html lang="id"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(name)} · ${esc(village.district.name)}, ${esc(village.regency.name)}</title>` +
    `<meta name="description" content="${esc(`Situs resmi ${name}: berita, agenda, APBDes, produk hukum, statistik penduduk dan layanan surat.`)}">` +
    `<link rel="canonical" href="${esc(base)}"><link rel="alternate" type="application/atom+xml" title="${esc(`Berita ${name}`)}" href="feed.xml">` +
    `<style>${SITE_CSS}</style></head><body><a class="skip" href="#isi">Langsung ke isi / Skip to content</a>` +
    `<header><div class="w"><p class="m en">${esc(place)}</p><h1>${esc(name)}</h1><nav aria-label="Bagian halaman / Page sections"><ul>${nav}</ul></nav></div></header>` +
    `<main id="isi" class="w">${body}</main>` +
    `<footer class="w"><p><a href="feed.xml">Atom feed</a> · <a href="sitemap.xml">Sitemap</a> · <a href="/">${both('Portal layanan', 'Services portal')}</a></p>` +
    `<p class="m">${both(`Diperbarui ${tanggalJam(content.renderedAt)}`, `Updated ${content.renderedAt}`)}</p></footer></body></html>`
  );
}
