import type { BpjsRegistry, DesilRegistry, PopulationRegistry } from '../../core/shared/ports.js';
import { once } from '../clients.js';
import { desilStore } from '../dynamo-desil.js';
import { requiredEnv } from '../env.js';
import { ImportedDesilRegistry } from './desil-registry.js';
import { DynamoLookupLog, withLookupLog } from './lookup-log.js';
import { shippedPopulation } from './population-data.js';
import { SyntheticBpjsRegistry } from './synthetic-bpjs.js';
import { SyntheticDapodik } from './synthetic-dapodik.js';
import { SyntheticPopulationRegistry } from './synthetic-population.js';

/**
 * The registries Lambda handlers use, built once per container, each behind the lookup log (every lookup
 * is written to the table before its answer is used).
 *
 * Locally AND in AWS these are the synthetic adapters over the population the project ships
 * (config/population/population.json): there is no Dukcapil/SIAK web-service connector and no BPJS
 * Kesehatan connector yet. The real connectors are future adapters behind the same ports
 * (PopulationRegistry, BpjsRegistry) — Dukcapil opened population data access to Sawoo district (seed 000),
 * so a SIAK connector is the first candidate — selected here by configuration, wrapped by the same
 * `withLookupLog`. Nothing else changes when they arrive. Until then, a deployment answers only for the
 * synthetic residents of the demo villages: do not use it for real applicants.
 */
const lookupLog = once(() => new DynamoLookupLog(requiredEnv('TABLE_NAME')));

export const populationRegistry = once(
  (): PopulationRegistry => withLookupLog(new SyntheticPopulationRegistry(shippedPopulation()), lookupLog()),
);

export const bpjsRegistry = once(
  (): BpjsRegistry => withLookupLog(new SyntheticBpjsRegistry(shippedPopulation()), lookupLog()),
);

/** DTSEN's desil: not synthetic, but what the regency imported (PUT /v1/regencies/{regencyCode}/desil). */
export const desilRegistry = once(
  (): DesilRegistry => withLookupLog(new ImportedDesilRegistry(desilStore()), lookupLog()),
);

/**
 * Dapodik's school enrolment, synthetic like the population (see SyntheticDapodik). Not behind the lookup
 * log: it is asked for a whole village's list at once, and that read is audited as one.
 */
export const schoolEnrolmentRegistry = once(() => new SyntheticDapodik(shippedPopulation()));
