import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BUDI_SANTOSO,
  SAWOO_PEOPLE,
  TAMPO_PEOPLE,
  villageFixtures,
} from '../../../config/population/fixtures.js';
import { AS_OF, generatePopulation, renderPopulation } from '../../../config/population/generator.js';
import { namePools } from '../../../config/population/names.js';
import dataset from '../../../config/population/population.json' with { type: 'json' };
import type { PopulationDataset, Resident } from '../../../config/population/types.js';
import { DEMO_VILLAGES } from '../../../config/villages.js';
import { parseNik } from '../../../functions/core/identity/nik.js';
import { SAWOO, TAMPO, validBusinessApplication } from '../../support/fixtures.js';

const POPULATION_FILE = new URL('../../../config/population/population.json', import.meta.url);
const population = dataset as unknown as PopulationDataset;
const households = population.households;
const people = households.flatMap((household) =>
  household.members.map((resident) => ({ resident, household })),
);
const districtDigits = (villageCode: string) => villageCode.split('.').slice(0, 3).join('');

describe('the synthetic population generator', () => {
  it('is deterministic: two runs render the same bytes, and they are the committed population.json', () => {
    const first = renderPopulation(generatePopulation());
    const second = renderPopulation(generatePopulation());

    expect(second).toBe(first);
    expect(readFileSync(POPULATION_FILE, 'utf8')).toBe(first);
  });

  it('keeps the shipped file compact (well under 1 MB)', () => {
    expect(readFileSync(POPULATION_FILE).byteLength).toBeLessThan(800 * 1024);
  });

  it('gives every demo village 10–15 households, and no village outside the demo list', () => {
    const perVillage = Map.groupBy(households, (household) => household.villageCode);

    expect([...perVillage.keys()].sort()).toEqual(DEMO_VILLAGES.map((village) => village.code).sort());
    for (const [, villageHouseholds] of perVillage) {
      expect(villageHouseholds.length).toBeGreaterThanOrEqual(10);
      expect(villageHouseholds.length).toBeLessThanOrEqual(15);
    }
  });
});

describe('the numbers in the synthetic population', () => {
  it('gives every resident a valid NIK: district digits, birth date (day + 40 for women), sequence', () => {
    for (const { resident, household } of people) {
      const parts = parseNik(resident.nik);
      if (typeof parts === 'string') throw new Error(`${resident.nik} is not a valid NIK: ${parts}`);
      const [year, month, day] = resident.birthDate.split('-').map(Number);

      expect(parts.regionCode).toBe(districtDigits(household.villageCode));
      expect([parts.birthDay, parts.birthMonth, parts.birthYearTwoDigits]).toEqual([
        day,
        month,
        (year ?? 0) % 100,
      ]);
      expect(parts.sex).toBe(resident.sex);
    }
  });

  it('never hands out a NIK or a family-card number twice, nor a family-card number that is a NIK', () => {
    const niks = people.map(({ resident }) => resident.nik);
    const cards = households.map((household) => household.familyCardNumber);

    expect(new Set([...niks, ...cards]).size).toBe(niks.length + cards.length);
  });

  it('numbers family cards with the district digits, a real issue date (DDMMYY) and a sequence', () => {
    for (const household of households) {
      const card = household.familyCardNumber;
      const issued = `20${card.slice(10, 12)}-${card.slice(8, 10)}-${card.slice(6, 8)}`;
      const youngest =
        household.members
          .map((resident) => resident.birthDate)
          .sort()
          .at(-1) ?? '';

      expect(card).toMatch(/^\d{16}$/);
      expect(card.slice(0, 6)).toBe(districtDigits(household.villageCode));
      expect(new Date(`${issued}T00:00:00Z`).toISOString().slice(0, 10)).toBe(issued);
      expect(issued >= youngest && issued <= AS_OF).toBe(true);
      expect(card.slice(12)).not.toBe('0000');
    }
  });
});

describe('the people of the synthetic population', () => {
  const firstWords = (sex: Resident['sex']) =>
    new Set(
      (['Islam', 'Kristen', 'Hindu'] as const).flatMap((religion) => {
        const pools = namePools(religion, 'Banyuwangi');
        return [...pools.older[sex], ...pools.first[sex]].map((name) => name.split(' ')[0]);
      }),
    );
  const given = { M: firstWords('M'), F: firstWords('F') };

  it('gives names that fit the sex, and relations that fit the family card', () => {
    for (const { resident } of people) {
      expect(given[resident.sex].has(resident.name.split(' ')[0])).toBe(true);
      if (resident.relation === 'Istri') expect(resident.sex).toBe('F');
    }
    for (const household of households) {
      const heads = household.members.filter((resident) => resident.relation === 'Kepala Keluarga');
      expect(heads).toHaveLength(1);
      expect(household.members[0]?.relation).toBe('Kepala Keluarga');
    }
  });

  it('is born before the dataset date, and a wife is an adult', () => {
    for (const { resident } of people) {
      expect(resident.birthDate < AS_OF).toBe(true);
      if (resident.relation === 'Istri') expect(resident.birthDate <= '2007-11-01').toBe(true);
    }
  });

  it('records a few deceased residents in every village', () => {
    const deceased = people.filter(({ resident }) => resident.status === 'deceased');
    const villages = new Set(deceased.map(({ household }) => household.villageCode));

    expect(deceased.length).toBeGreaterThanOrEqual(DEMO_VILLAGES.length);
    expect(deceased.length).toBeLessThan(people.length / 10);
    expect(villages.size).toBe(DEMO_VILLAGES.length);
  });

  it('records schooling and work as the family card does: by age, with some school-age children out of school', () => {
    const ageOf = (resident: Resident) => Number(AS_OF.slice(0, 4)) - Number(resident.birthDate.slice(0, 4));
    for (const { resident } of people) {
      expect(resident.education).toBeDefined();
      expect(resident.occupation).toBeDefined();
      if (ageOf(resident) < 6) expect(resident.education).toBe('Tidak/Belum Sekolah');
      if (ageOf(resident) <= 11) expect(resident.occupation).not.toMatch(/Petani|Buruh|Wiraswasta/);
    }
    const schoolAge = people.filter(({ resident }) => ageOf(resident) >= 8 && ageOf(resident) <= 18);
    const outOfSchool = schoolAge.filter(({ resident }) => resident.occupation !== 'Pelajar/Mahasiswa');
    expect(outOfSchool.length).toBeGreaterThan(0);
    expect(outOfSchool.length).toBeLessThan(schoolAge.length / 5);
  });

  it('makes poor households more often PBI or uninsured than other households', () => {
    const share = (poor: boolean) => {
      const group = people.filter(({ household }) => household.poor === poor);
      return group.filter(({ resident }) => ['PBI', 'none'].includes(resident.bpjs)).length / group.length;
    };

    expect(share(true)).toBeGreaterThan(0.95);
    expect(share(false)).toBeLessThan(0.4);
    for (const participation of ['none', 'PBI', '1', '2', '3']) {
      expect(people.some(({ resident }) => resident.bpjs === participation)).toBe(true);
    }
  });
});

describe('the population fixtures', () => {
  it('holds Budi Santoso exactly as the business-certificate application declares him', () => {
    expect(BUDI_SANTOSO).toEqual({
      nik: validBusinessApplication.nik,
      name: validBusinessApplication.fullName,
      birthPlace: validBusinessApplication.birthPlace,
      birthDate: validBusinessApplication.birthDate,
      sex: 'M',
      familyCardNumber: expect.stringMatching(/^351006\d{10}$/),
      villageCode: TAMPO,
      bpjs: 'none',
      status: 'alive',
    });
    const family = households.find(
      (household) => household.familyCardNumber === BUDI_SANTOSO.familyCardNumber,
    );
    expect(family?.poor).toBe(true);
    expect(family?.members.map((resident) => resident.relation)).toEqual([
      'Kepala Keluarga',
      'Istri',
      'Anak',
      'Anak',
    ]);
  });

  it.each([
    ['Tampo', TAMPO, TAMPO_PEOPLE],
    ['Sawoo', SAWOO, SAWOO_PEOPLE],
  ])('ships the hand-written people of %s in the dataset', (_name, code, fixtures) => {
    expect(villageFixtures(code)).toEqual(fixtures);
  });

  it.each(DEMO_VILLAGES.map((village) => [village.name, village.code]))(
    'finds every role among the people of %s',
    (_name, code) => {
      const fixtures = villageFixtures(code);
      const byNik = new Map(people.map((person) => [person.resident.nik, person]));

      for (const person of Object.values(fixtures)) {
        const registered = byNik.get(person.nik);
        expect(registered?.household.villageCode).toBe(code);
        expect(registered?.resident.name).toBe(person.name);
      }
      expect(fixtures.deathReporter.familyCardNumber).toBe(fixtures.deceased.familyCardNumber);
      expect(fixtures.newbornFather.familyCardNumber).toBe(fixtures.newbornMother.familyCardNumber);
    },
  );
});
