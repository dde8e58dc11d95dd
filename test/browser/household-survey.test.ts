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
type Survey = { id: string; hamlet?: string; members: { name: string }[] };

const KK = '3510061002160001';
const NIK = '3510061402620001';

/**
 * The enumerator's offline survey (issue 13): on a phone without a connection the form queues the survey on
 * the device and shows it waiting; when the connection returns it is sent, and even when the first answer
 * is lost on the way back and the survey is sent again, the server holds it once.
 */
describeInBrowser('the household survey form offline', () => {
  let runtime: Runtime;
  let browser: Browser;
  let enumerator: ApiClient;

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
    [enumerator] = await signInAll(runtime, ['enumerator.tampo'] as const);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await runtime?.cleanup();
  });

  const surveys = async () =>
    (await enumerator.get<{ items: Survey[] }>(`/v1/villages/${TAMPO}/household-surveys`)).body.items;

  it('queues a survey taken offline and sends it once when the connection returns', async () => {
    // Prepare: the enumerator opens the console while connected, then loses the signal.
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${runtime.url}/console.html`);
    await signInThroughForm(page, 'enumerator.tampo');
    await page.getByRole('heading', { name: /^Survei rumah tangga/ }).waitFor();
    await expectAccessible(page);
    await context.setOffline(true);

    // Act: the survey, filled in by its labels
    await page.getByLabel('Nomor KK (16 angka)').fill(KK);
    await page.getByLabel('Dusun').fill('Krajan');
    await page.getByLabel('Luas lantai rumah (m²)').fill('21');
    await page.getByLabel('Jenis lantai terluas').selectOption('tanah');
    await page.getByLabel('Jenis dinding terluas').selectOption('bambu-rumbia');
    await page.getByLabel('Fasilitas buang air besar').selectOption('bersama');
    await page.getByLabel('Sumber penerangan').selectOption('listrik-non-pln');
    await page.getByLabel('Sumber air minum').selectOption('sumur-mata-air-tak-terlindung');
    await page.getByLabel('Bahan bakar memasak').selectOption('kayu-arang');
    await page.getByLabel('Makan daging/susu/ayam (kali per minggu)').fill('0');
    await page.getByLabel('Makan per hari (kali)').fill('2');
    await page.getByLabel('Membeli pakaian baru (stel per tahun)').fill('1');
    await page.getByLabel('Sumber penghasilan kepala rumah tangga').selectOption('buruh-tani');
    await page.getByLabel('Penghasilan kepala rumah tangga per bulan (Rp)').fill('450000');
    await page.getByLabel('Pendidikan tertinggi kepala rumah tangga').selectOption('tidak-tamat-sd');
    await page.getByLabel('Menerima BPNT (sembako)').check();
    await page.getByLabel('Menerima BLT Dana Desa').check();
    await page.getByLabel('Nama', { exact: true }).fill('Misnadi');
    await page.getByLabel(/^NIK/).fill(NIK);
    await page.getByLabel('Tanggal lahir').fill('1962-02-14');
    await page.getByLabel('Partisipasi sekolah').selectOption('tidak-sekolah-lagi');
    await page.getByRole('button', { name: 'Simpan survei' }).click();

    // Assess: waiting on the device, named by head and hamlet only; nothing reached the server
    const waiting = page.locator('#survey-waiting');
    await waiting.getByRole('heading', { name: 'Menunggu dikirim (1)' }).waitFor();
    await expect(waiting.textContent()).resolves.toMatch(/Misnadi · Krajan.*menunggu sambungan/);
    expect(await waiting.textContent()).not.toContain(KK);
    await screenshot(page, 'console-survey-offline-360');
    await expectNoHorizontalScroll(page);
    expect(await surveys()).toEqual([]);

    // Act: the connection returns, but the first answer is lost on its way back (the server has the survey)
    let attempts = 0;
    await page.route('**/household-surveys', async (route) => {
      attempts += 1;
      if (attempts > 1) return route.continue();
      await route.fetch();
      return route.abort('connectionreset');
    });
    await context.setOffline(false);
    await expect.poll(() => attempts, { timeout: 20_000 }).toBe(1);
    await waiting.getByRole('heading', { name: 'Menunggu dikirim (1)' }).waitFor();
    const replay = page.waitForResponse((response) => response.url().includes('/household-surveys'));
    await waiting.getByRole('button', { name: 'Kirim sekarang' }).click();

    // Assess: the resend is answered as the first; the device forgets it; the server holds one survey
    expect((await replay).headers()['idempotent-replayed']).toBe('true');
    await expect.poll(() => waiting.textContent()).toBe('');
    await page.reload();
    await page.getByRole('heading', { name: /^Survei rumah tangga/ }).waitFor();
    const stored = await surveys();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ hamlet: 'Krajan', members: [{ name: 'Misnadi' }] });
    // The outbox (IndexedDB) holds nothing more: the KK and NIK left the device with the survey.
    const left = await page.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('desa-digital', 1);
      open.onsuccess = () => {
        const count = open.result.transaction('outbox').objectStore('outbox').count();
        count.onsuccess = () => resolve(count.result);
        count.onerror = () => reject(count.error);
      };
      open.onerror = () => reject(open.error);
    })`);
    expect(left).toBe(0);
    expect(
      errors.filter((error) => !/ERR_(INTERNET_DISCONNECTED|CONNECTION_RESET)|Failed to fetch/.test(error)),
    ).toEqual([]);
    await context.close();
  }, 180_000);
});
