import { describe, expect, it } from 'vitest';
import {
  consentRecord,
  decisionBody,
  documentReasonBody,
  nikActivationBody,
  staffBody,
  submitRequestBody,
  villageBody,
} from '../../../functions/api/schemas.js';
import { ValidationError } from '../../../functions/core/shared/errors.js';
import { parseOrThrow } from '../../../functions/core/shared/validation.js';

/**
 * Free text outside the catalog's forms reaches letters (village names, addresses, signer names),
 * notifications and staff screens (decision notes, reasons, names at the counter): the same text rule as
 * the forms (issue 10, item 4).
 */
const village = {
  name: 'Sumberarum',
  kind: 'desa',
  district: { code: '35.10.06', name: 'Cluring' },
  regency: { code: '35.10', name: 'Banyuwangi' },
  province: 'Jawa Timur',
  address: 'Jl. Raya Sumberarum No. 1, Kec. Cluring',
  head: { name: 'Hj. Siti Marwiyah', title: { id: 'Kepala Desa', en: 'Village Head' } },
  letterCode: 'SMR',
  services: ['SKU'],
};
const consent = {
  method: 'verbal-witnessed',
  recordedAt: '2026-12-01T08:00:00+07:00',
  witnessName: 'Pak RT',
};

function issuesOf(schema: Parameters<typeof parseOrThrow>[0], input: unknown) {
  try {
    parseOrThrow(schema, input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((issue) => [issue.field, issue.message.en]);
    throw error;
  }
  return [];
}

describe('free text outside the forms follows the same rule', () => {
  it.each([
    [
      'a decision note with ESC',
      decisionBody,
      { decision: 'return', note: 'ok\u001b[2J' },
      'note',
      'control',
    ],
    [
      'a decision note of zero-width spaces',
      decisionBody,
      { decision: 'reject', note: '\u200b\u200b' },
      'note',
      'empty',
    ],
    [
      'a revocation reason with an RTL override',
      documentReasonBody,
      { reason: 'salah \u202eketik' },
      'reason',
      'control',
    ],
    [
      'a consent witness on two lines',
      consentRecord,
      { ...consent, witnessName: 'Pak RT\nKepala Desa' },
      'witnessName',
      'single line',
    ],
    [
      'a citizen name at the counter with a NUL',
      submitRequestBody,
      { serviceCode: 'SKU', villageCode: '35.10.12.2001', data: {}, citizen: { name: 'Budi\u0000' } },
      'citizen.name',
      'control',
    ],
    [
      'a NIK activation name (as on the KTP) with a lone surrogate',
      nikActivationBody,
      { nik: '3510061208900003', name: 'Budi\ud800' },
      'name',
      'invalid',
    ],
    [
      'a village address on two lines (letterhead)',
      villageBody,
      { ...village, address: 'Jl. Raya\nKepala Desa: Palsu' },
      'address',
      'single line',
    ],
    [
      'a village head name of soft hyphens',
      villageBody,
      { ...village, head: { ...village.head, name: '\u00ad\u00ad\u00ad' } },
      'head.name',
      'empty',
    ],
    ['a village name with a BEL', villageBody, { ...village, name: 'Sumber\u0007arum' }, 'name', 'control'],
    [
      'an announcement with U+FFFD',
      villageBody,
      { ...village, announcements: [{ id: 'Buka \ufffd', en: 'Open' }] },
      'announcements.0.id',
      'invalid',
    ],
    [
      'a staff name with a line separator',
      staffBody,
      { username: 'op.x', name: 'Dewi\u2028Kades', role: 'operator' },
      'name',
      'single line',
    ],
  ])('refuses %s, naming the field', (_case, schema, input, field, message) => {
    expect(issuesOf(schema, input)).toEqual([[field, expect.stringContaining(message)]]);
  });

  it('keeps multi-line notes and announcements, normalised', () => {
    expect(
      parseOrThrow(decisionBody, { decision: 'return', note: ' Lengkapi:\r\n- KK\r\n- KTP ' }).note,
    ).toBe('Lengkapi:\n- KK\n- KTP');
    expect(parseOrThrow(villageBody, village).address).toBe(village.address);
  });
});
