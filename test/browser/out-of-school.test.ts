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
 * Garda Ampuh's list in the console (issue 13, item 3): Sawoo's enumerator finds Aditya Wijaya on the
 * village's out-of-school list by his family card, reports his school-dropout case from his card on a phone,
 * and the card then shows the case; the district's UPT opens it from the list.
 */
describeInBrowser('children out of school in the console', () => {
  let runtime: Runtime;
  let browser: Browser;

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await runtime?.cleanup();
  });

  it("lets an enumerator open a child's case from the list at 360 px", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${runtime.url}/console.html`);
    await signInThroughForm(page, 'enumerator.sawoo');
    await page.getByRole('link', { name: 'Anak putus sekolah' }).click();
    await page.getByRole('heading', { name: /^Anak putus sekolah/ }).waitFor();
    const aditya = page.getByRole('listitem').filter({ hasText: 'Aditya Wijaya' });
    await expect(aditya.getByText('Tercatat dari: kartu keluarga').count()).resolves.toBe(1);
    // Only the NIK's last four digits are shown, and never in the address.
    await expect(page.getByText('3502051402100001').count()).resolves.toBe(0);
    await expect(aditya.getByText(/••••0001/).count()).resolves.toBe(1);

    await aditya.getByText('Laporkan kasus putus sekolah').click();
    await aditya.getByLabel('Alasan putus sekolah').selectOption('bekerja');
    await aditya
      .getByLabel('Uraian masalah')
      .fill('Ikut bapaknya ke sawah sejak semester lalu, tidak masuk sekolah.');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await aditya.getByRole('button', { name: 'Kirim laporan' }).click();

    await page.getByText('Kasus dilaporkan; menunggu verifikasi desa.').waitFor();
    const reported = page.getByRole('listitem').filter({ hasText: 'Aditya Wijaya' });
    await reported.getByText(/^Kasus dilaporkan \d/).waitFor();
    await expect(reported.getByText('Laporkan kasus putus sekolah').count()).resolves.toBe(0);
    await expect(
      page
        .getByRole('row', { name: /^\d{4} / })
        .getByRole('cell')
        .first()
        .textContent(),
    ).resolves.toBe('1');
    expect(page.url()).not.toContain('3502051402100001');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await screenshot(page, 'console-out-of-school-360');
    expect(errors).toEqual([]);
    await context.close();

    // The district's UPT picks Sawoo among its villages and follows the link to the case.
    const upt = await browser.newContext(PHONE);
    const list = await upt.newPage();
    const uptErrors = watchErrors(list);
    await list.goto(`${runtime.url}/console.html#/putus-sekolah`);
    await signInThroughForm(list, 'upt.sawoo');
    await list.getByLabel('Desa').selectOption({ label: 'Sawoo' });
    await list.getByRole('heading', { name: 'Anak putus sekolah — Sawoo' }).waitFor();
    const followed = list.getByRole('listitem').filter({ hasText: 'Aditya Wijaya' });
    await followed.getByRole('link', { name: 'Buka kasus' }).click();
    // The case's own name, though the public catalog does not list the office's services.
    await list.getByRole('heading', { name: /^Kasus anak putus sekolah · DD-/ }).waitFor();
    await expectAccessible(list);
    expect(uptErrors).toEqual([]);
    await upt.close();
  });
});
