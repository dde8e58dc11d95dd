import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildWeb, PAGES, type PageName, type WebBuild } from './build-web.js';

/**
 * The front end's weight budget (issue 5): the citizen portal's first load — its HTML, CSS and every
 * JavaScript file it fetches before it can be used — at most 100 KB transferred, compressed as CloudFront
 * serves it (gzip; brotli where the browser accepts it, shown too). Fonts: none (system fonts).
 *
 * Usage: npm run budget   (builds into a temporary directory, prints the table, fails over budget)
 */
export const PORTAL_BUDGET_BYTES = 100 * 1024;

export interface PageWeight {
  readonly page: PageName;
  readonly files: readonly { path: string; raw: number; gzip: number; brotli: number }[];
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

export function measure(build: WebBuild): PageWeight[] {
  return (Object.keys(PAGES) as PageName[]).map((page) => {
    const files = build.firstLoad[page].map((path) => {
      const bytes = readFileSync(join(build.outdir, path));
      return {
        path,
        raw: bytes.length,
        gzip: gzipSync(bytes).length,
        brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      };
    });
    const sum = (key: 'raw' | 'gzip' | 'brotli') => files.reduce((total, file) => total + file[key], 0);
    return { page, files, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function report(weights: readonly PageWeight[]): string {
  const lines = ['page      first-load files  raw         gzip        brotli'];
  for (const weight of weights) {
    lines.push(
      `${weight.page.padEnd(9)} ${String(weight.files.length).padStart(16)}  ${kb(weight.raw).padEnd(10)}  ${kb(weight.gzip).padEnd(10)}  ${kb(weight.brotli)}`,
    );
  }
  const portal = weights.find((weight) => weight.page === 'index');
  if (portal) {
    lines.push('', `citizen portal first load: ${kb(portal.gzip)} gzip (budget ${kb(PORTAL_BUDGET_BYTES)})`);
    for (const file of portal.files) lines.push(`  ${file.path.padEnd(34)} ${kb(file.gzip)}`);
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const outdir = mkdtempSync(join(tmpdir(), 'desa-digital-web-'));
  try {
    const weights = measure(buildWeb(outdir));
    console.log(report(weights));
    const portal = weights.find((weight) => weight.page === 'index');
    if (!portal || portal.gzip > PORTAL_BUDGET_BYTES) {
      console.error('\nOver budget: the citizen portal must load in at most 100 KB.');
      process.exitCode = 1;
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
