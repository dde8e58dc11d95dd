import { describe, expect, it } from 'vitest';
import { maskNik, parseNik } from '../../../functions/core/identity/nik.js';

describe('NIK', () => {
  it('reads region, birth date, sex and sequence from a valid NIK', () => {
    expect(parseNik('3510061208900003')).toEqual({
      regionCode: '351006',
      birthDay: 12,
      birthMonth: 8,
      birthYearTwoDigits: 90,
      sex: 'M',
      sequence: '0003',
    });
  });

  it('reads day + 40 as a woman born on that day', () => {
    expect(parseNik('3502055203850001')).toMatchObject({ birthDay: 12, birthMonth: 3, sex: 'F' });
  });

  it.each([
    ['15 digits', '351006120890000', 'format'],
    ['letters', '35100612089000AB', 'format'],
    ['month 13', '3510061213900003', 'birthDate'],
    ['31 April', '3510063104900003', 'birthDate'],
    ['29 Feb in a non-leap year', '3510062902910003', 'birthDate'],
    ['day 00', '3510060008900003', 'birthDate'],
    ['day 72 (woman, day 32)', '3510067201900003', 'birthDate'],
    ['sequence 0000', '3510061208900000', 'sequence'],
  ])('refuses %s', (_case, nik, problem) => {
    expect(parseNik(nik)).toBe(problem);
  });

  it('accepts 29 Feb in a leap year', () => {
    expect(parseNik('3510062902920003')).toMatchObject({ birthDay: 29, birthMonth: 2 });
  });

  it('masks everything but the region', () => {
    expect(maskNik('3510061208900003')).toBe('351006**********');
  });
});
