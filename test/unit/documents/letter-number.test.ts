import { describe, expect, it } from 'vitest';
import { formatLetterNumber, toRomanMonth } from '../../../functions/core/documents/letter-number.js';

const parts = { classificationCode: '500.2', sequence: 7, villageLetterCode: 'TMP' };

describe('formatLetterNumber', () => {
  it('writes classification / zero-padded sequence / village code / roman month / year', () => {
    // Act
    const number = formatLetterNumber({ ...parts, issuedAt: new Date('2026-11-22T03:00:00Z') });

    // Assess
    expect(number).toBe('500.2/007/TMP/XI/2026');
  });

  it('dates a letter issued at 23:30 UTC on 31 October in November, as in WIB', () => {
    // Prepare: 23:30 UTC is 06:30 the next morning in Java (UTC+7)
    const issuedAt = new Date('2026-10-31T23:30:00Z');

    // Act
    const number = formatLetterNumber({ ...parts, issuedAt });

    // Assess
    expect(number).toBe('500.2/007/TMP/XI/2026');
  });

  it('moves to the next year at midnight WIB, not at midnight UTC', () => {
    expect(formatLetterNumber({ ...parts, issuedAt: new Date('2026-12-31T16:59:59Z') })).toBe(
      '500.2/007/TMP/XII/2026',
    );
    expect(formatLetterNumber({ ...parts, issuedAt: new Date('2026-12-31T17:00:00Z') })).toBe(
      '500.2/007/TMP/I/2027',
    );
  });

  it("uses the village's own time zone when given (WIT, Papua, UTC+9)", () => {
    // Prepare: 15:30 UTC on 31 October is 22:30 in WIB but 00:30 on 1 November in WIT
    const issuedAt = new Date('2026-10-31T15:30:00Z');

    // Act & Assess
    expect(formatLetterNumber({ ...parts, issuedAt })).toBe('500.2/007/TMP/X/2026');
    expect(formatLetterNumber({ ...parts, issuedAt, timeZone: 'Asia/Jayapura' })).toBe(
      '500.2/007/TMP/XI/2026',
    );
  });

  it.each([
    [1, '001'],
    [42, '042'],
    [999, '999'],
    [1234, '1234'],
  ])('pads sequence %i to %s', (sequence, padded) => {
    const number = formatLetterNumber({ ...parts, sequence, issuedAt: new Date('2026-03-01T05:00:00Z') });
    expect(number).toBe(`500.2/${padded}/TMP/III/2026`);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects sequence %s', (sequence) => {
    expect(() => formatLetterNumber({ ...parts, sequence, issuedAt: new Date() })).toThrow(RangeError);
  });

  it.each(['', 'A/B', 'T M P'])('rejects a code that would make the number ambiguous: "%s"', (code) => {
    expect(() => formatLetterNumber({ ...parts, villageLetterCode: code, issuedAt: new Date() })).toThrow(
      RangeError,
    );
    expect(() => formatLetterNumber({ ...parts, classificationCode: code, issuedAt: new Date() })).toThrow(
      RangeError,
    );
  });

  it('rejects an invalid date', () => {
    expect(() => formatLetterNumber({ ...parts, issuedAt: new Date('nonsense') })).toThrow(RangeError);
  });
});

describe('toRomanMonth', () => {
  it('writes every month in roman numerals', () => {
    const months = Array.from({ length: 12 }, (_, i) => toRomanMonth(i + 1));
    expect(months).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']);
  });

  it.each([0, 13, 1.5])('rejects %s', (month) => {
    expect(() => toRomanMonth(month)).toThrow(RangeError);
  });
});
