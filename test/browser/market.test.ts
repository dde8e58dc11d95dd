import { afterAll, beforeAll, expect, it } from 'vitest';
import { TAMPO } from '../support/fixtures.js';
import { issueApproved } from '../support/issue.js';
import { type ApiClient, signInAll, startTestRuntime } from '../support/runtime.js';
import { SAMPLE_APPLICATIONS } from '../support/samples.js';
import {
  type Browser,
  describeInBrowser,
  expectAccessible,
  expectNoHorizontalScroll,
  launchChromium,
  PHONE,
  screenshot,
  signInThroughForm,
  watchErrors,
} from './support.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

/** The issue's budget for a market page's first load at 360 px without photos, everything transferred counted. */
const FIRST_LOAD_BUDGET_BYTES = 60 * 1024;
const SELLER = { nik: '3510061208900003', name: 'Budi Santoso' };

describeInBrowser('the village market on a phone', () => {
  let runtime: Runtime;
  let browser: Browser;
  let citizen: ApiClient;
  let operator: ApiClient;
  let documentId: string;

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
    [citizen, operator] = await signInAll(runtime, ['warga.tampo', 'operator.tampo'] as const);
    // The seller links their NIK, has an IUMK letter issued here and lists a product (through the API: the
    // portal has no listing form yet).
    const code = await operator.post<{ code: string }>(`/v1/villages/${TAMPO}/nik-activations`, SELLER);
    await citizen.send(
      'PUT',
      '/v1/me/nik',
      JSON.stringify({ nik: SELLER.nik, activationCode: code.body.code }),
    );
    const { document } = await issueApproved(runtime.url, {
      serviceCode: 'IUMK',
      villageCode: TAMPO,
      applicantName: SELLER.name,
      data: { ...SAMPLE_APPLICATIONS.IUMK, nik: SELLER.nik, fullName: SELLER.name },
    });
    documentId = document.documentId;
    const listed = await citizen.post<{ id: string }>('/v1/market/products', {
      villageCode: TAMPO,
      businessName: 'Anyaman Pak Budi',
      name: 'Tas anyaman bambu',
      pricePerUnit: 85_000,
      unit: 'buah',
      description: 'Tas anyaman bambu hitam khas Tampo, dikerjakan tangan.',
      category: 'kerajinan',
      hamlet: 'Krajan',
      whatsapp: '0812 7777 3434',
    });
    expect(listed.status).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await runtime?.cleanup();
  });

  it('the operator checks the pending product in the console at 360 px', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${runtime.url}/console.html#/pasar`);
    await signInThroughForm(page, 'operator.tampo');
    await page.getByRole('heading', { name: 'Menunggu pemeriksaan' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Tas anyaman bambu' }).isVisible()).resolves.toBe(true);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Terbitkan: Tas anyaman bambu' }).click();
    await page.getByText('"Tas anyaman bambu" terbit di Pasar Desa.').waitFor();
    await expect(page.getByRole('heading', { name: 'Tas anyaman bambu' }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds the product by words at 360 px within 60 KB, and its verified badge opens the IUMK verification', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const transfers: Promise<number>[] = [];
    page.on('requestfinished', (request) => {
      transfers.push(request.sizes().then((sizes) => sizes.responseHeadersSize + sizes.responseBodySize));
    });
    await page.goto(`${runtime.url}/pasar.html?desa=${TAMPO}`, { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Pasar Desa');
    const total = (await Promise.all(transfers)).reduce((sum, bytes) => sum + bytes, 0);
    console.log(`market page first load: ${(total / 1024).toFixed(1)} KB in ${transfers.length} response(s)`);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);

    // A search with no match, then by words and category
    await page.getByLabel('Kata kunci').fill('kopi');
    await page.getByRole('button', { name: 'Cari produk' }).click();
    await page.getByText('Tidak ada produk yang cocok.').waitFor();
    await page.getByLabel('Kata kunci').fill('tas bambu');
    await page.getByLabel('Kategori').selectOption('kerajinan');
    await page.getByRole('button', { name: 'Cari produk' }).click();
    await page.getByRole('heading', { name: 'Tas anyaman bambu' }).waitFor();
    const order = page.getByRole('link', { name: 'Pesan lewat WhatsApp' });
    await expect(order.getAttribute('href')).resolves.toMatch(/^https:\/\/wa\.me\/6281277773434\?text=/);
    // The number shows nowhere as text
    await expect(page.locator('main').textContent()).resolves.not.toMatch(/0812|7777/);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await screenshot(page, 'market-tampo');

    await page.getByRole('link', { name: /Terverifikasi/ }).click();
    await page.waitForURL(`**/verify.html#${documentId}`);
    await page.getByText('Surat ini terdaftar dan sah.').waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('Izin Usaha Mikro');
    expect(errors).toEqual([]);
    await context.close();
  });
});
