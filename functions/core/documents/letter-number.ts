import { calendarDateIn, DEFAULT_TIME_ZONE } from './calendar.js';

export interface LetterNumberParts {
  /** Classification code of the service (Permendagri 83/2022), e.g. "500.2". */
  readonly classificationCode: string;
  /** The village's running number for the year, assigned atomically at signing (1, 2, ...). */
  readonly sequence: number;
  /** The village's short code, e.g. "TMP". */
  readonly villageLetterCode: string;
  readonly issuedAt: Date;
  /** The village's time zone; month and year are those of the village's calendar. @default Asia/Jakarta */
  readonly timeZone?: string;
}

const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;

/** Letter numbers write the month in Roman numerals: November is XI. */
export const toRomanMonth = (month: number): string => {
  const roman = Number.isInteger(month) ? ROMAN_MONTHS[month - 1] : undefined;
  if (roman === undefined) throw new RangeError(`Month must be an integer from 1 to 12, got ${month}`);
  return roman;
};

// A slash or whitespace inside a part would make the number ambiguous to read back (and to verify).
const CODE = /^[^\s/]+$/;

const assertCode = (value: string, what: string): void => {
  if (!CODE.test(value))
    throw new RangeError(`${what} must be non-empty, without "/" or spaces, got "${value}"`);
};

/**
 * The village convention `[classification]/[sequence]/[village code]/[roman month]/[year]`, e.g.
 * `500.2/007/TMP/XI/2026`. The sequence is zero-padded to three digits and grows past 999 when it must.
 */
export const formatLetterNumber = ({
  classificationCode,
  sequence,
  villageLetterCode,
  issuedAt,
  timeZone = DEFAULT_TIME_ZONE,
}: LetterNumberParts): string => {
  assertCode(classificationCode, 'classificationCode');
  assertCode(villageLetterCode, 'villageLetterCode');
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  }
  const { year, month } = calendarDateIn(issuedAt, timeZone);
  return [
    classificationCode,
    String(sequence).padStart(3, '0'),
    villageLetterCode,
    toRomanMonth(month),
    year,
  ].join('/');
};
