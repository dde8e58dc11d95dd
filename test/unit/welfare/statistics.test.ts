import { describe, expect, it } from 'vitest';
import { partition, SMALL, welfareStatistics } from '../../../functions/core/welfare/statistics.js';
import type { HouseholdSurvey } from '../../../functions/core/welfare/survey.js';

const TAMPO = '35.10.06.2001';

const household = (index: number, change: Partial<HouseholdSurvey> = {}): HouseholdSurvey =>
  ({
    id: `S${index}`,
    villageCode: TAMPO,
    household: `kk-${index}`,
    surveyedOn: '2026-11-30',
    recordedAt: `2026-11-30T0${index % 10}:00:00Z`,
    criteriaMet: 10,
    programmes: { pkh: false, bpnt: true, pbiJk: false, bltDanaDesa: false },
    members: [
      { name: 'Kepala', birthDate: '1970-01-01', relation: 'kepala-keluarga', school: 'tidak-sekolah-lagi' },
      { name: 'Anak', birthDate: '2014-06-01', relation: 'anak', school: 'masih-sekolah' },
    ],
    ...change,
  }) as HouseholdSurvey;

const many = (count: number, change: (index: number) => Partial<HouseholdSurvey> = () => ({})) =>
  Array.from({ length: count }, (_, index) => household(index, change(index)));

describe('a partition as published', () => {
  it('shows big cells and zeros as they are', () => {
    expect(partition({ a: 12, b: 0, c: 7 })).toEqual({ a: 12, b: 0, c: 7 });
  });

  it('hides the largest other cell beside a lone small one, so subtraction cannot find it', () => {
    expect(partition({ a: 30, b: 2, c: 9 })).toEqual({ a: null, b: SMALL, c: 9 });
  });

  it('leaves a breakdown out when no complement can protect its small cell', () => {
    // 1 + 5: the hidden pair adds up to 6, and a large cell is at least 5: the small one would be 1.
    expect(partition({ a: 1, b: 5 })).toBeNull();
  });

  it('needs no complement when the small cells alone could each be anything from 1 to 4', () => {
    expect(partition({ a: 2, b: 3, c: 10 })).toEqual({ a: SMALL, b: SMALL, c: 10 });
  });
});

describe('welfare statistics', () => {
  it('gives no breakdown below 5 households', () => {
    const stats = welfareStatistics(TAMPO, many(3));
    expect(stats).toMatchObject({ households: SMALL, criteriaMet: null, programmes: null, schoolAge: null });
  });

  it('counts each household once, by its latest survey', () => {
    const resurveyed = household(1, { id: 'S1b', recordedAt: '2026-12-01T00:00:00Z', criteriaMet: 2 });
    const stats = welfareStatistics(TAMPO, [...many(12), resurveyed]);
    expect(stats.households).toBe(12);
    expect(stats.criteriaMet).toEqual({ '0-4': SMALL, '5-8': 0, '9-14': null });
  });

  it('counts programmes, school participation of 7–18 year olds and the heads’ desil', () => {
    const surveys = many(10, (index) => ({
      programmes: { pkh: index < 6, bpnt: true, pbiJk: false, bltDanaDesa: false },
    }));
    const desil = new Map(surveys.map((survey, index) => [survey, index < 5 ? 2 : 7]));
    const stats = welfareStatistics(TAMPO, surveys, desil);
    expect(stats.programmes).toMatchObject({
      // 6 and 4 of 10: the 6 is hidden too, or 10 − 6 would tell the small cell.
      pkh: { received: null, notReceived: SMALL },
      bpnt: { received: 10, notReceived: 0 },
      pbiJk: { received: 0, notReceived: 10 },
    });
    expect(stats.schoolAge).toEqual({ children: 10, inSchool: 10, notInSchool: 0 });
    expect(stats.desil).toMatchObject({ '2': 5, '7': 5, '1': 0, 'tidak-terdata': 0 });
    expect(JSON.stringify(stats)).not.toMatch(/kk-|Kepala|Anak/);
  });

  it('leaves the desil out when the regency imported no ranking', () => {
    expect(welfareStatistics(TAMPO, many(6))).not.toHaveProperty('desil');
  });
});
