import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TAMPO } from '../support/fixtures.js';
import { type ApiClient, eventually, signInAll, startTestRuntime } from '../support/runtime.js';
import {
  type Browser,
  type BrowserContext,
  describeInBrowser,
  expectAccessible,
  expectNoHorizontalScroll,
  launchChromium,
  type Page,
  PHONE,
  screenshot,
  signInThroughForm,
  watchErrors,
  writeSample,
} from './support.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
interface RequestBody {
  status: string;
  stage?: { key: string; dueAt?: string; records?: { name: string }[] };
  recorded?: { stage: string; values: { name: string; value: unknown }[] }[];
  document?: { documentId: string };
}

/** A Perdes on village levies: the BPD agrees, the camat evaluates, the village head sets it, the secretary promulgates. */
const TITLE = 'Pungutan Desa atas Pemakaian Pasar Desa';
const NEWS_TITLE = 'Kerja bakti membersihkan saluran irigasi';
const BUDGET_CSV = `kode_rekening,kode_kegiatan,uraian,sumber_dana,pelaksana,anggaran
4.2.1,,Dana Desa,,,980000000
4.2.3,,Alokasi Dana Desa,,,610000000
5.1,01.01.01,,ADD,Kaur Keuangan,190000000
5.3,02.03.10,Pengaspalan jalan Dusun Krajan,DDS,Kasi Pembangunan,1400000000
`;

/**
 * The console's transparency screens in headless Chromium on a 360 px phone: the village secretary drafts a
 * Peraturan Desa from #/hukum and it goes through its chain, each decider filling in what the stage records
 * (and the village head attaching the signed text) on the task screen, until it is in the register; the
 * operator drafts news that the village head publishes from #/situs; the secretary uploads a budget CSV and
 * records realisation from #/apbdes.
 */
describeInBrowser('the staff console: legal products, village website and budget', () => {
  let runtime: Runtime;
  let browser: Browser;
  let phone: BrowserContext;
  let files: string;
  let secretaryApi: ApiClient;
  const errors: string[] = [];

  beforeAll(async () => {
    [runtime, browser, files] = await Promise.all([
      startTestRuntime(),
      launchChromium(),
      mkdtemp(join(tmpdir(), 'desa-digital-transparency-')),
    ]);
    [secretaryApi] = await signInAll(runtime, ['sekdes.tampo']);
    phone = await browser.newContext(PHONE);
  }, 180_000);
  afterAll(async () => {
    expect(errors).toEqual([]);
    await browser?.close();
    await runtime?.cleanup();
    if (files) await rm(files, { recursive: true, force: true });
  });

  /** Opens a console route signed in as `username` (signing out whoever was). */
  const openAs = async (username: string, route: string): Promise<Page> => {
    const page = await phone.newPage();
    errors.push(...watchErrors(page));
    await page.goto(`${runtime.url}/console.html#${route}`);
    const signOut = page.getByRole('button', { name: /^Keluar/ });
    await page.locator('form.sign-in').or(signOut).first().waitFor();
    if (await signOut.isVisible()) await signOut.click();
    await signInThroughForm(page, username);
    return page;
  };

  const atStage = (id: string, key: string) =>
    eventually(
      `stage ${key}`,
      async () => {
        const { body } = await secretaryApi.get<RequestBody>(`/v1/requests/${id}`);
        return body.stage?.key === key && body.stage.dueAt ? body : undefined;
      },
      60_000,
    );

  /** The decider opens the task, fills what the stage records, and approves. */
  const decide = async (username: string, id: string, fill: (page: Page) => Promise<void>) => {
    const page = await openAs(username, `/r/${id}`);
    await page.getByRole('heading', { name: 'Keputusan' }).waitFor();
    await fill(page);
    await page.getByRole('button', { name: 'Simpan keputusan' }).click();
    await page.getByText(/Keputusan tersimpan: Disetujui/).waitFor();
    await page.close();
  };

  let draftId = '';

  it('lets the village secretary draft a Peraturan Desa from #/hukum, with its text', async () => {
    // Prepare
    const page = await openAs('sekdes.tampo', '/hukum');
    await page.getByRole('heading', { name: 'Produk hukum — Tampo' }).waitFor();
    // the register already holds the demo Perdes on the 2026 budget
    await expect(page.getByRole('table').textContent()).resolves.toContain('Anggaran Pendapatan dan Belanja');
    // Act
    await page.getByLabel('Jenis produk hukum').selectOption('perdes');
    await page.getByLabel(/^Judul \(tentang/).fill(TITLE);
    await page.getByLabel(/^Pokok pengaturan/).selectOption('pungutan');
    await page.getByLabel(/^Subjek/).fill('pasar desa, pungutan');
    await page
      .getByLabel(/^Abstrak/)
      .fill('Mengatur tarif dan tata cara pungutan pemakaian los dan kios pasar desa.');
    await page.locator('#a-rancangan').setInputFiles(await writeSample(files, 'rancangan.pdf'));
    await screenshot(page, 'console-legal-draft-360');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await page.getByRole('button', { name: 'Kirim rancangan' }).click();
    // Assess: a tracking code, and the draft's page
    await expect(page.getByText(/^Rancangan tercatat dengan kode DD-/).textContent()).resolves.toBeTruthy();
    await page.getByRole('link', { name: 'Buka rancangan dan tahapannya' }).click();
    await page.waitForURL(/#\/r\//);
    draftId = decodeURIComponent(page.url().split('#/r/')[1] ?? '');
    await page.close();
    expect(draftId).toMatch(/^[0-9A-Z]{26}$/);
  }, 180_000);

  it("shows each decider the stage's records and the document to attach, and sends them with the decision", async () => {
    // Act: the BPD's agreement, recorded by the secretary; a missing value is named before anything is sent
    await atStage(draftId, 'bpd-agreement');
    const page = await openAs('sekdes.tampo', `/r/${draftId}`);
    await page.getByRole('heading', { name: 'Keputusan' }).waitFor();
    await page.getByRole('button', { name: 'Simpan keputusan' }).click();
    await expect(page.locator('#rec-bpdAgreementDate-error').textContent()).resolves.toMatch(
      /Tanggal kesepakatan BPD/,
    );
    await page.getByLabel(/^Tanggal kesepakatan BPD/).fill('2026-11-20');
    await page.getByLabel(/^Nomor berita acara kesepakatan BPD/).fill('BA/07/BPD/2026');
    await screenshot(page, 'console-task-records-360');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await page.getByRole('button', { name: 'Simpan keputusan' }).click();
    await page.getByText(/Keputusan tersimpan: Disetujui/).waitFor();
    await page.close();
    // the camat's evaluation (levies are evaluated), then the village head sets it with the signed text
    await atStage(draftId, 'district-evaluation');
    await decide('camat.cluring', draftId, async (task) => {
      await task.getByText('Data yang sudah dicatat').waitFor();
      await expect(task.getByText('BA/07/BPD/2026').isVisible()).resolves.toBe(true);
      await task.getByLabel(/^Nomor hasil evaluasi/).fill('100.3/45/429.506/2026');
      await task.getByLabel(/^Tanggal hasil evaluasi/).fill('2026-11-27');
    });
    await atStage(draftId, 'enactment');
    await decide('kades.tampo', draftId, async (task) => {
      await task.getByRole('button', { name: 'Simpan keputusan' }).click();
      await task.getByText(/wajib dilampirkan untuk menyetujui/).waitFor();
      await task
        .getByLabel(/^naskah yang ditandatangani/)
        .setInputFiles(await writeSample(files, 'naskah.pdf'));
      await expectAccessible(task);
    });
    await atStage(draftId, 'promulgation');
    await decide('sekdes.tampo', draftId, async () => {});
    // Assess: what each stage recorded is on the request, and the published Perdes is in the register
    const published = await eventually(
      'the Perdes to be published',
      async () => {
        const { body } = await secretaryApi.get<RequestBody>(`/v1/requests/${draftId}`);
        return body.stage?.key === 'bupati-report' ? body : undefined;
      },
      60_000,
    );
    const values = Object.fromEntries(
      (published.recorded ?? []).flatMap((entry) => entry.values.map((value) => [value.name, value.value])),
    );
    expect(values).toMatchObject({
      bpdAgreementDate: '2026-11-20',
      bpdAgreementNumber: 'BA/07/BPD/2026',
      evaluationNumber: '100.3/45/429.506/2026',
      evaluationDate: '2026-11-27',
    });
    const register = await openAs('kades.tampo', '/hukum');
    await register.getByRole('row', { name: new RegExp(TITLE) }).waitFor();
    await expect(register.getByRole('row', { name: new RegExp(TITLE) }).textContent()).resolves.toMatch(
      /Peraturan Desa.*Berlaku/,
    );
    await expectAccessible(register);
    await register.close();
  }, 300_000);

  it('lets the operator draft news that the village head publishes from #/situs', async () => {
    // Act: the operator drafts
    const operator = await openAs('operator.tampo', '/situs');
    await operator.getByRole('heading', { name: 'Situs desa — Tampo' }).waitFor();
    await operator.getByLabel(/^Judul/).fill(NEWS_TITLE);
    await operator
      .getByLabel(/^Isi/)
      .fill('Warga diundang kerja bakti hari Minggu pukul 07.00 di Dusun Krajan.');
    await operator.getByRole('button', { name: 'Simpan draf' }).click();
    await operator.getByRole('row', { name: new RegExp(`${NEWS_TITLE}.*Draf`) }).waitFor();
    await expectAccessible(operator);
    await expectNoHorizontalScroll(operator);
    await operator.close();
    // the village head publishes it
    const head = await openAs('kades.tampo', '/situs');
    await head.getByRole('button', { name: `Terbitkan: ${NEWS_TITLE}` }).click();
    await head.getByRole('row', { name: new RegExp(`${NEWS_TITLE}.*Terbit`) }).waitFor();
    await screenshot(head, 'console-site-360');
    await expectAccessible(head);
    await head.close();
    // Assess: it is on the village's public site
    const site = await fetch(`${runtime.url}/desa/${TAMPO}/`);
    expect(await site.text()).toContain(NEWS_TITLE);
  }, 180_000);

  it('lets the secretary upload a budget CSV and record realisation from #/apbdes', async () => {
    // Act: a draft budget for 2027 from the CSV template
    const page = await openAs('sekdes.tampo', '/apbdes/2027');
    await page.getByText('Belum ada APBDes untuk tahun 2027.').waitFor();
    await page
      .getByLabel('Berkas CSV')
      .setInputFiles(await writeSample(files, 'apbdes-2027.csv', Buffer.from(BUDGET_CSV)));
    await page.getByRole('button', { name: 'Unggah' }).click();
    // Assess: the draft's lines and summary
    await page.getByText('Pengaspalan jalan Dusun Krajan').waitFor();
    await expect(page.getByText(/APBDes · Rancangan/).isVisible()).resolves.toBe(true);
    await expect(page.locator('dl.summary').textContent()).resolves.toContain('1.590.000.000');
    await screenshot(page, 'console-budget-360');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    // Act: the adopted 2026 budget's second semester, one activity
    await page.getByLabel('Tahun anggaran').selectOption('2026');
    await page.getByRole('heading', { name: 'Realisasi per semester' }).waitFor();
    await page.getByLabel('Semester', { exact: true }).selectOption('2');
    await page.getByLabel('Realisasi 01.01.01 (Rp)').fill('1000000');
    await page.getByLabel('Kemajuan 01.01.01').selectOption('berjalan');
    await page.getByRole('button', { name: 'Simpan realisasi' }).click();
    await page.getByText('Realisasi semester 2 tersimpan.').waitFor();
    await page.close();
    const { body } = await secretaryApi.get<{ realisation: { semester: number; activities: unknown[] }[] }>(
      `/v1/villages/${TAMPO}/budgets/2026`,
    );
    expect(body.realisation.find((entry) => entry.semester === 2)?.activities).toContainEqual(
      expect.objectContaining({ activity: '01.01.01', amount: 1_000_000, progress: 'berjalan' }),
    );
  }, 180_000);
});
