import { personHash } from '../../core/privacy/person-pseudonym.js';
import type { DesilRegistry, LookupContext, PersonQuery, RegistryResult } from '../../core/shared/ports.js';
import { text } from '../../core/shared/text.js';
import { regencyCodeOf } from '../../core/villages/places.js';
import type { DesilStore } from '../../core/welfare/desil.js';
import { loadPseudonymKey } from '../pseudonym-key.js';
import { digitsOnly } from './matching.js';

export const DESIL_REASONS = {
  notRanked: text(
    'NIK tidak ada dalam peringkat DTSEN kabupaten',
    "The NIK is not in the regency's DTSEN ranking",
  ),
} as const;

/**
 * DTSEN's desil as the regency imported it (core/welfare/desil.ts): the applicant's NIK, pseudonymised, in
 * the current import of the regency of the village asked about. It answers a fact (the decile, or "not
 * ranked"); the check stage's maxDesil, not the registry, decides whether that qualifies.
 */
export class ImportedDesilRegistry implements DesilRegistry {
  readonly registry = 'desil' as const;

  constructor(
    private readonly store: Pick<DesilStore, 'desilOf'>,
    /** Loads the pseudonym key once per container before the first lookup (adapters/pseudonym-key.ts). */
    private readonly loadKey: () => Promise<void> = loadPseudonymKey,
  ) {}

  async check(query: PersonQuery, _context: LookupContext): Promise<RegistryResult> {
    await this.loadKey();
    const desil = await this.store.desilOf(
      regencyCodeOf(query.villageCode),
      personHash(digitsOnly(query.nik)),
    );
    return desil === undefined
      ? { registry: 'desil', outcome: 'mismatch', reasons: [DESIL_REASONS.notRanked] }
      : { registry: 'desil', outcome: 'match', reasons: [], desil };
  }
}
