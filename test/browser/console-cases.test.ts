import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRuntime } from '../support/runtime.js';
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

/**
 * Cases to the UPT in the console (issue 13, item 2): a teacher of Tampo, whose console is the case report,
 * reports a health-access case on a phone; the UPT of Cluring sees it counted on its district's dashboard.
 */
describeInBrowser('cases to the UPT in the console', () => {
  let runtime: Runtime;
  let browser: Browser;

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await runtime?.cleanup();
  });

  it('lets a teacher report a case at 360 px, and the UPT count it on its dashboard', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${runtime.url}/console.html`);
    await signInThroughForm(page, 'guru.tampo');
    await page.getByRole('heading', { name: 'Laporkan kasus' }).waitFor();
    await page.getByLabel('Jenis kasus').selectOption('health-access');
    await page
      .getByLabel('Uraian masalah')
      .fill('Ibu hamil tua belum punya BPJS dan tidak mampu membayar persalinan.');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.getByText('Kasus dilaporkan; menunggu verifikasi desa.').waitFor();
    await screenshot(page, 'console-case-report-360');
    expect(errors).toEqual([]);
    await context.close();

    const upt = await browser.newContext(PHONE);
    const dashboard = await upt.newPage();
    const uptErrors = watchErrors(dashboard);
    await dashboard.goto(`${runtime.url}/console.html#/kasus`);
    await signInThroughForm(dashboard, 'upt.cluring');
    await dashboard.getByRole('heading', { name: 'Kasus di wilayah 35.10.06' }).waitFor();
    const row = dashboard.getByRole('row', { name: /Akses kesehatan/ });
    await expect(row.getByRole('cell').first().textContent()).resolves.toBe('1');
    await expectAccessible(dashboard);
    expect(uptErrors).toEqual([]);
    await upt.close();
  });
});
