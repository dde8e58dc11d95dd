import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { measureBundles } from './bundles.js';
import { measureFlow, measurePdf } from './flow.js';

/** `npm run bench`: prints a table and writes bench/results/latest.json. */
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`Desa Digital benchmarks on ${machine}\n`);

const pdf = await measurePdf(200);
console.log(`PDF generation (warm, 200 letters): p50 ${pdf.p50.toFixed(1)} ms, p99 ${pdf.p99.toFixed(1)} ms`);

const flow = await measureFlow(20);
console.log(`\nLocal runtime, ${flow.requests} SKU requests over HTTP (sequential):`);
console.log(
  `  submission → first human task ready:   p50 ${flow.toFirstTask.p50.toFixed(0)} ms, p99 ${flow.toFirstTask.p99.toFixed(0)} ms`,
);
console.log(
  `  final approval → downloadable document: p50 ${flow.approvalToDocument.p50.toFixed(0)} ms, p99 ${flow.approvalToDocument.p99.toFixed(0)} ms`,
);
console.log(`  state transitions per SKU request: ${[...new Set(flow.transitions)].join(', ')}`);

const { bundles, baseline } = await measureBundles();
console.log(
  '\nLambda bundles (as cdk synth builds them) and cold import in a fresh Node process (median of 5):',
);
console.log(`  ${'entry'.padEnd(40)} ${'size'.padStart(9)} ${'import'.padStart(9)} ${'× base'.padStart(7)}`);
for (const bundle of [...bundles, baseline]) {
  const kib = `${(bundle.bytes / 1024).toFixed(0)} KiB`;
  const ratio = (bundle.coldImportMs / baseline.coldImportMs).toFixed(2);
  console.log(
    `  ${bundle.entry.padEnd(40)} ${kib.padStart(9)} ${`${bundle.coldImportMs.toFixed(0)} ms`.padStart(9)} ${ratio.padStart(7)}`,
  );
}

mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  join(import.meta.dirname, 'results', 'latest.json'),
  JSON.stringify({ at: new Date().toISOString(), machine, pdf, flow, bundles, baseline }, null, 2),
);
console.log('\nWritten to bench/results/latest.json');
