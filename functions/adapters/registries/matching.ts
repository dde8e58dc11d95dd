/**
 * How the synthetic registries compare what an applicant typed with what the registry holds: exact after
 * normalisation, never fuzzy (a typo is a mismatch the applicant corrects, not a guess the registry makes).
 */

/** Case, accents, apostrophe variants and runs of whitespace do not count; every letter does. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .toLocaleLowerCase('id')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Family-card and NIK numbers are compared digit for digit; spaces, dots and dashes people type are ignored. */
export const digitsOnly = (value: string): string => value.replace(/[\s.-]/g, '');

export const sameName = (declared: string, registered: string): boolean =>
  normaliseName(declared) === normaliseName(registered);

/** Birth dates are ISO calendar dates (YYYY-MM-DD); surrounding whitespace is ignored. */
export const sameDate = (declared: string, registered: string): boolean => declared.trim() === registered;
