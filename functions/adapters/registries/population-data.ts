import dataset from '../../../config/population/population.json' with { type: 'json' };
import type { Household, PopulationDataset, Resident } from '../../../config/population/types.js';
import type { VillageRegister } from '../../core/schooling/out-of-school.js';
import { regencyCodeOf } from '../../core/villages/places.js';
import { once } from '../clients.js';

/** A resident with the family card they are on (the card carries the village and address). */
export interface RegisteredPerson {
  readonly resident: Resident;
  readonly household: Household;
}

export type PopulationIndex = ReadonlyMap<string, RegisteredPerson>;

/**
 * The shipped synthetic population (config/population/population.json, bundled into the function), indexed
 * by NIK once per container. Its shape is guaranteed by the generator and checked by the unit tests, so it is
 * not validated again on every cold start.
 */
export const shippedPopulation = once(() => indexByNik(dataset as unknown as PopulationDataset));

/** The day the shipped population describes (ages are counted on it). */
export const POPULATION_AS_OF: string = (dataset as unknown as PopulationDataset).asOf;

export function indexByNik(population: PopulationDataset): PopulationIndex {
  const index = new Map<string, RegisteredPerson>();
  for (const household of population.households) {
    for (const resident of household.members) {
      if (index.has(resident.nik)) throw new Error('The population dataset holds a NIK twice');
      index.set(resident.nik, { resident, household });
    }
  }
  return index;
}

/** Whether the shipped population has this NIK living in the regency (what a desil import's rows must be). */
export const shippedResidentOfRegency = (nik: string, regencyCode: string): boolean => {
  const household = shippedPopulation().get(nik)?.household;
  return household !== undefined && regencyCodeOf(household.villageCode) === regencyCode;
};

/** The synthetic population register's residents of a village, as Garda Ampuh's list reads them. */
export const shippedVillageRegister: VillageRegister = {
  residentsOf: (villageCode) =>
    [...shippedPopulation().values()]
      .filter((person) => person.household.villageCode === villageCode)
      .map(({ resident, household }) => ({
        nik: resident.nik,
        name: resident.name,
        sex: resident.sex,
        birthDate: resident.birthDate,
        alive: resident.status === 'alive',
        hamlet: household.dusun,
        rt: household.rt,
        rw: household.rw,
        studentOnFamilyCard: resident.occupation === 'Pelajar/Mahasiswa',
      })),
};
