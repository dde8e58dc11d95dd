/**
 * Writes config/population/population.json: `npm exec -- tsx config/population/generate.ts`.
 * Deterministic (see generator.ts): re-running it after a change to the generator, the villages or the
 * demo households is how the dataset is updated; the unit tests fail while the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { generatePopulation, renderPopulation } from './generator.js';

const POPULATION_FILE = new URL('./population.json', import.meta.url);

const dataset = generatePopulation();
const json = renderPopulation(dataset);
writeFileSync(POPULATION_FILE, json);

const people = dataset.households.flatMap((household) => household.members);
const villages = new Set(dataset.households.map((household) => household.villageCode));
const count = (predicate: (value: (typeof people)[number]) => boolean) => people.filter(predicate).length;
console.log(
  [
    `wrote ${POPULATION_FILE.pathname} (${(Buffer.byteLength(json) / 1024).toFixed(0)} KiB)`,
    `${villages.size} villages, ${dataset.households.length} households (${dataset.households.filter((h) => h.poor).length} poor), ${people.length} people`,
    `deceased ${count((p) => p.status === 'deceased')}; BPJS none ${count((p) => p.bpjs === 'none')}, PBI ${count((p) => p.bpjs === 'PBI')}, class 1 ${count((p) => p.bpjs === '1')}, 2 ${count((p) => p.bpjs === '2')}, 3 ${count((p) => p.bpjs === '3')}`,
  ].join('\n'),
);
