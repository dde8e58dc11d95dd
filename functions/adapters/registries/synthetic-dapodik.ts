import { createHash } from 'node:crypto';
import type { SchoolEnrolment, SchoolEnrolmentRegistry } from '../../core/schooling/out-of-school.js';
import { ageOn } from '../../core/shared/ages.js';
import { POPULATION_AS_OF, type PopulationIndex } from './population-data.js';

/** The first day of the 2026/2027 school year: Dapodik records a child's class (rombel) per school year. */
const SCHOOL_YEAR_START = '2026-07-13';

const LEVELS = [
  { upTo: 12, name: 'SD Negeri' },
  { upTo: 15, name: 'SMP Negeri' },
  { upTo: Number.POSITIVE_INFINITY, name: 'SMA Negeri' },
] as const;

/**
 * Dapodik (Kemendikbud's school data) played by the shipped synthetic population: a child of 7–18 whose
 * family card says Pelajar/Mahasiswa is enrolled, and so is about one in four of those it says are out of
 * school, enrolled again when the school year began (Dapodik is updated every semester, a family card
 * rarely): those are the children the list shows as already back. The school is named after the level and
 * the child's hamlet, its NPSN drawn from the NIK; both are demo values. A real connector (Dapodik's web
 * service, through the regency's Dinas Pendidikan) would take this adapter's place behind the same port.
 */
export class SyntheticDapodik implements SchoolEnrolmentRegistry {
  constructor(private readonly people: PopulationIndex) {}

  async enrolmentsOf(niks: readonly string[]): Promise<ReadonlyMap<string, SchoolEnrolment>> {
    const enrolled = new Map<string, SchoolEnrolment>();
    for (const nik of niks) {
      const person = this.people.get(nik);
      if (person?.resident.status !== 'alive') continue;
      const age = ageOn(person.resident.birthDate, POPULATION_AS_OF);
      const draw = createHash('sha256').update(`dapodik:${nik}`).digest();
      const student = person.resident.occupation === 'Pelajar/Mahasiswa';
      if (age < 7 || age > 18 || !(student || (draw[0] ?? 0) % 4 === 0)) continue;
      const level = LEVELS.find((candidate) => age <= candidate.upTo) ?? LEVELS[0];
      enrolled.set(nik, {
        npsn: `205${String(draw.readUInt32BE(1) % 100_000).padStart(5, '0')}`,
        school: `${level.name} ${1 + ((draw[5] ?? 0) % 3)} ${person.household.dusun}`,
        since: SCHOOL_YEAR_START,
      });
    }
    return enrolled;
  }
}
