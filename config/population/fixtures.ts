import { SAWOO_CODE, SAWOO_HOUSEHOLDS, TAMPO_CODE, TAMPO_HOUSEHOLDS } from './demo-households.js';
import dataset from './population.json' with { type: 'json' };
import type { BpjsParticipation, Household, PopulationDataset, Resident, Sex } from './types.js';

/**
 * Named people of the synthetic population for tests, demos and the README. Each is ready to use as a
 * registry query (nik, name, birthDate, familyCardNumber, villageCode) and says what the registries hold
 * about them (sex, BPJS participation, status).
 *
 * Tampo and Sawoo are hand-written (demo-households.ts) and never change; `villageFixtures(code)` gives the
 * same roles for any demo village, read from the scenario households the generator puts first in every
 * village (SCENARIOS in generator.ts).
 */
export interface PopulationFixture {
  readonly nik: string;
  readonly name: string;
  readonly birthPlace: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly familyCardNumber: string;
  readonly villageCode: string;
  readonly bpjs: BpjsParticipation;
  readonly status: Resident['status'];
}

export interface VillageFixtures {
  /** Kepala Keluarga of a family with wife and children (in Tampo: Budi Santoso, poor, no BPJS). */
  readonly kkHead: PopulationFixture;
  /** A member of a poor household without BPJS: an SPM for them passes both registry checks. */
  readonly poorUninsured: PopulationFixture;
  /** BPJS class 1: an SPM for them must be returned (already insured). */
  readonly insuredClass1: PopulationFixture;
  /** BPJS PBI (state-paid): an SPM for them must be returned (already covered). */
  readonly insuredPbi: PopulationFixture;
  /** Recorded as deceased: the population check for them is a mismatch. */
  readonly deceased: PopulationFixture;
  /** The head of the deceased person's family card, who reports the death. */
  readonly deathReporter: PopulationFixture;
  /** A young couple (Kepala Keluarga and Istri on one card) whose newborn is not registered yet. */
  readonly newbornFather: PopulationFixture;
  readonly newbornMother: PopulationFixture;
}

const fixture = (household: Household, resident: Resident): PopulationFixture => ({
  nik: resident.nik,
  name: resident.name,
  birthPlace: resident.birthPlace,
  birthDate: resident.birthDate,
  sex: resident.sex,
  familyCardNumber: household.familyCardNumber,
  villageCode: household.villageCode,
  bpjs: resident.bpjs,
  status: resident.status,
});

/** The roles, read from a village's households in scenario order; throws if they are not what they should be. */
export function fixturesOf(households: readonly Household[]): VillageFixtures {
  const [family, poor, class1, pbi, death, newborn] = households;
  if (!family || !poor || !class1 || !pbi || !death || !newborn) {
    throw new Error('a village needs its six scenario households first');
  }
  const at = (
    household: Household,
    index: number,
    check: (resident: Resident) => boolean,
  ): PopulationFixture => {
    const resident = household.members[index];
    if (!resident || !check(resident)) {
      throw new Error(`family card ${household.familyCardNumber}: member ${index} does not fit its role`);
    }
    return fixture(household, resident);
  };
  const alive = (resident: Resident) => resident.status === 'alive';
  const head = (resident: Resident) => alive(resident) && resident.relation === 'Kepala Keluarga';
  const deceasedIndex = death.members.findIndex((resident) => resident.status === 'deceased');
  return {
    kkHead: at(family, 0, (resident) => head(resident) && family.members.length >= 3),
    poorUninsured: at(poor, 1, (resident) => poor.poor && alive(resident) && resident.bpjs === 'none'),
    insuredClass1: at(class1, 0, (resident) => head(resident) && resident.bpjs === '1'),
    insuredPbi: at(pbi, 0, (resident) => head(resident) && resident.bpjs === 'PBI'),
    deceased: at(death, deceasedIndex, (resident) => resident.status === 'deceased'),
    deathReporter: at(death, 0, head),
    newbornFather: at(newborn, 0, (resident) => head(resident) && resident.sex === 'M'),
    newbornMother: at(
      newborn,
      1,
      (resident) => alive(resident) && resident.relation === 'Istri' && resident.sex === 'F',
    ),
  };
}

/** Tampo, Cluring, Banyuwangi (35.10.06.2001). */
export const TAMPO_PEOPLE = fixturesOf(TAMPO_HOUSEHOLDS);
/** Sawoo, Sawoo, Ponorogo (35.02.05.2008). */
export const SAWOO_PEOPLE = fixturesOf(SAWOO_HOUSEHOLDS);

/** The applicant of the README walkthrough and test/support/fixtures.ts's validBusinessApplication. */
export const BUDI_SANTOSO = TAMPO_PEOPLE.kkHead;

export { SAWOO_CODE, TAMPO_CODE };

/** The same roles for any demo village, from the shipped dataset. */
export function villageFixtures(villageCode: string): VillageFixtures {
  const households = (dataset as unknown as PopulationDataset).households.filter(
    (household) => household.villageCode === villageCode,
  );
  return fixturesOf(households);
}
