import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TAMPO, validBusinessApplication } from '../support/fixtures.js';
import { ApiClient, eventually, signInAll, startTestRuntime } from '../support/runtime.js';
import { attachAll, requiredRequirements } from '../support/uploads.js';
import {
  type Browser,
  type BrowserContext,
  DESKTOP,
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
type RequestBody = {
  id: string;
  trackingCode: string;
  status: string;
  stage?: { key: string; dueAt?: string };
  document?: { documentId: string; sha256?: string };
};

const REQUIRED_ATTACHMENTS = ['ktp', 'kk', 'pengantar-rt'];

/**
 * The front end end to end, in headless Chromium against the local runtime: a citizen on a 360 px phone
 * applies with attachments, the operator and the village head decide in the console, the citizen downloads
 * the letter and checks it on the public verification page; a returned request is corrected and sent again.
 */
describeInBrowser('the citizen portal and the staff console', () => {
  let runtime: Runtime;
  let browser: Browser;
  let citizen: BrowserContext;
  let staff: BrowserContext;
  let files: string;
  let operatorApi: ApiClient;
  const errors: string[] = [];

  beforeAll(async () => {
    [runtime, browser, files] = await Promise.all([
      startTestRuntime(),
      launchChromium(),
      mkdtemp(join(tmpdir(), 'desa-digital-files-')),
    ]);
    [operatorApi] = await signInAll(runtime, ['operator.tampo']);
    citizen = await browser.newContext({ ...PHONE, acceptDownloads: true });
    staff = await browser.newContext(DESKTOP);
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.cleanup();
    if (files) await rm(files, { recursive: true, force: true });
  });

  const open = async (context: BrowserContext, path: string): Promise<Page> => {
    const page = await context.newPage();
    errors.push(...watchErrors(page));
    await page.goto(`${runtime.url}${path}`);
    return page;
  };

  /** Fills the generated form the way a person does: by the labels the catalog gives each field. */
  const fillApplication = async (page: Page, data: Record<string, string | number>) => {
    await page.getByLabel(/^NIK pemohon/).fill(String(data.nik));
    await page.getByLabel(/^Nama lengkap/).fill(String(data.fullName));
    await page.getByLabel(/^Tempat lahir/).fill(String(data.birthPlace));
    await page.getByLabel(/^Tanggal lahir/).fill(String(data.birthDate));
    await page.getByLabel(/^Alamat tempat tinggal/).fill(String(data.address));
    await page.getByLabel(/^Nama usaha/).fill(String(data.businessName));
    await page.getByLabel(/^Jenis usaha/).selectOption(String(data.businessType));
    await page.getByLabel(/^Alamat usaha/).fill(String(data.businessAddress));
    await page.getByLabel(/^Berdiri sejak tahun/).fill(String(data.sinceYear));
    await page.getByLabel(/^Keperluan surat/).fill(String(data.purpose));
  };

  /** Signs the console in as `username`, signing out whoever was signed in. */
  const signInToConsole = async (page: Page, username: string) => {
    const signOut = page.getByRole('button', { name: /^Keluar/ });
    await page.locator('form.sign-in').or(signOut).first().waitFor();
    if (await signOut.isVisible()) await signOut.click();
    await signInThroughForm(page, username);
  };

  const attachRequired = async (page: Page) => {
    for (const code of REQUIRED_ATTACHMENTS) {
      await page.locator(`#a-${code}`).setInputFiles(await writeSample(files, `${code}.pdf`));
    }
  };

  let requestId = '';
  let trackingCode = '';
  let counterCode = '';

  it('shows the catalog on a 360 px phone, in Indonesian first and in English on request', async () => {
    // Prepare
    const page = await open(citizen, '/');
    // Act
    await Promise.all([
      page.waitForResponse((response) => response.url().includes(`/v1/services?village=${TAMPO}`)),
      page.getByLabel('Desa Anda').selectOption(TAMPO),
    ]);
    await page.getByText('Surat Keterangan Usaha', { exact: true }).click();
    // Assess
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('id');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Layanan surat desa');
    await expect(page.getByText('Fotokopi KTP pemohon').first().isVisible()).resolves.toBe(true);
    await expect(
      page
        .getByText(/Target selesai: 24 jam/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, 'portal-catalog-360');
    await expectNoHorizontalScroll(page);
    await page.getByLabel('Cari layanan').fill('usaha');
    await expect.poll(() => page.locator('details.service').count()).toBeLessThan(5);
    await expect(page.getByText('Surat Keterangan Usaha', { exact: true }).isVisible()).resolves.toBe(true);
    await page.getByLabel('Cari layanan').fill('');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Village letters');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'portal-catalog-360-en');
    await page.getByRole('button', { name: 'Ganti ke Bahasa Indonesia' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('id');
    await page.close();
  });

  it('finds services by the words citizens use, still grouped by kind', async () => {
    // Prepare
    const page = await open(citizen, '/');
    // (the village may already be chosen on this device: the list then comes without a new request)
    await page.getByLabel('Desa Anda').selectOption(TAMPO);
    const listed = () => page.locator('details.service .name').allTextContents();
    const search = page.getByLabel('Cari layanan');
    for (const [query, expected] of [
      ['hilang', 'Surat Pengantar Laporan Kehilangan'],
      ['tanah', 'Surat Keterangan Riwayat dan Kepemilikan Tanah'],
      ['beasiswa', 'Surat Keterangan Penghasilan Orang Tua'],
      ['nikah', 'Surat Pengantar Nikah'],
    ] as const) {
      // Act
      await search.fill(query);
      // Assess: the service is listed, the list is short, and still under its group's heading
      await expect.poll(listed).toContain(expected);
      expect((await listed()).length, query).toBeLessThan(8);
      await expect(page.locator('section.family h2').count()).resolves.toBeGreaterThan(0);
    }
    await search.fill('tanah');
    await expect.poll(listed).toContain('Surat Keterangan Harga Tanah');
    await screenshot(page, 'portal-search-tanah-360');
    await search.fill('');
    await expect.poll(async () => (await listed()).length).toBeGreaterThanOrEqual(36);
    await page.close();
  });

  it('validates the generated form with the API’s own messages', async () => {
    // Prepare: the form needs a signed-in citizen
    const page = await open(citizen, '/#/ajukan/SKU');
    await signInThroughForm(page, 'warga.tampo');
    await page.getByLabel(/^NIK pemohon/).waitFor();
    const badNik = '3510061313900003';
    // Act: send it empty but for a NIK whose birth-date part is not a date
    await page.getByLabel(/^NIK pemohon/).fill(badNik);
    await page.getByRole('button', { name: 'Kirim permohonan' }).click();
    // Assess: the browser shows exactly what the API says for the same data
    const api = await ApiClient.signIn(runtime, 'warga.tampo');
    const refused = await api.post<{ error: { issues: { field: string; message: { id: string } }[] } }>(
      '/v1/requests',
      { serviceCode: 'SKU', villageCode: TAMPO, data: { nik: badNik } },
    );
    expect(refused.status).toBe(400);
    const apiMessages = refused.body.error.issues.map((issue) => issue.message.id);
    const summary = page.locator('.error-summary');
    await expect(summary.isVisible()).resolves.toBe(true);
    const shown = await summary.locator('li').allTextContents();
    expect(shown.slice(0, apiMessages.length)).toEqual(apiMessages);
    await expect(page.locator('#f-nik-error').textContent()).resolves.toBe(
      refused.body.error.issues.find((issue) => issue.field === 'data.nik')?.message.id,
    );
    expect(shown).toContain('Fotokopi KTP pemohon: wajib dilampirkan');
    await screenshot(page, 'portal-form-errors-360');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await page.close();
  });

  it('keeps a draft on the device and submits the application with its attachments', async () => {
    // Prepare: part of the form is typed, then the page is closed (a dropped connection, a flat battery)
    const first = await open(citizen, '/#/ajukan/SKU');
    await first.getByLabel('Desa Anda').selectOption(TAMPO);
    await first.getByLabel(/^Nama lengkap/).fill('Budi Santoso');
    await expect.poll(() => first.getByText('Draf tersimpan di perangkat ini.').count()).toBe(1);
    await first.close();
    // Act: come back, finish, attach, send
    const page = await open(citizen, '/#/ajukan/SKU');
    await expect(page.getByLabel(/^Nama lengkap/).inputValue()).resolves.toBe('Budi Santoso');
    await expect(page.getByText(/Draf dari perangkat ini dipulihkan/).count()).resolves.toBe(1);
    await fillApplication(page, validBusinessApplication);
    await attachRequired(page);
    await page.getByLabel(/^Nomor HP untuk kabar/).fill('0812-3456-7890');
    await screenshot(page, 'portal-form-filled-360');
    await page.getByRole('button', { name: 'Kirim permohonan' }).click();
    // Assess: the tracking page shows the code and where the request is
    await page.waitForURL(/#\/permohonan\//);
    await expect(page.getByText(/Permohonan terkirim\. Kode lacak Anda: DD-/).isVisible()).resolves.toBe(
      true,
    );
    requestId = decodeURIComponent(page.url().split('#/permohonan/')[1] ?? '');
    trackingCode = (await page.locator('dd.code').textContent()) ?? '';
    expect(trackingCode).toMatch(/^DD-/);
    const stored = await operatorApi.get<
      RequestBody & { attachments: { requirementCode: string }[]; contact?: { phone?: string } }
    >(`/v1/requests/${requestId}`);
    expect(stored.body.contact?.phone).toBe('081234567890');
    expect(stored.body.attachments.map((attachment) => attachment.requirementCode).sort()).toEqual(
      [...REQUIRED_ATTACHMENTS].sort(),
    );
    await screenshot(page, 'portal-tracking-submitted-360');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    // Nothing is left waiting on the device: a later visit sends nothing again
    await page.goto(`${runtime.url}/#/saya`);
    await page.getByRole('heading', { name: 'Permohonan saya' }).waitFor();
    await expect(page.getByText('Menunggu koneksi (tersimpan di perangkat ini)').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Surat Keterangan Usaha' }).count()).resolves.toBe(1);
    await page.close();
  });

  it('lets the operator and then the village head approve it in the console', async () => {
    await eventually('the operator stage to open', async () => {
      const { body } = await operatorApi.get<RequestBody>(`/v1/requests/${requestId}`);
      return body.stage?.key === 'verify' && body.stage.dueAt ? body : undefined;
    });
    // Act: the operator finds it in the inbox, reads it, approves
    const page = await open(staff, '/console.html');
    await signInThroughForm(page, 'operator.tampo');
    const row = page.getByRole('link', { name: trackingCode });
    await row.first().waitFor();
    await screenshot(page, 'console-inbox');
    await expectAccessible(page);
    await row.first().click();
    await page.getByRole('heading', { name: 'Keputusan' }).waitFor();
    await expect(page.getByText('Warung Kopi Osing').first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: 'Lampiran' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'console-request');
    await expectAccessible(page);
    await page.getByLabel('Catatan / alasan').fill('Berkas lengkap');
    await page.getByRole('button', { name: 'Simpan keputusan' }).click();
    await page.getByText(/Keputusan tersimpan: Disetujui/).waitFor();

    // Act: the village head signs
    await eventually('the signing stage to open', async () => {
      const { body } = await operatorApi.get<RequestBody>(`/v1/requests/${requestId}`);
      return body.stage?.key === 'sign' && body.stage.dueAt ? body : undefined;
    });
    await signInToConsole(page, 'kades.tampo');
    await page.getByRole('link', { name: trackingCode }).first().click();
    await page.getByRole('button', { name: 'Simpan keputusan' }).click();
    await page.getByText(/Keputusan tersimpan: Disetujui/).waitFor();

    // Assess: the dashboard counts it
    await eventually('the letter to be issued', async () => {
      const { body } = await operatorApi.get<RequestBody>(`/v1/requests/${requestId}`);
      return body.status === 'ISSUED' ? body : undefined;
    });
    await page.getByRole('link', { name: 'Dasbor' }).click();
    await page.getByRole('heading', { name: /^Dasbor/ }).waitFor();
    await expect(
      page
        .getByRole('row', { name: /Surat Keterangan Usaha/ })
        .first()
        .textContent(),
    ).resolves.toMatch(/1/);
    await screenshot(page, 'console-dashboard');
    await expectAccessible(page);
    await page.close();
  });

  it('lets the operator submit at the counter for a citizen who came in person', async () => {
    // Prepare
    const page = await open(staff, '/console.html#/loket');
    await signInToConsole(page, 'operator.tampo');
    await page.getByRole('link', { name: 'Loket' }).click();
    await page.getByLabel('Layanan', { exact: true }).selectOption('SKU');
    // Act
    await fillApplication(page, {
      ...validBusinessApplication,
      fullName: 'Siti Aminah',
      nik: '3510065208900004',
    });
    await attachRequired(page);
    // the citizen's consent (UU 27/2022): given verbally, so a witness is needed
    await page.getByLabel(/^Cara persetujuan/).selectOption('verbal-witnessed');
    await screenshot(page, 'console-counter');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Kirim permohonan' }).click();
    await page.getByText('Nama saksi: wajib untuk persetujuan lisan').waitFor();
    await page.getByLabel(/^Nama saksi/).fill('Pak RT Krajan');
    await page.getByRole('button', { name: 'Kirim permohonan' }).click();
    // Assess: a tracking code to hand over, and the request waiting at the operator's stage
    await page.getByText('Permohonan tercatat. Berikan kode lacak ini kepada warga:').waitFor();
    const code = await page.locator('.code.big').textContent();
    expect(code).toMatch(/^DD-/);
    counterCode = code ?? '';
    await page.getByRole('link', { name: 'Buka permohonan' }).click();
    await page.getByRole('heading', { name: new RegExp(code ?? '') }).waitFor();
    await expect(page.getByText('Siti Aminah').first().isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('lets anyone follow the counter submission with its code and the last 6 NIK digits, no account needed', async () => {
    // Prepare: a phone that is not signed in
    const anonymous = await browser.newContext(PHONE);
    const page = await anonymous.newPage();
    errors.push(...watchErrors(page));
    await page.goto(`${runtime.url}/#/lacak`);
    await page.getByRole('heading', { name: 'Lacak permohonan' }).waitFor();
    // Act: wrong digits first, then the right ones
    await page.getByLabel('Kode lacak').fill(counterCode.toLowerCase());
    await page.getByLabel('6 digit terakhir NIK pemohon').fill('123456');
    await page.getByRole('button', { name: 'Lacak', exact: true }).click();
    await page.getByText(/tidak cocok dengan permohonan mana pun/).waitFor();
    await page.getByLabel('6 digit terakhir NIK pemohon').fill('900004');
    await page.getByRole('button', { name: 'Lacak', exact: true }).click();
    // Assess: where it is, and nothing about the person
    await page.getByRole('heading', { name: 'Surat Keterangan Usaha' }).waitFor();
    await expect(page.getByText(counterCode).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('Tampo').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('Siti Aminah').count()).resolves.toBe(0);
    await screenshot(page, 'portal-lookup-360');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await anonymous.close();
  });

  it('lets the operator issue a NIK activation code in the console, with which the citizen links their NIK in the portal and sees their counter request', async () => {
    // Prepare: a counter submission for Sri Wahyuningsih of Tampo (in the population register)
    const sri = { nik: '3510066104930001', name: 'Sri Wahyuningsih' };
    const submitted = await operatorApi.post<RequestBody>('/v1/requests', {
      serviceCode: 'SKU',
      villageCode: TAMPO,
      data: { ...validBusinessApplication, nik: sri.nik, fullName: sri.name, birthDate: '1993-04-21' },
      attachments: await attachAll(operatorApi, 'SKU', requiredRequirements('SKU')),
      citizen: { name: sri.name },
      consent: { method: 'signed-form', recordedAt: new Date().toISOString() },
    });
    expect(submitted.status).toBe(201);
    // Act 1: the operator issues the code at the counter ("Aktivasi NIK") and gets the slip
    const console_ = await open(staff, '/console.html#/nik');
    await signInToConsole(console_, 'operator.tampo');
    await console_.getByRole('link', { name: 'Aktivasi NIK' }).click();
    await console_.getByLabel('NIK', { exact: true }).first().fill(sri.nik);
    await console_.getByLabel('Nama sesuai KTP').fill('Sri Wahyuningsih');
    await console_.getByLabel(/^Nomor HP warga/).fill('081298765432');
    await console_.getByRole('button', { name: 'Terbitkan kode' }).click();
    await console_.getByRole('heading', { name: 'Kode Aktivasi NIK — Desa Digital' }).waitFor();
    const code = (await console_.locator('#nik-activation-code').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await expect(console_.getByText(sri.nik).count()).resolves.toBe(0); // the slip shows the NIK masked
    await expect(console_.getByRole('button', { name: 'Cetak slip' }).isVisible()).resolves.toBe(true);
    await screenshot(console_, 'console-nik-activation');
    await expectAccessible(console_);
    await console_.close();
    // Act 2: the citizen, on their phone, types the NIK and the code from the slip (a wrong one first)
    const phone = await browser.newContext(PHONE);
    const page = await phone.newPage();
    errors.push(...watchErrors(page));
    await page.goto(`${runtime.url}/#/saya`);
    await signInThroughForm(page, 'warga.sawoo');
    await page.getByRole('heading', { name: 'Hubungkan NIK' }).waitFor();
    await expect(page.getByText(/kantor desa: datang membawa KTP/).isVisible()).resolves.toBe(true);
    await expect(page.getByText(submitted.body.trackingCode).count()).resolves.toBe(0);
    await page.getByLabel('NIK', { exact: true }).fill(sri.nik);
    await page.getByLabel('Kode aktivasi').fill('ABCDE-FGHJK');
    await page.getByRole('button', { name: 'Hubungkan', exact: true }).click();
    await page.getByText(/NIK atau kode aktivasi tidak cocok/).waitFor();
    await page.getByLabel('Kode aktivasi').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Hubungkan', exact: true }).click();
    // Assess: linked (masked), and the counter request is theirs to follow
    await page.getByText(/NIK terhubung: 351006\*+ \(Sri Wahyuningsih\)/).waitFor();
    await page.getByText(submitted.body.trackingCode).waitFor();
    await screenshot(page, 'portal-link-nik-360');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await phone.close();
  });

  it('lets the citizen download the letter and check it on the public verification page', async () => {
    // Prepare
    const page = await open(citizen, `/#/permohonan/${requestId}`);
    await page.getByRole('heading', { name: 'Surat sudah terbit' }).waitFor();
    await screenshot(page, 'portal-tracking-issued-360');
    // Act: download through the short-lived link
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh surat (PDF)' }).click(),
    ]);
    const pdf = join(files, 'surat.pdf');
    await download.saveAs(pdf);
    const bytes = await readFile(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Act: open the verification page (what the QR code opens) and drop the file on it
    await page.getByRole('link', { name: 'Cek keaslian surat ini' }).click();
    await page.getByRole('heading', { name: 'Surat ini terdaftar dan sah.' }).waitFor();
    await page.locator('#pdf-file').setInputFiles(pdf);
    // Assess: the hash computed in the browser matches the recorded one
    await page.locator('[data-outcome="match"]').waitFor();
    expect(await page.locator('#recorded-hash').textContent()).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
    await screenshot(page, 'verify-match-360');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    // A changed file does not match
    const altered = Buffer.concat([bytes, Buffer.from('\n% altered\n')]);
    await page
      .locator('#pdf-file')
      .setInputFiles({ name: 'altered.pdf', mimeType: 'application/pdf', buffer: altered });
    await page.locator('[data-outcome="mismatch"]').waitFor();
    await screenshot(page, 'verify-mismatch-360');
    // Without the QR code: the file itself is sent and recognised by the API
    await page.goto(`${runtime.url}/verify.html`);
    await page.locator('#upload-file').setInputFiles(pdf);
    await page.locator('#upload-result [data-outcome="valid"]').waitFor();
    // The file's own signature, side by side with the fingerprint check: valid, and who signed it
    expect(await page.locator('#embedded-signature').textContent()).toMatch(/SAH, oleh \S+/);
    await page
      .locator('#upload-file')
      .setInputFiles({ name: 'altered.pdf', mimeType: 'application/pdf', buffer: altered });
    await expect
      .poll(() => page.locator('#upload-result [data-outcome]').getAttribute('data-outcome'))
      .toMatch(/^(tampered|unknown)$/);
    // Appended after signing: the signature still holds over what was signed, and the page says more was added
    expect(await page.locator('#embedded-signature').textContent()).toContain('setelah ditandatangani');
    await screenshot(page, 'verify-upload-360');
    await expectAccessible(page);
    await page.close();
  });

  it('lets the citizen correct a returned request and send it again', async () => {
    // Prepare: another application, which the operator returns with a reason
    const page = await open(citizen, '/#/ajukan/SKU');
    await page.getByLabel('Desa Anda').selectOption(TAMPO);
    await fillApplication(page, { ...validBusinessApplication, businessName: 'Warung Kopi' });
    await attachRequired(page);
    await page.getByRole('button', { name: 'Kirim permohonan' }).click();
    await page.waitForURL(/#\/permohonan\//);
    const id = decodeURIComponent(page.url().split('#/permohonan/')[1] ?? '');
    await eventually('the operator stage to open', async () => {
      const { body } = await operatorApi.get<RequestBody>(`/v1/requests/${id}`);
      return body.stage?.key === 'verify' && body.stage.dueAt ? body : undefined;
    });
    const console_ = await open(staff, `/console.html#/r/${id}`);
    await signInToConsole(console_, 'operator.tampo');
    await console_.getByLabel('Kembalikan ke pemohon untuk diperbaiki').check();
    await console_.getByRole('button', { name: 'Simpan keputusan' }).click();
    await expect(console_.locator('#decision-note-error').textContent()).resolves.toMatch(/wajib diisi/);
    await console_
      .getByLabel('Catatan / alasan')
      .fill('Nama usaha harus sesuai papan nama: Warung Kopi Osing');
    await console_.getByRole('button', { name: 'Simpan keputusan' }).click();
    await console_.getByText(/Keputusan tersimpan: Dikembalikan/).waitFor();
    await console_.close();

    // Act: the citizen sees the reason, corrects the field and sends it again
    await page.reload();
    await page.getByRole('heading', { name: 'Permohonan dikembalikan untuk diperbaiki' }).waitFor();
    await expect(page.locator('.reason').textContent()).resolves.toContain('papan nama');
    await screenshot(page, 'portal-returned-360');
    await expectAccessible(page);
    const returned = page.locator('section.notice.warn');
    await returned.getByLabel(/^Nama usaha/).fill('Warung Kopi Osing');
    await returned.getByRole('button', { name: 'Perbaiki dan kirim ulang' }).click();

    // Assess: back in review at the stage that returned it, with the corrected data
    const resumed = await eventually('the request to be back in review', async () => {
      const { body } = await operatorApi.get<RequestBody & { data: { businessName: string } }>(
        `/v1/requests/${id}`,
      );
      return body.status === 'IN_REVIEW' && body.stage?.key === 'verify' ? body : undefined;
    });
    expect(resumed.data.businessName).toBe('Warung Kopi Osing');
    await page.getByText('Perbaikan terkirim; permohonan kembali diproses.').waitFor();
    await page.close();
  });

  it('keeps a form sent while offline on the device and sends it once when the connection returns', async () => {
    // Prepare: the page is loaded, then the connection drops
    const page = await open(citizen, '/#/ajukan/SKU');
    await page.getByLabel('Desa Anda').selectOption(TAMPO);
    await fillApplication(page, { ...validBusinessApplication, purpose: 'Dikirim saat luring' });
    await attachRequired(page);
    const api = await ApiClient.signIn(runtime, 'warga.tampo');
    const before = (await api.get<{ items: unknown[] }>('/v1/me/requests?limit=100')).body.items.length;
    await citizen.setOffline(true);
    // Act
    await page.getByRole('button', { name: 'Kirim permohonan' }).click();
    await page.waitForURL(/#\/saya$/);
    await page.getByText('Menunggu koneksi (tersimpan di perangkat ini)').waitFor();
    await screenshot(page, 'portal-offline-queued-360');
    await citizen.setOffline(false);
    // Assess: sent when the connection returns, exactly once
    await page.getByText(/1 permohonan yang tertunda sudah terkirim/).waitFor({ timeout: 20_000 });
    const after = await eventually('the queued request to arrive', async () => {
      const { body } = await api.get<{ items: { data: { purpose: string } }[] }>('/v1/me/requests?limit=100');
      return body.items.length > before ? body.items : undefined;
    });
    expect(after).toHaveLength(before + 1);
    expect(after.filter((item) => item.data.purpose === 'Dikirim saat luring')).toHaveLength(1);
    await page.close();
  });

  it('raised no script errors on any page', () => {
    expect(errors).toEqual([]);
  });
});
