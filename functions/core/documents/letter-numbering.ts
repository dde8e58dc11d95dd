import type { ServiceDefinition } from '../catalog/types.js';
import type { DocumentRegistry } from '../shared/ports.js';
import type { Village } from '../villages/places.js';
import { calendarDateIn } from './calendar.js';
import { formatLetterNumber } from './letter-number.js';

/**
 * Draws the next letter number of the village for this service, in the village's numbering scope (one
 * sequence for all letters, one per classification code, or one per service) and calendar year (WIB).
 */
export async function drawLetterNumber(
  deps: { readonly registry: Pick<DocumentRegistry, 'nextSequence'> },
  service: ServiceDefinition,
  village: Village,
  issuedAt: Date,
): Promise<{ letterNumber: string; sequence: number; year: number; scope: string }> {
  const { year } = calendarDateIn(issuedAt);
  const scope = numberingScope(service, village);
  const sequence = await deps.registry.nextSequence(village.code, year, scope);
  const letterNumber = formatLetterNumber({
    classificationCode: service.classificationCode,
    sequence,
    villageLetterCode: village.letterCode,
    issuedAt,
  });
  return { letterNumber, sequence, year, scope };
}

export function numberingScope(service: ServiceDefinition, village: Village): string {
  switch (village.numberingScope ?? 'village') {
    case 'classification':
      return `K${service.classificationCode}`;
    case 'service':
      return `S${service.code}`;
    case 'village':
      return 'ALL';
  }
}
