import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_VILLAGES } from '../../config/villages.js';
import { shippedResidents } from '../../functions/adapters/website.js';
import { renderVillagePage } from '../../functions/core/website/page.js';
import { populationStatistics } from '../../functions/core/website/statistics.js';
import { TAMPO } from '../support/fixtures.js';
import { startTestRuntime } from '../support/runtime.js';
import { SAMPLE_BUDGET } from '../support/site-samples.js';
import {
  type Browser,
  describeInBrowser,
  expectAccessible,
  expectNoHorizontalScroll,
  launchChromium,
  PHONE,
  screenshot,
} from './support.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

/** The budget for a village site's first load at 360 px, everything transferred counted. */
const FIRST_LOAD_BUDGET_BYTES = 60 * 1024;

describeInBrowser('the village website on a phone, without JavaScript', () => {
  let runtime: Runtime;
  let browser: Browser;

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await runtime?.cleanup();
  });

  it(`opens /desa/${TAMPO}/ at 360 px in at most 60 KB, news and the budget section visible, axe clean`, async () => {
    // Prepare: a phone with JavaScript off, counting every response's bytes as they come over the wire
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    const transfers: Promise<{ url: string; bytes: number }>[] = [];
    page.on('requestfinished', (request) => {
      transfers.push(
        request.sizes().then((sizes) => ({
          url: request.url(),
          bytes: sizes.responseHeadersSize + sizes.responseBodySize,
        })),
      );
    });
    // Act
    const response = await page.goto(`${runtime.url}/desa/${TAMPO}/`, { waitUntil: 'load' });
    // Assess: the page, the latest news and the budget section are there, with nothing else fetched
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Desa Tampo');
    const latest = page.getByRole('heading', { name: 'Surat keterangan kini bisa diajukan dari rumah' });
    await expect(latest.isVisible()).resolves.toBe(true);
    await expect(page.locator('#apbdes').isVisible()).resolves.toBe(true);
    // The demo APBDes 2026 (adopted, semester 1 realised) as an SVG infographic, and the Perdes that adopted it
    await expect(page.locator('#apbdes svg[role="img"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('#apbdes').textContent()).resolves.toContain('APBDes 2026');
    await expect(page.locator('#produk-hukum').textContent()).resolves.toContain(
      'Anggaran Pendapatan dan Belanja Desa Tahun Anggaran 2026',
    );
    await expect(page.locator('#statistik table').count()).resolves.toBeGreaterThanOrEqual(3);
    const fetched = await Promise.all(transfers);
    const total = fetched.reduce((sum, transfer) => sum + transfer.bytes, 0);
    console.log(
      `village site first load: ${(total / 1024).toFixed(1)} KB in ${fetched.length} response(s) (uncompressed; CloudFront compresses)`,
    );
    expect(fetched.map((transfer) => new URL(transfer.url).pathname)).toEqual([`/desa/${TAMPO}/`]);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'village-site-tampo');
    await context.close();

    // axe needs script: the same page in a context with JavaScript on (bypassing the page's CSP to inject it)
    const axeContext = await browser.newContext({ ...PHONE, bypassCSP: true });
    const axePage = await axeContext.newPage();
    await axePage.goto(`${runtime.url}/desa/${TAMPO}/`);
    await expectAccessible(axePage);
    await axeContext.close();
  });

  it('draws the budget infographic as SVG, still light and accessible, once a budget is supplied', async () => {
    // Prepare: the page as it renders with a budget (the budget capability supplies it at merge)
    const village = DEMO_VILLAGES.find((candidate) => candidate.code === TAMPO);
    if (!village) throw new Error('Tampo is a demo village');
    const { asOf, people } = shippedResidents.residentsOf(TAMPO);
    const html = renderVillagePage({
      village,
      announcements: [],
      news: [],
      agenda: [],
      population: populationStatistics(people, asOf),
      services: [],
      budget: SAMPLE_BUDGET,
      legalProducts: [],
      baseUrl: runtime.url,
      renderedAt: new Date().toISOString(),
    });
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
    const context = await browser.newContext({ ...PHONE, bypassCSP: true });
    const page = await context.newPage();
    // Act
    await page.setContent(html);
    // Assess: the chart is on screen, fits the phone, and its bars follow the amounts
    const chart = page.getByRole('img', { name: /APBDes 2026/ });
    await expect(chart.isVisible()).resolves.toBe(true);
    const box = await chart.boundingBox();
    expect(box?.width ?? 0).toBeLessThanOrEqual(360);
    await expect(page.locator('#apbdes').textContent()).resolves.toContain('56,0 %');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'village-site-budget');
    await expectAccessible(page);
    await context.close();
  });
});
