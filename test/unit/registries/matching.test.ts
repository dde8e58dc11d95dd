import { describe, expect, it } from 'vitest';
import { digitsOnly, normaliseName, sameName } from '../../../functions/adapters/registries/matching.js';

describe('name matching in the synthetic registries', () => {
  it.each([
    ['case', 'BUDI SANTOSO'],
    ['surrounding and repeated spaces', '  Budi   Santoso '],
    ['tabs and line breaks', 'Budi\tSantoso\n'],
    ['accents', 'Búdi Sántoso'],
    ['decomposed accents', 'Bu\u0301di Santoso'],
  ])('ignores %s', (_case, typed) => {
    expect(sameName(typed, 'Budi Santoso')).toBe(true);
  });

  it.each([
    ['a one-letter typo', 'Budi Santosa'],
    ['a missing name', 'Budi'],
    ['an extra name', 'Budi Santoso Putra'],
    ['joined names', 'BudiSantoso'],
    ['an empty name', ''],
  ])('does not forgive %s', (_case, typed) => {
    expect(sameName(typed, 'Budi Santoso')).toBe(false);
  });

  it('treats the apostrophe variants people type as one', () => {
    expect(normaliseName('Ma\u2019ruf')).toBe(normaliseName("Ma'ruf"));
  });

  it('compares numbers digit for digit, ignoring the spaces, dots and dashes people type', () => {
    expect(digitsOnly('3510 0612 0890 0003')).toBe('3510061208900003');
    expect(digitsOnly('35.10.06-1208900003')).toBe('3510061208900003');
  });
});
