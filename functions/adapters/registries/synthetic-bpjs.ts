import type { BpjsRegistry, LookupContext, PersonQuery, RegistryResult } from '../../core/shared/ports.js';
import { text } from '../../core/shared/text.js';
import { digitsOnly } from './matching.js';
import type { PopulationIndex } from './population-data.js';

export const BPJS_REASONS = {
  notParticipant: text('NIK bukan peserta BPJS Kesehatan', 'The NIK is not a BPJS Kesehatan participant'),
} as const;

/**
 * BPJS Kesehatan (JKN) played by the shipped synthetic population. It answers a fact, not an eligibility:
 * - 'match' + bpjsClass: the NIK is an active participant, either PBI (contributions paid by the state) or
 *   a paying class 1, 2 or 3;
 * - 'mismatch' + "NIK bukan peserta BPJS Kesehatan": not an active participant (unknown to BPJS, never
 *   enrolled, or deceased, since participation ends at death).
 * Only the NIK is looked at: whether the applicant is who they say is the population registry's question.
 * The SPM (free care for the poor not yet covered) goes on only when this answers 'mismatch'; the workflow,
 * not the registry, turns a 'match' into "already insured".
 */
export class SyntheticBpjsRegistry implements BpjsRegistry {
  readonly registry = 'bpjs' as const;

  constructor(private readonly people: PopulationIndex) {}

  async check(query: PersonQuery, _context: LookupContext): Promise<RegistryResult> {
    const resident = this.people.get(digitsOnly(query.nik))?.resident;
    if (resident?.status !== 'alive' || resident.bpjs === 'none') {
      return { registry: 'bpjs', outcome: 'mismatch', reasons: [BPJS_REASONS.notParticipant] };
    }
    return { registry: 'bpjs', outcome: 'match', reasons: [], bpjsClass: resident.bpjs };
  }
}
