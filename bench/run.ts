import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { bundleRows, measureBundles } from './bundles.js';
import { MODELLED_API_CALLS } from './cost-model.js';
import { reportCost } from './cost-report.js';
import { measureFlow, measurePdf, measureSignedPdf } from './flow.js';
import { measureLoad } from './load.js';
import { measureReads, readRows } from './reads.js';
import { BENCH_STORAGE, settle, startBenchRuntime } from './runtime.js';
import { measureScaling } from './scaling.js';
import { measureServices } from './services.js';
import { measureVerifyWorstCase } from './verify.js';

/**
 * `npm run bench`: every figure of issue 6 measured on the same machine, printed as a table and written to
 * bench/results/latest.json. `BENCH_QUICK=1` runs fewer iterations (a smoke run, not for the README).
 * `npm run bench -- cost`: only the cost and messages section (issue 11), merged into latest.json;
 * `npm run bench -- reads`: only the status reads (issue 11, goal 6), likewise.
 */
const quick = process.env.BENCH_QUICK === '1';
const only = (['cost', 'reads'] as const).find((name) => process.argv.slice(2).includes(name));
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const rows: [string, string, string][] = [];
const row = (measure: string, value: string, target = '') => {
  rows.push([measure, value, target]);
  console.log(`  ${measure.padEnd(62)} ${value.padEnd(34)} ${target}`);
};
const verdict = (ok: boolean, target: string) => `${ok ? 'meets' : 'MISSES'} ${target}`;
const section = (title: string) => console.log(`\n${title}`);

const loadBefore = loadavg()[0] ?? 0;
console.log(
  `Desa Digital benchmarks on ${machine}; runtime data on ${BENCH_STORAGE}; load average ${loadBefore.toFixed(1)}${quick ? ' (QUICK run)' : ''}`,
);

const resultsFile = join(import.meta.dirname, 'results', 'latest.json');
/** Writes the results (formatted as the repository's formatter wants it, so `npm run check` stays clean). */
function writeResults(results: Record<string, unknown>) {
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  try {
    execFileSync(
      join(import.meta.dirname, '..', 'node_modules', '.bin', 'biome'),
      ['format', '--write', resultsFile],
      { stdio: 'ignore' },
    );
  } catch {
    // unformatted JSON is still JSON
  }
  console.log(`\nWritten to ${resultsFile}`);
}

/** Merges one section's results into latest.json, keeping the other sections of an earlier full run. */
function mergeResults(results: Record<string, unknown>) {
  let previous: Record<string, unknown> = {};
  try {
    previous = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>;
  } catch {
    // no earlier full run: the file holds this section alone
  }
  writeResults({ ...previous, ...results });
}
const sectionTable = () => ({
  at: new Date().toISOString(),
  machine,
  quick,
  table: rows.map(([measure, value, target]) => ({ measure, value, target })),
});

if (only) {
  const runtime = await startBenchRuntime();
  try {
    if (only === 'cost') {
      section('Per service: transitions, cost per 1,000 issued documents, messages per letter');
      const services = await measureServices(runtime, quick ? 1 : 3);
      const cost = reportCost(services, row);
      mergeResults({ cost: { ...sectionTable(), ...cost }, services });
    } else {
      section('Local runtime: status reads');
      const reads = await measureReads(runtime, quick ? 100 : 500);
      for (const [measure, value, target] of readRows(reads, ms)) row(measure, value, target);
      mergeResults({ reads: { ...sectionTable(), ...reads } });
    }
  } finally {
    await runtime.close();
  }
  process.exit(0);
}

section('Documents');
const pdf = await measurePdf(quick ? 50 : 200);
row('PDF generation per letter (warm, in process)', `p50 ${ms(pdf.p50)}, p99 ${ms(pdf.p99)}`);
const signedPdf = await measureSignedPdf(quick ? 50 : 200);
row(
  'PDF generation + PAdES signing per letter (warm, keys in memory)',
  `p50 ${ms(signedPdf.p50)}, p99 ${ms(signedPdf.p99)}`,
);

const verify = await measureVerifyWorstCase(quick ? 5 : 21);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
row(
  `verify upload, normal letter (${kb(verify.sizes.letter)}): id scan vs full parse`,
  `${ms(verify.scanMs.letter)} vs ${ms(verify.fullParseMs.letter)}`,
);
row(
  `verify upload, hostile under the limit (${kb(verify.sizes.hostileUnderLimit)}): id scan`,
  ms(verify.scanMs.hostileUnderLimit),
  'bounded scan, no parse',
);
row(
  `verify upload, hostile 4 MB / 95,000 objects: full parse (before)`,
  ms(verify.fullParseMs.hostile),
  verify.hostileRefusedBySize ? 'now refused by size (413), 0 ms of parsing' : 'NOT refused by size',
);

const runtime = await startBenchRuntime();
let flow: Awaited<ReturnType<typeof measureFlow>>;
let load: Awaited<ReturnType<typeof measureLoad>>;
let reads: Awaited<ReturnType<typeof measureReads>>;
let services: Awaited<ReturnType<typeof measureServices>>;
let cost: ReturnType<typeof reportCost>;
try {
  section('Local runtime: one request at a time (SKU)');
  flow = await measureFlow(runtime, quick ? 5 : 20);
  row(
    'submission → first human task ready',
    `p50 ${ms(flow.toFirstTask.p50)}, p99 ${ms(flow.toFirstTask.p99)}`,
    'hours, not days: met',
  );
  row(
    'final approval → downloadable document',
    `p50 ${ms(flow.approvalToDocument.p50)}, p99 ${ms(flow.approvalToDocument.p99)}`,
  );

  section('Per service: transitions, cost per 1,000 issued documents, messages per letter');
  services = await measureServices(runtime, quick ? 1 : 3);
  cost = reportCost(services, row);
  await settle(runtime);
  section('Local runtime: status reads');
  reads = await measureReads(runtime, quick ? 100 : 500);
  for (const [measure, value, target] of readRows(reads, ms)) row(measure, value, target);

  await settle(runtime);
  section('Local runtime: submissions under concurrency (POST /v1/requests)');
  load = await measureLoad(
    runtime,
    quick
      ? [
          { clients: 1, submissions: 30 },
          { clients: 10, submissions: 100 },
          { clients: 50, submissions: 200 },
        ]
      : [
          { clients: 1, submissions: 100 },
          { clients: 10, submissions: 300 },
          { clients: 50, submissions: 600 },
        ],
  );
  for (const level of load) {
    row(
      `${level.clients} concurrent client${level.clients > 1 ? 's' : ''} (${level.submissions} submissions)`,
      `${level.perSecond.toFixed(0)}/s, p50 ${ms(level.latencyMs.p50)}, p99 ${ms(level.latencyMs.p99)}`,
      level.failures > 0 ? `${level.failures} FAILED` : 'all 201',
    );
  }
  await settle(runtime); // let the last submissions' workflows open their stages before stopping
} finally {
  await runtime.close();
}

section(
  'Lambda bundles (as cdk synth builds them); cold import in fresh Node processes, median of 5 interleaved with the baseline',
);
const bundles = await measureBundles(5);
for (const [measure, value, target] of bundleRows(bundles)) row(measure, value, target);

section('Scaling: a village inbox query (IN_REVIEW, page of 25) through DynamoRequestStore.listByVillage');
const scaling = await measureScaling({ villages: [10, 1000], queries: quick ? 200 : 2000 });
for (const size of [scaling.small, scaling.large]) {
  row(
    `${size.villages} villages (${size.items} requests)`,
    `p50 ${ms(size.inboxMs.p50)}, p99 ${ms(size.inboxMs.p99)} (rounds: ${ms(size.roundP99Ms)})`,
  );
}
row(
  'p99 growth from 10 to 1,000 villages (median of round p99s)',
  `${(scaling.p99Growth * 100).toFixed(1)} %`,
  verdict(scaling.p99Growth <= 0.1, 'within 10 %'),
);

console.log(`\nSummary (${machine}; data on ${BENCH_STORAGE})\n`);
console.log(`| ${'Measure'.padEnd(62)} | ${'Value'.padEnd(34)} | Target / note`);
console.log(`|${'-'.repeat(64)}|${'-'.repeat(36)}|${'-'.repeat(24)}`);
for (const [measure, value, target] of rows)
  console.log(`| ${measure.padEnd(62)} | ${value.padEnd(34)} | ${target}`);

writeResults({
  at: new Date().toISOString(),
  machine,
  storage: BENCH_STORAGE,
  loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
  quick,
  prices: { ...cost.prices, modelledApiCalls: MODELLED_API_CALLS },
  table: rows.map(([measure, value, target]) => ({ measure, value, target })),
  pdf,
  verify,
  flow,
  reads,
  load,
  services,
  cost: { tracing: cost.tracing, targets: cost.targets },
  bundles,
  scaling,
});
