import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { DEMO_PASSWORD } from '../../config/demo-users.js';
import { REPO_ROOT } from '../../lib/local/runtime.js';

/**
 * Browser tests run the real front end in headless Chromium (the Debian package, DESIGN.md §5) against
 * the local runtime. Without Chromium they are skipped, and say so.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_MESSAGE = `Chromium not found at ${CHROMIUM}: browser tests skipped`;

/** `describe` when Chromium is installed; otherwise a skipped suite and a plain message. */
export function describeInBrowser(name: string, body: () => void): void {
  if (!hasChromium) {
    console.warn(SKIP_MESSAGE);
    describe.skip(`${name} (${SKIP_MESSAGE})`, body);
    return;
  }
  describe(name, body);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone: 360 px wide, touch, Indonesian. */
export const PHONE = {
  viewport: { width: 360, height: 780 },
  hasTouch: true,
  isMobile: true,
  locale: 'id-ID',
};
export const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'id-ID' };

export const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Fails the test on any page error or failed script. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core');

/** axe-core in the page; the serious and critical violations (WCAG 2.1 A/AA rules and best practices). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    // Runs in the page: window and document are the browser's.
    const page = globalThis as unknown as {
      document: unknown;
      axe: {
        run: (
          context: unknown,
          options: unknown,
        ) => Promise<{
          violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
        }>;
      };
    };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} (${violation.targets.slice(0, 3).join(', ')})`,
    );
}

export async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** Signs in through the page's own sign-in form (the local issuer's demo accounts). */
export async function signInThroughForm(page: Page, username: string): Promise<void> {
  const form = page.locator('form.sign-in');
  await form.getByLabel(/Nama pengguna|Username/).fill(username);
  await form.getByLabel(/Kata sandi|Password/).fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
}

/** The page never scrolls sideways (usable at 360 px). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const { documentElement } = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document;
    return documentElement.scrollWidth - documentElement.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
}

/** A small, valid PDF, and PNG, to attach. */
export const SAMPLE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export async function writeSample(dir: string, name: string, body: Buffer = SAMPLE_PDF): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await writeFile(path, body);
  return path;
}

export type { Browser, BrowserContext, Page };
