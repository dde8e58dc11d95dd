import jpeg from 'jpeg-js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TAMPO } from '../support/fixtures.js';
import { issueApproved } from '../support/issue.js';
import { type ApiClient, signInAll, startTestRuntime } from '../support/runtime.js';
import { SAMPLE_APPLICATIONS } from '../support/samples.js';
import { sendPresigned } from '../support/uploads.js';
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

/** The natural width of the image named `alt`, once it has loaded (0 if it failed). */
async function loadedWidth(page: Page, alt: string): Promise<number> {
  const image = page.getByRole('img', { name: alt }).first();
  await image.scrollIntoViewIfNeeded();
  const state = () =>
    image.evaluate((element) => {
      const img = element as unknown as { complete: boolean; naturalWidth: number };
      return { complete: img.complete, naturalWidth: img.naturalWidth };
    });
  await expect.poll(async () => (await state()).complete, { timeout: 30_000 }).toBe(true);
  return (await state()).naturalWidth;
}

describeInBrowser('the village market on a phone', () => {
  let runtime: Runtime;
  let browser: Browser;
  let citizen: ApiClient;
  let operator: ApiClient;
  let documentId: string;

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
    [citizen, operator] = await signInAll(runtime, ['warga.tampo', 'operator.tampo'] as const);
    // The seller links their NIK, has an IUMK letter issued here and lists a product with a photo (through
    // the API: the portal's listing page has its own test, seller.test.ts).
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
    // A photo from the seller's phone, as the photo routes take it (ticket, upload, attach).
    const photo = new Uint8Array(
      jpeg.encode({ width: 400, height: 300, data: Buffer.alloc(400 * 300 * 4, 150) }, 85).data,
    );
    const ticket = await citizen.post<{ photoId: string; url: string; fields: Record<string, string> }>(
      `/v1/market/products/${listed.body.id}/photos`,
      { contentType: 'image/jpeg', size: photo.length },
    );
    await sendPresigned(ticket.body, photo, 'image/jpeg');
    const attached = await citizen.send(
      'PUT',
      `/v1/market/products/${listed.body.id}/photos/${ticket.body.photoId}`,
    );
    expect(attached.status).toBe(200);
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
    // The photo of a product not yet public, through its short-lived link: the operator checks it too.
    await expect(loadedWidth(page, 'Foto Tas anyaman bambu')).resolves.toBe(240);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Terbitkan: Tas anyaman bambu' }).click();
    await page.getByText('"Tas anyaman bambu" terbit di Pasar Desa.').waitFor();
    await page.getByRole('heading', { name: 'Tas anyaman bambu' }).waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds the product by words at 360 px within 60 KB, and its verified badge opens the IUMK verification', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const transfers: Promise<number>[] = [];
    const photoBytes: Promise<number>[] = [];
    page.on('requestfinished', (request) => {
      // The budget is for the page without its photos, which are lazy-loaded (issue 13, item 4).
      (request.resourceType() === 'image' ? photoBytes : transfers).push(
        request.sizes().then((sizes) => sizes.responseHeadersSize + sizes.responseBodySize),
      );
    });
    await page.goto(`${runtime.url}/pasar.html?desa=${TAMPO}`, { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Pasar Desa');
    const total = (await Promise.all(transfers)).reduce((sum, bytes) => sum + bytes, 0);
    console.log(`market page first load: ${(total / 1024).toFixed(1)} KB in ${transfers.length} response(s)`);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
    const thumbnail = page.getByRole('img', { name: 'Foto Tas anyaman bambu' });
    await expect(thumbnail.getAttribute('loading')).resolves.toBe('lazy');
    await expect(loadedWidth(page, 'Foto Tas anyaman bambu')).resolves.toBe(240);
    const photos = (await Promise.all(photoBytes)).reduce((sum, bytes) => sum + bytes, 0);
    console.log(
      `market page thumbnails: ${(photos / 1024).toFixed(1)} KB in ${photoBytes.length} response(s)`,
    );

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
