import type {
  LookupContext,
  PersonQuery,
  PopulationRegistry,
  RegistryResult,
} from '../../core/shared/ports.js';
import { type LocalizedText, text } from '../../core/shared/text.js';
import { digitsOnly, sameDate, sameName } from './matching.js';
import type { PopulationIndex } from './population-data.js';

/**
 * What the population registry tells an applicant when something does not match. The reasons name the
 * field, never the registered value: the registry must not disclose a person's data to whoever types
 * their NIK (UU 27/2022 on personal data protection).
 */
export const POPULATION_REASONS = {
  unknownNik: text('NIK tidak terdaftar di data kependudukan', 'The NIK is not in the population register'),
  name: text('Nama tidak sesuai dengan data kependudukan', 'Name does not match the population record'),
  birthDate: text(
    'Tanggal lahir tidak sesuai dengan data kependudukan',
    'Birth date does not match the population record',
  ),
  familyCard: text(
    'Nomor KK tidak sesuai dengan data kependudukan',
    'Family card number does not match the population record',
  ),
  village: text(
    'NIK tidak terdaftar sebagai penduduk desa ini',
    'The NIK is not registered as a resident of this village',
  ),
  deceased: text(
    'NIK tercatat sudah meninggal dunia di data kependudukan',
    'The population record for this NIK is marked as deceased',
  ),
} as const satisfies Record<string, LocalizedText>;

/**
 * Dukcapil/SIAK played by the shipped synthetic population. A 'match' needs all of: the NIK exists, the
 * name, birth date and family card (each when given) equal the record after normalisation, the person
 * lives in the queried village, and is alive. A well-formed but unknown NIK is a mismatch, not an error.
 *
 * Identity comes first: while the name, birth date or family card disagree, only those are named, so a
 * caller who does not know the person learns nothing about where they live or whether they are alive.
 */
export class SyntheticPopulationRegistry implements PopulationRegistry {
  readonly registry = 'population' as const;

  constructor(private readonly people: PopulationIndex) {}

  async check(query: PersonQuery, _context: LookupContext): Promise<RegistryResult> {
    const person = this.people.get(digitsOnly(query.nik));
    if (!person) return mismatch([POPULATION_REASONS.unknownNik], 'unconfirmed');
    const { resident, household } = person;

    const identity: LocalizedText[] = [];
    if (query.name !== undefined && !sameName(query.name, resident.name))
      identity.push(POPULATION_REASONS.name);
    if (query.birthDate !== undefined && !sameDate(query.birthDate, resident.birthDate)) {
      identity.push(POPULATION_REASONS.birthDate);
    }
    if (
      query.familyCardNumber !== undefined &&
      digitsOnly(query.familyCardNumber) !== household.familyCardNumber
    ) {
      identity.push(POPULATION_REASONS.familyCard);
    }
    if (identity.length > 0) return mismatch(identity, 'unconfirmed');

    const standing: LocalizedText[] = [];
    if (household.villageCode !== query.villageCode.trim()) standing.push(POPULATION_REASONS.village);
    if (resident.status !== 'alive' && !query.deceased) standing.push(POPULATION_REASONS.deceased);
    return standing.length > 0
      ? mismatch(standing, 'confirmed')
      : { registry: 'population', outcome: 'match', reasons: [], identity: 'confirmed' };
  }
}

const mismatch = (
  reasons: readonly LocalizedText[],
  identity: NonNullable<RegistryResult['identity']>,
): RegistryResult => ({ registry: 'population', outcome: 'mismatch', reasons, identity });
