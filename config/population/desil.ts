import { createHash } from 'node:crypto';
import dataset from './population.json' with { type: 'json' };
import type { Household, PopulationDataset } from './types.js';

/**
 * The synthetic DTSEN desil file that ships with the demo population: what the national data would rank each
 * household at, deterministic from the population. A household the poverty team recorded as poor
 * (`poor`) is in desil 1–4, any other in desil 6–10; which one follows from a hash of its family card number,
 * so the file never changes unless the population does. Every member of a household has its desil.
 */
export function desilOfHousehold(household: Household): number {
  const spread = createHash('sha256').update(`desil:${household.familyCardNumber}`).digest().readUInt32BE(0);
  return household.poor ? 1 + (spread % 4) : 6 + (spread % 5);
}

const households = (dataset as unknown as PopulationDataset).households;

/** The regencies of the demo population (35.10 Banyuwangi, 35.02 Ponorogo). */
export const DEMO_DESIL_REGENCIES: readonly string[] = [
  ...new Set(households.map((household) => household.villageCode.split('.').slice(0, 2).join('.'))),
];

/** The living residents of a regency with their household's desil. */
export function demoDesilRows(regencyCode: string): { nik: string; desil: number }[] {
  return households
    .filter((household) => household.villageCode.startsWith(`${regencyCode}.`))
    .flatMap((household) =>
      household.members
        .filter((member) => member.status === 'alive')
        .map((member) => ({ nik: member.nik, desil: desilOfHousehold(household) })),
    );
}

/** The regency's synthetic desil file as PUT /v1/regencies/{regencyCode}/desil takes it. */
export const demoDesilCsv = (regencyCode: string): string =>
  ['nik,desil', ...demoDesilRows(regencyCode).map((row) => `${row.nik},${row.desil}`)].join('\n');
