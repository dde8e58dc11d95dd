import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { text } from '../../../functions/core/shared/text.js';
import { budgetChart, budgetRows, NOT_REPORTED } from '../../../functions/core/website/budget-chart.js';
import type { PublicItem, SiteContent } from '../../../functions/core/website/content.js';
import { atomFeed, siteFiles, sitemap } from '../../../functions/core/website/feeds.js';
import { renderVillagePage, SITE_CSS, SITE_STYLE_HASH } from '../../../functions/core/website/page.js';
import { siteItemIssues } from '../../../functions/core/website/site-items.js';
import {
  populationStatistics,
  type ResidentFacts,
  suppressed,
} from '../../../functions/core/website/statistics.js';
import { SAMPLE_BUDGET } from '../../support/site-samples.js';

const person = (overrides: Partial<ResidentFacts> = {}): ResidentFacts => ({
  sex: 'F',
  birthDate: '1990-05-01',
  hamlet: 'Krajan',
  alive: true,
  ...overrides,
});

const item = (overrides: Partial<PublicItem> = {}): PublicItem => ({
  id: '01KBAAAAAAAAAAAAAAAAAAAAAA',
  kind: 'news',
  title: 'Judul',
  body: 'Isi',
  publishedAt: '2026-11-20T03:00:00.000Z',
  ...overrides,
});

const content = (overrides: Partial<SiteContent> = {}): SiteContent => ({
  village: {
    code: '35.10.06.2001',
    name: 'Tampo',
    kind: 'desa',
    district: { code: '35.10.06', name: 'Cluring' },
    regency: { code: '35.10', name: 'Banyuwangi' },
    province: 'Jawa Timur',
    address: 'Jl. Raya Tampo 1',
    head: { name: 'Suwebi', title: text('Kepala Desa', 'Village Head') },
  },
  announcements: [],
  news: [],
  agenda: [],
  population: populationStatistics([], '2026-11-01'),
  services: [],
  legalProducts: [],
  baseUrl: 'https://desa.example',
  renderedAt: '2026-12-01T00:00:00.000Z',
  ...overrides,
});

describe('population statistics', () => {
  it('counts living residents by sex, age group and hamlet, ages on the register date', () => {
    const people = [
      ...Array.from({ length: 6 }, () => person()),
      ...Array.from({ length: 7 }, () => person({ sex: 'M', birthDate: '2022-11-02', hamlet: 'Sumberan' })),
      person({ alive: false }),
    ];
    const stats = populationStatistics(people, '2026-11-01');
    expect(stats.total).toBe(13);
    expect(stats.bySex.map((cell) => [cell.label.id, cell.count])).toEqual([
      ['Laki-laki', 7],
      ['Perempuan', 6],
    ]);
    // Born 2022-11-02: 3 on 2026-11-01 (the birthday is a day later)
    expect(stats.byAgeGroup.map((cell) => [cell.label.id, cell.count])).toEqual([
      ['0–4 tahun (balita)', 7],
      ['25–44 tahun', 6],
    ]);
    expect(stats.byHamlet.map((cell) => cell.count)).toEqual([6, 7]);
    expect(stats.byEducation).toEqual([]);
  });

  it('never prints a count under 5, and withholds one more cell when a lone small one could be worked out', () => {
    const cells = [
      { label: text('A', 'A'), count: 3 },
      { label: text('B', 'B'), count: 9 },
      { label: text('C', 'C'), count: 6 },
    ];
    expect(suppressed(cells).map((cell) => cell.shown)).toEqual(['< 5', '9', '*']);
    const two = [
      { label: text('A', 'A'), count: 0 },
      { label: text('B', 'B'), count: 4 },
      { label: text('C', 'C'), count: 12 },
    ];
    expect(suppressed(two).map((cell) => cell.shown)).toEqual(['< 5', '< 5', '12']);
  });

  it('renders the tables with "< 5" and never the small number itself', () => {
    const people = [
      ...Array.from({ length: 3 }, () => person({ hamlet: 'Kecil' })),
      ...Array.from({ length: 11 }, () => person({ hamlet: 'Besar', sex: 'M' })),
    ];
    const html = renderVillagePage(content({ population: populationStatistics(people, '2026-11-01') }));
    const hamlets = html.slice(html.indexOf('Dusun <span'), html.indexOf('id="layanan"'));
    expect(hamlets).toContain('Dusun Kecil');
    expect(hamlets).toContain('&lt; 5');
    expect(hamlets).not.toMatch(/<td class="n">3<\/td>/);
    // A lone small hamlet: the other is withheld, so 14 − 11 cannot give it away
    expect(hamlets).not.toMatch(/<td class="n">11<\/td>/);
    expect(html).toContain('14 jiwa');
  });
});

describe('the budget infographic', () => {
  it('draws each bar in proportion to its amount, on one scale, with the amounts and realisation written out', () => {
    const svg = budgetChart(SAMPLE_BUDGET);
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((match) => Number(match[1]));
    const rows = budgetRows(SAMPLE_BUDGET);
    expect(widths).toHaveLength(rows.length * 2);
    const scale = Math.max(...rows.map((row) => row.planned));
    rows.forEach((row, index) => {
      expect(widths[index * 2]).toBeCloseTo((row.planned / scale) * 340, 1);
      expect(widths[index * 2 + 1]).toBeCloseTo(((row.realised ?? 0) / scale) * 340, 1);
    });
    expect(svg).toContain('Rp 1.204.500.000 / Rp 2.150.000.000 · 56,0 %');
    expect(svg).toContain('Rp 0 / Rp 50.000.000 · 0,0 %');
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="apb-t apb-d"/);
    expect(svg).not.toContain('style=');
  });

  it('draws no realisation for income whose realisation is not reported, and says so', () => {
    const { realised: _unreported, ...income } = SAMPLE_BUDGET.income;
    const svg = budgetChart({ ...SAMPLE_BUDGET, income });
    const rows = budgetRows({ ...SAMPLE_BUDGET, income });
    expect([...svg.matchAll(/<rect /g)]).toHaveLength(rows.length * 2 - 1);
    expect(svg).toContain(`Rp 2.150.000.000 · ${NOT_REPORTED}`);
  });

  it('says "no data yet" until a budget is supplied', () => {
    const html = renderVillagePage(content());
    const section = html.slice(html.indexOf('id="apbdes"'), html.indexOf('id="produk-hukum"'));
    expect(section).toContain('Belum ada data');
    expect(section).toContain('No data yet');
    expect(section).not.toContain('<svg');
  });
});

describe('the page, the feed and the sitemap', () => {
  const hostile = item({
    title: '<script>alert(1)</script> & "Rapat"',
    body: 'Baris satu\n<img src=x onerror=alert(1)>',
    titleEn: "It's <b>bold</b>",
  });

  it('escapes every text a person typed, and loads nothing but its inline style', () => {
    const html = renderVillagePage(
      content({ news: [hostile], announcements: [text('<i>x</i>', '<i>y</i>')] }),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>bold');
    expect(html).not.toContain('<i>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Rapat&quot;');
    expect(html).toContain('Baris satu<br>&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<(script|link rel="stylesheet"|img|iframe)/);
    expect(SITE_STYLE_HASH).toBe(`sha256-${createHash('sha256').update(SITE_CSS).digest('base64')}`);
    expect(html).toContain(`<style>${SITE_CSS}</style>`);
  });

  it('never prints who drafted or published an item', () => {
    const files = siteFiles(content({ news: [item({ ...({ createdBy: 'operator.tampo' } as object) })] }));
    for (const file of files) expect(file.body).not.toContain('operator.tampo');
  });

  it('writes a well-formed Atom feed with absolute links, newest first, escaped', async () => {
    const feed = atomFeed(
      content({
        news: [hostile, item({ id: '01KBBBBBBBBBBBBBBBBBBBBBBB', publishedAt: '2026-11-25T03:00:00.000Z' })],
      }),
    );
    expect(feed).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/,
    );
    expect(feed).toContain('<id>https://desa.example/desa/35.10.06.2001/</id>');
    expect(feed).toContain('<updated>2026-11-25T03:00:00.000Z</updated>');
    expect(feed.indexOf('01KBBBBBBBBBBBBBBBBBBBBBBB')).toBeLessThan(
      feed.indexOf('01KBAAAAAAAAAAAAAAAAAAAAAA'),
    );
    expect(feed).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Rapat&quot;</title>');
    // Every element the feed opens, it closes (a well-formedness check without an XML library)
    const tags = [...feed.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)];
    const stack: string[] = [];
    for (const [, closing, name = '', selfClosing] of tags) {
      if (selfClosing) continue;
      if (closing) expect(stack.pop()).toBe(name);
      else stack.push(name);
    }
    expect(stack).toEqual([]);
    // Required by RFC 4287 on each entry
    for (const entry of feed.split('<entry>').slice(1)) {
      for (const element of ['<id>', '<title>', '<updated>']) expect(entry).toContain(element);
    }
  });

  it('writes a sitemap with the page, last modified with its newest item', () => {
    const map = sitemap(content({ news: [item()] }));
    expect(map).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
        '<url><loc>https://desa.example/desa/35.10.06.2001/</loc><lastmod>2026-11-20</lastmod></url></urlset>\n',
    );
  });
});

describe('site items', () => {
  it('refuses a NIK or family-card number in any text, however it is spaced', () => {
    expect(
      siteItemIssues({ title: 'Rapat', body: 'NIK 3510 0612 0890 0003 hilang' }).map((i) => i.field),
    ).toEqual(['body']);
    expect(siteItemIssues({ title: 'Rapat RT 03', body: 'Tahun 2026, pukul 08.00' })).toEqual([]);
  });
});
