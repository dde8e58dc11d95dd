import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_BSRE_PASSPHRASE, demoBsreSignerOf } from '../../config/demo-bsre.js';
import { findService } from '../../functions/core/catalog/index.js';
import { settled, stageOpen, submit } from '../support/chain.js';
import { TAMPO, validBusinessApplication } from '../support/fixtures.js';
import { signInAll, startTestRuntime } from '../support/runtime.js';
import {
  type Browser,
  describeInBrowser,
  expectAccessible,
  launchChromium,
  PHONE,
  screenshot,
  signInThroughForm,
  watchErrors,
} from './support.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

/**
 * Issue 14, item 3 in the console, on a phone in headless Chromium: at the signing stage of a regency that
 * signs through BSrE (the local stand-in), "Simpan keputusan" asks for the village head's NIK and passphrase;
 * a wrong passphrase is shown and cleared, the right one signs and approves, and the letter is issued.
 */
describeInBrowser('the console signs through BSrE', () => {
  let runtime: Runtime;
  let browser: Browser;
  let requestId: string;

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([
      startTestRuntime(undefined, { bsreRegencies: ['35.10'] }),
      launchChromium(),
    ]);
    const [citizen, operator, head] = await signInAll(runtime, [
      'warga.tampo',
      'operator.tampo',
      'kades.tampo',
    ]);
    const submitted = await submit(citizen, findService('SKU'), TAMPO, validBusinessApplication);
    await stageOpen(operator, submitted.id, 'verify');
    await operator.post(`/v1/requests/${submitted.id}/decisions`, { decision: 'approve' });
    await stageOpen(head, submitted.id, 'sign');
    requestId = submitted.id;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await runtime?.cleanup();
  });

  it('asks for the NIK and passphrase, refuses a wrong one, signs with the right one', async () => {
    const signer = demoBsreSignerOf('Suwebi');
    if (!signer) throw new Error('no demo signer for Suwebi');
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${runtime.url}/console.html#/r/${requestId}`);
    await signInThroughForm(page, 'kades.tampo');
    await page.getByRole('heading', { name: 'Keputusan' }).waitFor();
    await page.getByRole('button', { name: 'Simpan keputusan' }).click();

    const nik = page.getByLabel('NIK penanda tangan');
    await nik.waitFor();
    await expectAccessible(page);
    await nik.fill(signer.nik);
    await page.getByLabel('Passphrase BSrE').fill('bukan-passphrase');
    await page.getByRole('button', { name: 'Setujui dan tandatangani' }).click();
    await page
      .getByRole('alert')
      .getByText(/Passphrase anda salah/)
      .waitFor();
    expect(await page.getByLabel('Passphrase BSrE').inputValue()).toBe('');
    await screenshot(page, 'console-bsre-refused');

    await page.getByLabel('Passphrase BSrE').fill(DEMO_BSRE_PASSPHRASE);
    await page.getByRole('button', { name: 'Setujui dan tandatangani' }).click();
    await page.getByText(/Keputusan tersimpan: Disetujui/).waitFor();
    const [reader] = await signInAll(runtime, ['kades.tampo']);
    const issued = await settled(reader, requestId);
    expect(issued.status).toBe('ISSUED');
    expect(issued.document).toMatchObject({ signingService: 'bsre' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
