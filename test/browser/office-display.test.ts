import { afterAll, beforeAll, expect, it } from 'vitest';
import { measure, PORTAL_BUDGET_BYTES } from '../../scripts/budget.js';
import { buildWeb } from '../../scripts/build-web.js';
import { TAMPO } from '../support/fixtures.js';
import { startTestRuntime } from '../support/runtime.js';
import {
  type Browser,
  describeInBrowser,
  expectAccessible,
  launchChromium,
  screenshot,
  watchErrors,
} from './support.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

/** The waiting-room TV, and the portal's weight: what the front end costs a phone on a weak connection. */
describeInBrowser('the office display and the portal budget', () => {
  let runtime: Runtime;
  let browser: Browser;

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.cleanup();
  });

  it("rotates each service's requirements and the village's announcements, readable across a room", async () => {
    // Prepare: a 1080p television
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    // Act
    await page.goto(`${runtime.url}/display.html?village=${TAMPO}&seconds=5`);
    // Assess: the first slide lists the business certificate's requirements in large type
    await page.getByRole('heading', { name: 'Surat Keterangan Usaha' }).waitFor();
    await expect(page.getByText('Persyaratan', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('Fotokopi KTP pemohon').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Desa Tampo');
    const fontSize = await page.getByText('Fotokopi KTP pemohon').evaluate((element) => {
      const window = globalThis as unknown as { getComputedStyle: (node: unknown) => { fontSize: string } };
      return Number.parseFloat(window.getComputedStyle(element).fontSize);
    });
    expect(fontSize).toBeGreaterThanOrEqual(48); // ~3 % of the screen width: readable from the back of the room
    await screenshot(page, 'display-requirements');
    await expectAccessible(page);
    // The next slide is the village's announcement (arrow key, as a remote's arrow would)
    await page.keyboard.press('ArrowRight');
    await page.getByText('Pengumuman', { exact: true }).waitFor();
    await expect(page.getByText(/Pelayanan surat di Kantor Desa Tampo/).isVisible()).resolves.toBe(true);
    await screenshot(page, 'display-announcement');
    // And it moves on by itself
    await page.getByText('Persyaratan', { exact: true }).waitFor({ timeout: 12_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("rotates the village website's published news and agenda too", async () => {
    // Prepare: Tampo's demo news and agenda are published (config/site-demo.ts)
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${runtime.url}/display.html?village=${TAMPO}&seconds=60`);
    await page.getByText('Persyaratan', { exact: true }).waitFor();
    // Act: step through the slides as a remote would
    const seen = new Set<string>();
    for (let step = 0; step < 12 && seen.size < 2; step++) {
      await page.keyboard.press('ArrowRight');
      const kind = await page.locator('.slide .kind').textContent();
      if (kind === 'Berita desa' || kind === 'Agenda kegiatan') {
        seen.add(kind);
        if (kind === 'Agenda kegiatan') {
          await expect(page.getByText(/Balai Dusun Krajan/).isVisible()).resolves.toBe(true);
        }
      }
    }
    // Assess
    expect([...seen].sort()).toEqual(['Agenda kegiatan', 'Berita desa']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('serves the portal in at most 100 KB (compressed) on first load, and all of it from the same origin', async () => {
    // Prepare: what the browser fetches to show the first page
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    const fetched = new Set<string>();
    page.on('request', (request) => {
      if (['document', 'script', 'stylesheet', 'font', 'image'].includes(request.resourceType())) {
        fetched.add(new URL(request.url()).pathname);
      }
    });
    await page.goto(runtime.url, { waitUntil: 'networkidle' });
    // Assess: those are the files the budget counts, and they fit
    const build = buildWeb(`${runtime.dataDir}/web-budget`);
    const portal = measure(build).find((weight) => weight.page === 'index');
    const counted = new Set(portal?.files.map((file) => file.path.replace('/index.html', '/')));
    for (const path of fetched) {
      if (path === '/favicon.svg') continue;
      expect(counted, path).toContain(path);
    }
    expect(portal?.gzip).toBeLessThanOrEqual(PORTAL_BUDGET_BYTES);
    console.log(`citizen portal first load: ${((portal?.gzip ?? 0) / 1024).toFixed(1)} KB gzip`);
    await context.close();
  });
});
