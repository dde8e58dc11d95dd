import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measurePdfBytes } from '../bench/flow.js';
import { SERVICE_CATALOG } from '../functions/core/catalog/index.js';
import { documentFigures } from './capacity/inputs.js';
import { AREAS, ASSUMPTIONS, capacityOf, chainOf } from './capacity/model.js';
import { markdownSection, replaceSection, textTable } from './capacity/report.js';

/**
 * `npm run capacity`: the capacity plan for Banyuwangi and East Java (issue 15, item 5). Prints the table and
 * rewrites the generated section of docs/capacity.md. Per-document figures come from the bench's last run
 * (bench/results/latest.json) where it measured a service, else from the README's stated figures.
 */
const root = join(import.meta.dirname, '..');
const benchFile = join(root, 'bench', 'results', 'latest.json');
const bench: unknown = existsSync(benchFile) ? JSON.parse(readFileSync(benchFile, 'utf8')) : undefined;
const pdfBytes = (await measurePdfBytes()).length;

const chains = SERVICE_CATALOG.filter((service) => (service.audience ?? 'public') === 'public').map(chainOf);
const figuresOf = documentFigures(bench, pdfBytes);
const figures = [AREAS.banyuwangi, AREAS.eastJava].map((area) =>
  capacityOf(area, chains, figuresOf, ASSUMPTIONS),
);
console.log(textTable(figures));

const docFile = join(root, 'docs', 'capacity.md');
const section = markdownSection({
  figures,
  chains,
  assumptions: ASSUMPTIONS,
  documentSources: [...new Set(chains.map((chain) => figuresOf(chain).source))],
  pdfBytes,
});
writeFileSync(docFile, replaceSection(existsSync(docFile) ? readFileSync(docFile, 'utf8') : '', section));
// Formatted as the repository's formatter wants Markdown (aligned tables), so `npm run check` stays clean.
execFileSync(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', docFile], {
  stdio: 'ignore',
});
console.log(`\nWritten to ${docFile}`);
