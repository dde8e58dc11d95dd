import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAWOO_PEOPLE, TAMPO_PEOPLE } from '../../../config/population/fixtures.js';
import { shippedPopulation } from '../../../functions/adapters/registries/population-data.js';
import {
  POPULATION_REASONS,
  SyntheticPopulationRegistry,
} from '../../../functions/adapters/registries/synthetic-population.js';
import type { PersonQuery } from '../../../functions/core/shared/ports.js';
import { SAWOO, TAMPO } from '../../support/fixtures.js';

const registry = new SyntheticPopulationRegistry(shippedPopulation());
const context = { requestId: 'req-unit', by: 'system', purpose: 'SPM population check' };
const check = (query: PersonQuery) => registry.check(query, context);

const budi = TAMPO_PEOPLE.kkHead;
const asDeclared = (person: typeof budi): PersonQuery => ({
  nik: person.nik,
  name: person.name,
  birthDate: person.birthDate,
  familyCardNumber: person.familyCardNumber,
  villageCode: person.villageCode,
});

describe('the synthetic population registry', () => {
  it('matches a living resident declared as registered', async () => {
    expect(await check(asDeclared(budi))).toEqual({
      registry: 'population',
      outcome: 'match',
      reasons: [],
      identity: 'confirmed',
    });
  });

  it.each([
    ['Tampo', TAMPO_PEOPLE],
    ['Sawoo', SAWOO_PEOPLE],
  ])('matches every living fixture of %s', async (_village, people) => {
    for (const person of Object.values(people).filter((fixture) => fixture.status === 'alive')) {
      expect((await check(asDeclared(person))).outcome).toBe('match');
    }
  });

  it('matches a name typed in another case, with accents or extra spaces', async () => {
    const result = await check({ ...asDeclared(budi), name: '  BÚDI   santoso ' });
    expect(result.outcome).toBe('match');
  });

  it('checks only the fields the query gives (a family card is optional)', async () => {
    const { familyCardNumber: _omitted, ...withoutCard } = asDeclared(budi);
    expect((await check(withoutCard)).outcome).toBe('match');
  });

  it('answers a well-formed but unknown NIK with a mismatch, not an error', async () => {
    const result = await check({ ...asDeclared(budi), nik: '3510061208900099' });
    expect(result).toEqual({
      registry: 'population',
      outcome: 'mismatch',
      reasons: [
        {
          id: 'NIK tidak terdaftar di data kependudukan',
          en: 'The NIK is not in the population register',
        },
      ],
      identity: 'unconfirmed',
    });
  });

  it.each([
    ['a one-letter typo in the name', { name: 'Budi Santosa' }, [POPULATION_REASONS.name]],
    ['another birth date', { birthDate: '1990-08-21' }, [POPULATION_REASONS.birthDate]],
    ['another family card', { familyCardNumber: '3510060107190002' }, [POPULATION_REASONS.familyCard]],
    [
      'a wrong name and birth date',
      { name: 'Budi', birthDate: '1991-08-12' },
      [POPULATION_REASONS.name, POPULATION_REASONS.birthDate],
    ],
  ])('names what differs: %s', async (_case, change, reasons) => {
    const result = await check({ ...asDeclared(budi), ...change });
    expect(result).toEqual({ registry: 'population', outcome: 'mismatch', reasons, identity: 'unconfirmed' });
  });

  it('refuses a resident asked about in another village', async () => {
    const result = await check({ ...asDeclared(budi), villageCode: SAWOO });
    expect(result.outcome).toBe('mismatch');
    expect(result.reasons).toEqual([POPULATION_REASONS.village]);
    expect(result.identity).toBe('confirmed');
  });

  it('refuses a deceased resident, even when declared exactly as registered', async () => {
    for (const deceased of [TAMPO_PEOPLE.deceased, SAWOO_PEOPLE.deceased]) {
      const result = await check(asDeclared(deceased));
      expect(result).toEqual({
        registry: 'population',
        outcome: 'mismatch',
        reasons: [POPULATION_REASONS.deceased],
        identity: 'confirmed',
      });
    }
  });

  it('tells someone who does not know the person nothing about where they live or whether they are alive', async () => {
    const stranger = { ...asDeclared(TAMPO_PEOPLE.deceased), name: 'Orang Lain', villageCode: SAWOO };
    expect((await check(stranger)).reasons).toEqual([POPULATION_REASONS.name]);
  });

  it('gives every reason in Indonesian and English', () => {
    for (const reason of Object.values(POPULATION_REASONS)) {
      expect(reason.id).toMatch(/\S/);
      expect(reason.en).toMatch(/\S/);
      expect(reason.id).not.toBe(reason.en);
    }
  });

  it('never echoes what the registry holds in a mismatch (property)', async () => {
    const residents = [...shippedPopulation().values()];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...residents),
        fc.record({
          name: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
          birthDate: fc.option(fc.constantFrom('1980-01-01', '2001-12-31', 'bukan tanggal'), {
            nil: undefined,
          }),
          familyCardNumber: fc.option(fc.stringMatching(/^\d{16}$/), { nil: undefined }),
          villageCode: fc.constantFrom(TAMPO, SAWOO, '35.10.99.2999'),
        }),
        async ({ resident, household }, declared) => {
          const result = await check({ nik: resident.nik, ...declared });
          if (result.outcome === 'match') return;
          const said = JSON.stringify(result);
          const secrets = [
            resident.name,
            resident.birthDate,
            household.familyCardNumber,
            resident.birthPlace,
          ];
          if (declared.villageCode !== household.villageCode) secrets.push(household.villageCode);
          for (const secret of secrets) expect(said).not.toContain(secret);
          expect(said).not.toMatch(/\d{16}/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
