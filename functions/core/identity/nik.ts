/**
 * NIK (Nomor Induk Kependudukan): 16 digits = 6 region digits, birth date as DDMMYY (day + 40 for women),
 * 4 sequence digits. We check the shape and that the date part is a real calendar date; whether the person
 * exists is the population registry's answer, not ours.
 */
export interface NikParts {
  readonly regionCode: string;
  readonly birthDay: number;
  readonly birthMonth: number;
  readonly birthYearTwoDigits: number;
  readonly sex: 'M' | 'F';
  readonly sequence: string;
}

export type NikProblem = 'format' | 'birthDate' | 'sequence';

export function parseNik(nik: string): NikParts | NikProblem {
  if (!/^\d{16}$/.test(nik)) return 'format';
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const year = Number(nik.slice(10, 12));
  const sex = rawDay > 40 ? 'F' : 'M';
  const day = sex === 'F' ? rawDay - 40 : rawDay;
  if (!isCalendarDate(day, month, year)) return 'birthDate';
  const sequence = nik.slice(12);
  if (sequence === '0000') return 'sequence';
  return {
    regionCode: nik.slice(0, 6),
    birthDay: day,
    birthMonth: month,
    birthYearTwoDigits: year,
    sex,
    sequence,
  };
}

/** Two-digit years are checked against a leap-year-neutral century guess: 29 Feb needs a year divisible by 4. */
function isCalendarDate(day: number, month: number, yearTwoDigits: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = [31, yearTwoDigits % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (daysInMonth[month - 1] ?? 0);
}

/** For logs and for callers who do not need the whole number: keep the region, hide the person. */
export const maskNik = (nik: string): string => `${nik.slice(0, 6)}**********`;
