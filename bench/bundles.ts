import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { DEPLOYMENTS } from '../config/deployments.js';
import { buildApp, stackIdOf } from '../lib/app.js';
import { ENTRY_METADATA_KEY, LAMBDA_ESBUILD, REPO_ROOT } from '../lib/constructs/service-function.js';
import { mergedAssemblyTemplate } from '../lib/templates.js';

/** Issue 11, goal 5: every API handler's bundle and its cold import against a DynamoDB-client-only bundle. */
export const BUNDLE_GOALS = {
  /** Minified bundle (index.mjs), in bytes: 300 KB. */
  maxBytes: 300_000,
  /** Cold import time over the baseline's, medians of the same interleaved runs. */
  maxRatio: 1.5,
} as const;

export interface BundleFigure {
  readonly entry: string;
  readonly bytes: number;
  /** Median cold import (ms) over the runs, each in a fresh Node process. */
  readonly coldImportMs: number;
}

export interface HandlerFigure extends BundleFigure {
  /** An API route's handler (functions/api/): the goals apply to these. */
  readonly api: boolean;
  /** The baseline's median over the runs interleaved with this bundle's. */
  readonly baselineMs: number;
  readonly ratio: number;
  readonly meetsSize: boolean;
  readonly meetsRatio: boolean;
}

export interface BundleResults {
  readonly runs: number;
  readonly goals: typeof BUNDLE_GOALS;
  readonly bundles: HandlerFigure[];
  readonly baseline: BundleFigure;
}

/**
 * The Lambda bundles exactly as `cdk synth` builds them (esbuild through NodejsFunction), each one's size and
 * cold import beside a bundle holding only the DynamoDB document client built with the same esbuild settings
 * (LAMBDA_ESBUILD). Cold imports are interleaved, bundle then baseline, `runs` times, each in a fresh Node
 * process, so a busy moment on the machine weighs on both sides of the ratio alike.
 */
export async function measureBundles(runs = 5): Promise<BundleResults> {
  const outdir = mkdtempSync(join(tmpdir(), 'desa-bench-synth-'));
  try {
    const deployment = DEPLOYMENTS[0];
    if (!deployment) throw new Error('no deployment configured');
    const assembly = buildApp({ deploymentId: deployment.id, bundling: true, outdir }).synth();
    // The API's functions are in nested stacks: their templates merged into the parent's.
    const template = mergedAssemblyTemplate(assembly, stackIdOf(deployment)) as {
      Resources: Record<
        string,
        { Type: string; Metadata?: Record<string, string>; Properties?: { Code?: { S3Key?: string } } }
      >;
    };
    const files = new Map<string, string>();
    for (const resource of Object.values(template.Resources)) {
      const entry = resource.Metadata?.[ENTRY_METADATA_KEY];
      if (resource.Type !== 'AWS::Lambda::Function' || !entry) continue;
      // The code's S3 key is the asset hash: cdk.out keeps the bundle in asset.<hash>/.
      const hash = (resource.Properties?.Code?.S3Key ?? '').replace(/\.zip$/, '');
      files.set(entry, join(outdir, `asset.${hash}`, 'index.mjs'));
    }
    const baselineFile = await buildBaseline(outdir);
    const baselineRuns: number[] = [];
    const bundles = [...files].map(([entry, file]): HandlerFigure => {
      const own: number[] = [];
      const base: number[] = [];
      for (let run = 0; run < runs; run++) {
        own.push(coldImport(file));
        base.push(coldImport(baselineFile));
      }
      baselineRuns.push(...base);
      const bytes = statSync(file).size;
      const coldImportMs = median(own);
      const baselineMs = median(base);
      const ratio = coldImportMs / baselineMs;
      return {
        entry,
        api: entry.startsWith('functions/api/'),
        bytes,
        coldImportMs,
        baselineMs,
        ratio,
        meetsSize: bytes <= BUNDLE_GOALS.maxBytes,
        meetsRatio: ratio <= BUNDLE_GOALS.maxRatio,
      };
    });
    bundles.sort((a, b) => Number(b.api) - Number(a.api) || b.bytes - a.bytes);
    const baseline = {
      entry: 'baseline: DynamoDB document client only',
      bytes: statSync(baselineFile).size,
      coldImportMs: median(baselineRuns),
    };
    return { runs, goals: BUNDLE_GOALS, bundles, baseline };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The table rows of the bundle section: one per function, the baseline, and the verdict over API handlers. */
export function bundleRows(results: BundleResults): [string, string, string][] {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} KB`;
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const rows: [string, string, string][] = results.bundles.map((bundle) => [
    bundle.entry.replace(/^functions\//, '').replace(/\.ts$/, ''),
    `${kb(bundle.bytes)}, import ${ms(bundle.coldImportMs)} (${bundle.ratio.toFixed(2)}×)`,
    bundle.api
      ? [
          `${bundle.meetsSize ? 'meets' : 'MISSES'} ≤ 300 KB`,
          `${bundle.meetsRatio ? 'meets' : 'MISSES'} ≤ ${BUNDLE_GOALS.maxRatio}×`,
        ].join(', ')
      : 'not an API handler',
  ]);
  rows.push([
    results.baseline.entry,
    `${kb(results.baseline.bytes)}, import ${ms(results.baseline.coldImportMs)}`,
    'same esbuild settings',
  ]);
  const api = results.bundles.filter((bundle) => bundle.api);
  const oversize = api.filter((bundle) => !bundle.meetsSize).length;
  const slow = api.filter((bundle) => !bundle.meetsRatio).length;
  rows.push([
    `API handlers (${api.length}): bundle ≤ 300 KB and cold import ≤ ${BUNDLE_GOALS.maxRatio}× baseline`,
    `${api.length - oversize} and ${api.length - slow} of ${api.length}`,
    oversize + slow === 0
      ? 'meets'
      : `MISSES (${oversize} over 300 KB, ${slow} over ${BUNDLE_GOALS.maxRatio}×)`,
  ]);
  return rows;
}

/** A bundle of the DynamoDB document client alone, built with the handlers' esbuild settings. */
async function buildBaseline(dir: string): Promise<string> {
  const source = join(dir, 'baseline.mjs');
  writeFileSync(
    source,
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nexport const handler = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));\n",
  );
  const file = join(dir, 'baseline-bundle.mjs');
  await build({
    ...LAMBDA_ESBUILD,
    mainFields: [...LAMBDA_ESBUILD.mainFields],
    alias: { ...LAMBDA_ESBUILD.alias },
    banner: { js: LAMBDA_ESBUILD.banner },
    entryPoints: [source],
    bundle: true,
    outfile: file,
    // As NodejsFunction runs esbuild: from the repository root (the alias paths are relative to it).
    absWorkingDir: REPO_ROOT,
    nodePaths: [join(REPO_ROOT, 'node_modules')],
    logLevel: 'error',
  });
  return file;
}

/** One fresh Node process importing the bundle: module evaluation included, process start-up not. */
function coldImport(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
  return Number(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim(),
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/**
 * `npm run bench:bundles`: this section alone (a minute or two instead of the whole benchmark). Prints the
 * rows and writes the figures into bench/results/latest.json, keeping the other sections' figures there.
 */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.env.BENCH_BUNDLE_RUNS ?? 5);
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}`;
  console.log(`Lambda bundles on ${machine}: cold import median of ${runs} interleaved runs\n`);
  const results = await measureBundles(runs);
  for (const [measure, value, target] of bundleRows(results)) {
    console.log(`  ${measure.padEnd(62)} ${value.padEnd(34)} ${target}`);
  }
  const dir = join(import.meta.dirname, 'results');
  const file = join(dir, 'latest.json');
  mkdirSync(dir, { recursive: true });
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : {};
  writeFileSync(
    file,
    `${JSON.stringify({ ...previous, bundlesAt: new Date().toISOString(), bundles: results }, null, 2)}\n`,
  );
  console.log(`\nWritten to ${file} (key "bundles")`);
}
