import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ValidationError } from '../../../functions/core/shared/errors.js';
import {
  normaliseText,
  printableOneLine,
  stripControls,
  textProblem,
} from '../../../functions/core/shared/text-rules.js';
import { safeText } from '../../../functions/core/shared/text-schema.js';
import { parseOrThrow } from '../../../functions/core/shared/validation.js';

/** Free text on letters, notifications and staff screens (issue 10, item 4). */
describe('the free-text rule', () => {
  it.each([
    ['NUL', 'Budi\u0000Santoso'],
    ['ESC', 'Budi\u001b[31mSantoso'],
    ['BEL', 'Budi\u0007'],
    ['tab', 'Budi\tSantoso'],
    ['DEL', 'Budi\u007f'],
    ['a C1 control (NEL)', 'Budi\u0085Santoso'],
    ['a C1 control (CSI)', 'Budi\u009bSantoso'],
    ['an RTL override', 'Budi \u202eosotnaS'],
    ['an LTR embedding', '\u202aBudi'],
    ['a right-to-left isolate', 'Budi\u2067x\u2069'],
    ['a left-to-right mark', 'Budi\u200e'],
    ['a right-to-left mark', 'Budi\u200f'],
    ['an Arabic letter mark', 'Budi\u061c'],
  ])('refuses %s as a control character, on one line and on several', (_name, value) => {
    expect(textProblem(value)).toBe('control');
    expect(textProblem(value, { multiline: true })).toBe('control');
  });

  it.each([
    ['LF', 'Pengajuan KUR\nCatatan Kepala Desa: disetujui'],
    ['CR LF', 'a\r\nb'],
    ['CR', 'a\rb'],
    ['a line separator', 'a\u2028b'],
    ['a paragraph separator', 'a\u2029b'],
  ])('keeps a one-line field on one line (%s), and lets a multi-line field have it', (_name, value) => {
    expect(textProblem(value)).toBe('lineBreak');
    expect(textProblem(value, { multiline: true })).toBeUndefined();
  });

  it.each([
    ['a lone high surrogate', 'Budi\ud800'],
    ['a lone low surrogate', '\udc00Budi'],
    ['U+FFFD (invalid UTF-8, decoded)', 'Budi \ufffd'],
    ['a noncharacter (U+FDD0)', 'Budi\ufdd0'],
    ['a noncharacter (U+FFFE)', 'Budi\ufffe'],
    ['a noncharacter of another plane (U+1FFFF)', 'Budi\u{1ffff}'],
  ])('refuses broken text: %s', (_name, value) => {
    expect(textProblem(value)).toBe('invalid');
  });

  it.each([
    ['zero-width spaces', '\u200b\u200b\u200b'],
    ['zero-width joiners and a word joiner', '\u200c\u200d\u2060'],
    ['a BOM between zero-width spaces', '\u200b\ufeff\u200b'],
    ['soft hyphens', '\u00ad\u00ad\u00ad'],
    ['combining marks alone', '\u0301\u0302\u0303'],
    ['Hangul fillers', '\u3164\u3164'],
    ['zero-width spaces among spaces', ' \u200b \u200b '],
  ])('refuses text of invisible characters only: %s', (_name, value) => {
    expect(textProblem(value)).toBe('invisible');
    expect(textProblem(value, { multiline: true })).toBe('invisible');
  });

  it('accepts ordinary names and addresses, with accents, apostrophes and scripts people write', () => {
    for (const value of [
      "Ni Luh Putu Ayu Ma'ruf",
      'José Ramírez',
      'Dusun Krajan RT 01 / RW 02',
      'محمد',
      'Ōkubo 大久保',
      'Budi\u200bSantoso', // a zero-width space inside visible text carries no forgery
      '👩‍👩‍👧 Warung',
    ]) {
      expect(textProblem(value)).toBeUndefined();
    }
    expect(textProblem('')).toBeUndefined(); // empty or blank: the length rule answers, as before
    expect(textProblem('   ')).toBeUndefined();
  });

  it('normalises to NFC, trims, and turns CR LF into LF', () => {
    expect(normaliseText('  Jose\u0301  ')).toBe('José');
    expect(normaliseText('Jose\u0301')).toHaveLength(4);
    expect(normaliseText('Dusun Krajan\r\nRT 01\rRW 02')).toBe('Dusun Krajan\nRT 01\nRW 02');
  });

  it('makes any stored value printable on one line of a letter', () => {
    expect(printableOneLine('KUR\nCatatan Kepala Desa: disetujui')).toBe(
      'KUR, Catatan Kepala Desa: disetujui',
    );
    expect(printableOneLine('Budi\u0000\u202e Santoso\r\n\r\n')).toBe('Budi Santoso');
    expect(stripControls('a\u0007b\u2066c\ud800')).toBe('abc');
  });
});

describe('safeText, the API schema of a free-text field', () => {
  const parse = (value: unknown, multiline = false) =>
    parseOrThrow(
      z.object({ fullName: safeText({ min: 3, max: 10, multiline }) }),
      { fullName: value },
      { fullName: { id: 'Nama lengkap', en: 'Full name' } },
    );
  const messageOf = (value: unknown, multiline = false) => {
    try {
      parse(value, multiline);
    } catch (error) {
      if (error instanceof ValidationError) return error.issues;
    }
    return undefined;
  };

  it.each([
    ['Budi\u0000', 'Nama lengkap: berisi karakter kendali', 'Full name: contains control characters'],
    [
      '\u200b\u200b\u200b',
      'Nama lengkap: kosong (hanya karakter tak terlihat)',
      'Full name: is empty (only invisible characters)',
    ],
    [
      'Budi\nSantoso',
      'Nama lengkap: harus satu baris (tanpa baris baru)',
      'Full name: must be a single line (no line breaks)',
    ],
    [
      'Budi\ud800',
      'Nama lengkap: berisi karakter yang tidak sah (pengodean teks rusak)',
      'Full name: contains invalid characters (broken text encoding)',
    ],
  ])('answers %j with one bilingual issue naming the field', (value, id, en) => {
    expect(messageOf(value)).toEqual([{ field: 'fullName', message: { id, en } }]);
  });

  it('stores the normalised text and counts its length after normalising', () => {
    expect(parse('  Jose\u0301 ')).toEqual({ fullName: 'José' });
    expect(parse('a\r\nbc', true)).toEqual({ fullName: 'a\nbc' });
    expect(messageOf('ab')).toEqual([
      {
        field: 'fullName',
        message: expect.objectContaining({ en: 'Full name: must be at least 3 characters' }),
      },
    ]);
  });
});
