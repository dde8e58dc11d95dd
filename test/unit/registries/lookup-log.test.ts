import { describe, expect, it } from 'vitest';
import { TAMPO_PEOPLE } from '../../../config/population/fixtures.js';
import {
  type LookupLog,
  type LookupLogEntry,
  type NamedRegistry,
  withLookupLog,
} from '../../../functions/adapters/registries/lookup-log.js';
import { shippedPopulation } from '../../../functions/adapters/registries/population-data.js';
import { SyntheticBpjsRegistry } from '../../../functions/adapters/registries/synthetic-bpjs.js';
import { SyntheticPopulationRegistry } from '../../../functions/adapters/registries/synthetic-population.js';
import type { RegistryResult } from '../../../functions/core/shared/ports.js';

class MemoryLog implements LookupLog {
  readonly entries: LookupLogEntry[] = [];
  async record(entry: LookupLogEntry) {
    this.entries.push(entry);
  }
}

const clock = { now: () => new Date('2026-11-22T08:00:00.000Z') };
const budi = TAMPO_PEOPLE.kkHead;
const query = { nik: budi.nik, name: budi.name, birthDate: budi.birthDate, villageCode: budi.villageCode };
const context = { requestId: 'req-1', by: 'system', purpose: 'SPM: population check' };

describe('the registry lookup log', () => {
  it('writes one entry per lookup: who, whom (masked), why and the outcome', async () => {
    const log = new MemoryLog();
    const registry = withLookupLog(new SyntheticPopulationRegistry(shippedPopulation()), log, clock);

    const result = await registry.check(query, context);

    expect(result.outcome).toBe('match');
    expect(log.entries).toEqual([
      {
        requestId: 'req-1',
        at: '2026-11-22T08:00:00.000Z',
        by: 'system',
        purpose: 'SPM: population check',
        registry: 'population',
        outcome: 'match',
        nikMasked: '351006**********',
        villageCode: budi.villageCode,
        reasons: [],
      },
    ]);
  });

  it('logs BPJS lookups and mismatches with their reasons', async () => {
    const log = new MemoryLog();
    const registry = withLookupLog(new SyntheticBpjsRegistry(shippedPopulation()), log, clock);

    const result = await registry.check(query, { ...context, purpose: 'SPM: BPJS check' });

    expect(log.entries).toEqual([
      expect.objectContaining({ registry: 'bpjs', outcome: 'mismatch', reasons: result.reasons }),
    ]);
  });

  it('never passes a full NIK to the log, even one written into the purpose', async () => {
    const log = new MemoryLog();
    const registry = withLookupLog(new SyntheticPopulationRegistry(shippedPopulation()), log, clock);

    await registry.check(
      { ...query, nik: ' 3510061208900003 ', familyCardNumber: budi.familyCardNumber },
      { ...context, by: 'operator 3510061208900003', purpose: `check ${budi.nik}` },
    );

    expect(JSON.stringify(log.entries)).not.toMatch(/\d{16}/);
    expect(log.entries[0]).toMatchObject({
      by: 'operator 351006**********',
      purpose: 'check 351006**********',
    });
  });

  it('logs a failed lookup as an error and passes the failure on', async () => {
    const log = new MemoryLog();
    const failing: NamedRegistry = {
      registry: 'population',
      check: () => Promise.reject(new Error('Dukcapil timed out')),
    };

    await expect(withLookupLog(failing, log, clock).check(query, context)).rejects.toThrow(
      'Dukcapil timed out',
    );
    expect(log.entries).toEqual([expect.objectContaining({ outcome: 'error', reasons: [] })]);
  });

  it('withholds the answer when the log cannot be written (no unlogged lookup is ever used)', async () => {
    const broken: LookupLog = { record: () => Promise.reject(new Error('table unavailable')) };
    let answered: RegistryResult | undefined;
    const registry = withLookupLog(new SyntheticPopulationRegistry(shippedPopulation()), broken, clock);

    await expect(
      registry.check(query, context).then((result) => {
        answered = result;
      }),
    ).rejects.toThrow('table unavailable');
    expect(answered).toBeUndefined();
  });
});
