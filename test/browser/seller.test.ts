import jpeg from 'jpeg-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TAMPO } from '../support/fixtures.js';
import { type ApiClient, signInAll, startTestRuntime } from '../support/runtime.js';
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

const SELLER = { nik: '3510061208900003', name: 'Budi Santoso' };

describeInBrowser("the citizen's market listing page on a phone", () => {
  let runtime: Runtime;
  let browser: Browser;
  let citizen: ApiClient;
  let operator: ApiClient;

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
    [citizen, operator] = await signInAll(runtime, ['warga.tampo', 'operator.tampo'] as const);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await runtime?.cleanup();
  });

  it('lists a product at 360 px, shows a bad price next to its field, and adds a photo from the phone', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${runtime.url}/#/jual`);
    await signInThroughForm(page, 'warga.tampo');

    // Without a linked NIK: told why, and pointed to the page that links it
    const notice = page.locator('#sell-no-nik');
    await notice.waitFor();
    await expect(notice.getByRole('link', { name: 'Hubungkan NIK' }).getAttribute('href')).resolves.toBe(
      '#/saya',
    );
    await expect(page.getByLabel('Nama produk').count()).resolves.toBe(0);

    // The office gives the activation code; the citizen links their NIK (as test/browser/market.test.ts)
    const code = await operator.post<{ code: string }>(`/v1/villages/${TAMPO}/nik-activations`, SELLER);
    const linked = await citizen.send(
      'PUT',
      '/v1/me/nik',
      JSON.stringify({ nik: SELLER.nik, activationCode: code.body.code }),
    );
    expect(linked.status).toBe(200);
    await page.reload();

    await page.getByLabel('Desa tempat usaha').selectOption(TAMPO);
    await page.getByLabel('Nama usaha').fill('Keripik Bu Siti');
    await page.getByLabel('Nama produk').fill('Keripik pisang');
    await page.getByLabel('Harga per satuan (Rp)').fill('-1');
    await page.getByLabel('Satuan', { exact: true }).fill('bungkus');
    await page.getByLabel('Keterangan').fill('Keripik pisang kepok tanpa pengawet.');
    await page.getByLabel('Kategori').selectOption('makanan-minuman');
    await page.getByLabel('Dusun').fill('Krajan');
    await page.getByLabel('Nomor WhatsApp').fill('0812 3456 7890');
    await page.getByRole('button', { name: 'Daftarkan produk' }).click();

    // The API's 400 lands next to the price, and nothing was listed
    const priceError = page.locator('#sell-price-error');
    await priceError.waitFor();
    await expect(priceError.textContent()).resolves.toBe('harga dalam rupiah utuh, lebih dari 0');
    await expect(page.getByLabel('Harga per satuan (Rp)').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page);

    await page.getByLabel('Harga per satuan (Rp)').fill('15000');
    await page.getByRole('button', { name: 'Daftarkan produk' }).click();
    const card = page.locator('li.card', { has: page.getByRole('heading', { name: 'Keripik pisang' }) });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('Status: menunggu pemeriksaan');
    await expect(card.textContent()).resolves.toContain('Rp15.000 / bungkus');
    await expect(priceError.isHidden()).resolves.toBe(true);

    // A file that only claims to be a photo: the API's 400, in Indonesian, under the picker; nothing attached
    await card
      .getByLabel('Tambah foto (0/3)')
      .setInputFiles({ name: 'bukan-foto.png', mimeType: 'image/png', buffer: Buffer.from('bukan foto') });
    await card
      .getByText('bukan foto JPEG, PNG atau WebP yang dapat dibaca.', { exact: true })
      .waitFor({ timeout: 60_000 });

    // A photo from the phone: ticket, presigned upload, attached; its thumbnail shows
    const photo = Buffer.from(
      jpeg.encode({ width: 400, height: 300, data: Buffer.alloc(400 * 300 * 4, 170) }, 85).data,
    );
    await card
      .getByLabel('Tambah foto (0/3)')
      .setInputFiles({ name: 'keripik.jpg', mimeType: 'image/jpeg', buffer: photo });
    await card.getByText('Foto ditambahkan (1/3).').waitFor({ timeout: 60_000 });
    const thumbnail = card.getByRole('img', { name: 'Foto Keripik pisang' });
    await expect
      .poll(() => thumbnail.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(400);
    await expect(card.getByLabel('Tambah foto (1/3)').count()).resolves.toBe(1);

    // The operator's check queue has it, with the photo the platform re-encoded
    const queue = await operator.get<{ items: { name: string; photos: unknown[] }[] }>(
      `/v1/villages/${TAMPO}/market-products?status=pending`,
    );
    expect(queue.body.items.map((item) => [item.name, item.photos.length])).toEqual([['Keripik pisang', 1]]);

    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await screenshot(page, 'seller-listed');

    // From the portal's home, the seller finds the page again, with what they listed this session
    await page.getByRole('link', { name: 'Desa Digital' }).click();
    await page.getByRole('link', { name: /Jual produk Anda di Pasar Desa/ }).click();
    await card.waitFor();
    await expect(card.getByRole('img', { name: 'Foto Keripik pisang' }).count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
