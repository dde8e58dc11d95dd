import { afterAll, beforeAll, expect, it } from 'vitest';
import { TAMPO } from '../support/fixtures.js';
import { startTestRuntime } from '../support/runtime.js';
import {
  type Browser,
  type BrowserContext,
  describeInBrowser,
  launchChromium,
  type Page,
  PHONE,
  signInThroughForm,
  watchErrors,
} from './support.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

const NIK_A = '3510061507900001';
const NAME_A = 'Budi Santoso Draf';

/**
 * One browser shared by two citizens (a family phone, the village office's computer): a half-filled form
 * holds a NIK, so a draft belongs to the account that typed it, never pre-fills another account's form, and
 * is gone once its account signs out.
 */
describeInBrowser('form drafts per account', () => {
  let runtime: Runtime;
  let browser: Browser;
  let device: BrowserContext;
  const errors: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
    device = await browser.newContext(PHONE);
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.cleanup();
  });

  const openForm = async (username: string): Promise<Page> => {
    const page = await device.newPage();
    errors.push(...watchErrors(page));
    await page.goto(`${runtime.url}/#/ajukan/SKU`);
    await signInThroughForm(page, username);
    await page.getByLabel(/^NIK pemohon/).waitFor();
    return page;
  };
  const typeHalfAForm = async (page: Page) => {
    await page.getByLabel('Desa Anda').selectOption(TAMPO);
    await page.getByLabel(/^NIK pemohon/).fill(NIK_A);
    await page.getByLabel(/^Nama lengkap/).fill(NAME_A);
    await expect.poll(() => page.getByText('Draf tersimpan di perangkat ini.').count()).toBe(1);
  };
  const expectEmptyForm = async (page: Page) => {
    await expect(page.getByLabel(/^NIK pemohon/).inputValue()).resolves.toBe('');
    await expect(page.getByLabel(/^Nama lengkap/).inputValue()).resolves.toBe('');
    await expect(page.getByText(/Draf dari perangkat ini dipulihkan/).count()).resolves.toBe(0);
  };
  const storage = (page: Page) =>
    page.evaluate(() => Object.entries(localStorage).map(([key, value]) => `${key}=${value}`));
  const signOut = (page: Page) => page.getByRole('button', { name: /^Keluar/ }).click();

  it("never pre-fills another account's form, even when the first account never signed out", async () => {
    // Prepare: citizen A types half a form; their session then ends without a sign-out (expired, or the
    // tab was closed and the token dropped)
    const a = await openForm('warga.tampo');
    await typeHalfAForm(a);
    await a.evaluate(() => localStorage.removeItem('dd.session'));
    await a.close();
    // Act: citizen B signs in on the same browser
    const b = await openForm('warga.sawoo');
    // Assess
    await expectEmptyForm(b);
    await signOut(b);
    await b.close();
  });

  it("clears the account's drafts on sign-out: nothing of A's stays in localStorage, and A starts afresh", async () => {
    // Prepare
    const a = await openForm('warga.tampo');
    await typeHalfAForm(a);
    // Act
    await signOut(a);
    // Assess: no draft, no NIK, no name left on the device
    await expect.poll(() => a.locator('form.sign-in').count()).toBeGreaterThan(0);
    const left = await storage(a);
    expect(left.filter((entry) => /draft/i.test(entry))).toEqual([]);
    expect(left.filter((entry) => entry.includes(NIK_A) || entry.includes(NAME_A))).toEqual([]);
    await a.close();
    // B sees an empty form; A, signing in again, too (sign-out cleared the draft: decided, see web/src/shared/drafts.ts)
    const b = await openForm('warga.sawoo');
    await expectEmptyForm(b);
    await signOut(b);
    await b.close();
    const again = await openForm('warga.tampo');
    await expectEmptyForm(again);
    await again.close();
  });

  it('raised no script errors', () => {
    expect(errors).toEqual([]);
  });
});
