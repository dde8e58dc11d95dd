import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { buildSync, type Metafile } from 'esbuild';

/**
 * Builds the static front end (web/src → an output directory): one ESM bundle per page, minified, with
 * content-hashed names under /assets/ (cached for a year), code shared between pages in chunks, each
 * page's HTML pointing at its files (with modulepreload, so a slow connection fetches them in parallel),
 * and a service worker that keeps the citizen pages usable offline. Synchronous, so the CDK can call it
 * while synthesizing (local asset bundling) as well as `npm start` and the tests.
 *
 * Usage: tsx scripts/build-web.ts [outdir]   (default web/dist)
 */
export const WEB_ROOT = resolve(import.meta.dirname, '../web');
export const DEFAULT_OUTDIR = join(WEB_ROOT, 'dist');

export const PAGES = {
  /** The citizen portal: the page the 100 KB budget applies to. */
  index: 'portal/main.ts',
  verify: 'verify/main.ts',
  console: 'console/main.ts',
  display: 'display/main.ts',
  /** The public UMKM market (issue 13): per village (?desa=) or regency (?kab=). */
  pasar: 'pasar/main.ts',
} as const;
export type PageName = keyof typeof PAGES;

export interface WebBuild {
  readonly outdir: string;
  /** For each page, the files its first load fetches (HTML, CSS, JS entry and its static imports). */
  readonly firstLoad: Readonly<Record<PageName, readonly string[]>>;
}

/** Pages that work offline (the service worker precaches them); staff pages always need the network. */
const OFFLINE_PAGES: readonly PageName[] = ['index', 'verify', 'display'];

export function buildWeb(outdir: string = DEFAULT_OUTDIR, options: { minify?: boolean } = {}): WebBuild {
  const src = join(WEB_ROOT, 'src');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(join(outdir, 'assets'), { recursive: true });

  const result = buildSync({
    entryPoints: Object.entries(PAGES).map(([name, entry]) => ({ in: join(src, entry), out: name })),
    outdir: join(outdir, 'assets'),
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: options.minify ?? true,
    sourcemap: false,
    target: 'es2020', // phones a few years old: Chrome 80, Safari 14
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
  const outputs = result.metafile.outputs;
  const publicPath = (file: string) => `/${relative(outdir, resolve(file)).split('\\').join('/')}`;

  const firstLoad = {} as Record<PageName, string[]>;
  for (const name of Object.keys(PAGES) as PageName[]) {
    const [entryFile, entryOutput] = entryOf(outputs, name);
    const chunks = staticImports(outputs, entryFile).map(publicPath);
    const css = entryOutput.cssBundle ? [publicPath(entryOutput.cssBundle)] : [];
    const tags = [
      ...css.map((href) => `<link rel="stylesheet" href="${href}">`),
      ...chunks.map((href) => `<link rel="modulepreload" href="${href}">`),
      `<script type="module" src="${publicPath(entryFile)}"></script>`,
    ].join('\n  ');
    const html = readFileSync(join(src, 'pages', `${name}.html`), 'utf8').replace('<!-- assets -->', tags);
    writeFileSync(join(outdir, `${name}.html`), html);
    firstLoad[name] = [`/${name}.html`, ...css, publicPath(entryFile), ...chunks];
  }
  copyFileSync(join(src, 'pages', 'favicon.svg'), join(outdir, 'favicon.svg'));

  // The service worker: a fixed name at the root (its scope), its precache list baked in.
  const shell = [...new Set(['/', ...OFFLINE_PAGES.flatMap((page) => firstLoad[page]), '/favicon.svg'])];
  const version = shortHash(shell.join('|'));
  buildSync({
    entryPoints: [join(src, 'sw.ts')],
    outfile: join(outdir, 'sw.js'),
    bundle: true,
    format: 'iife',
    minify: options.minify ?? true,
    target: ['es2020'],
    define: { __SHELL__: JSON.stringify(shell), __VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
  });
  writeFileSync(join(outdir, 'build.json'), `${JSON.stringify({ version, firstLoad }, null, 2)}\n`);
  return { outdir, firstLoad };
}

function entryOf(outputs: Metafile['outputs'], name: string): [string, Metafile['outputs'][string]] {
  const found = Object.entries(outputs).find(
    ([file, output]) => output.entryPoint && basename(file).startsWith(`${name}-`) && file.endsWith('.js'),
  );
  if (!found) throw new Error(`No bundle for page ${name}`);
  return found;
}

/** The chunks an entry imports statically (transitively): fetched on first load; dynamic imports are not. */
function staticImports(outputs: Metafile['outputs'], file: string, seen = new Set<string>()): string[] {
  for (const imported of outputs[file]?.imports ?? []) {
    if (imported.kind !== 'import-statement' || seen.has(imported.path)) continue;
    seen.add(imported.path);
    staticImports(outputs, imported.path, seen);
  }
  return [...seen];
}

function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const started = Date.now();
  const build = buildWeb(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUTDIR);
  console.log(`web built into ${relative(process.cwd(), build.outdir) || '.'} in ${Date.now() - started} ms`);
}
