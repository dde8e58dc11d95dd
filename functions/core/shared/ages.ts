/** Completed years between a birth date and a day (both YYYY-MM-DD): a birthday counts from its own day. */
export function ageOn(birthDate: string, day: string): number {
  const [by = 0, bm = 0, bd = 0] = birthDate.split('-').map(Number);
  const [y = 0, m = 0, d = 0] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The ages of compulsory schooling (wajib belajar 12 tahun: primary to upper secondary). */
export const SCHOOL_AGE = { min: 7, max: 18 } as const;

export const ofSchoolAge = (age: number): boolean => age >= SCHOOL_AGE.min && age <= SCHOOL_AGE.max;
