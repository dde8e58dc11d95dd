import { describe, expect, it } from 'vitest';
import type { ServiceRequest } from '../../../functions/core/requests/requests.js';
import { followUpOf, yearCounts } from '../../../functions/core/schooling/follow-ups.js';

/** Garda Ampuh's follow-ups read from the school-dropout cases (issue 13, item 3). */
const dropoutCase = (
  id: string,
  villageCode: string,
  createdAt: string,
  records?: ServiceRequest['records'],
): ServiceRequest =>
  ({
    id,
    villageCode,
    serviceCode: 'KASUS-PTS',
    status: records ? 'ISSUED' : 'IN_REVIEW',
    createdAt,
    updatedAt: createdAt,
    data: { child: 'c'.repeat(64), childAge: 15, reason: 'bekerja' },
    ...(records ? { records } : {}),
  }) as unknown as ServiceRequest;

const back = (on: string, school = 'SMP Negeri 2 Tampo') => ({
  'resolution-dindik': {
    visitDate: on,
    support: 'kembali-sekolah',
    schoolName: school,
    outcome: 'tertangani',
  },
});

describe('a dropout case as a follow-up', () => {
  it('is back in school only once a stage recorded it with the school', () => {
    expect(followUpOf(dropoutCase('A', '35.10.06.2001', '2026-03-01T08:00:00Z'))).toEqual({
      caseId: 'A',
      status: 'IN_REVIEW',
      openedOn: '2026-03-01',
    });
    const paket = {
      'resolution-dindik': { visitDate: '2026-04-01', support: 'paket-b', outcome: 'tertangani' },
    };
    expect(followUpOf(dropoutCase('B', '35.10.06.2001', '2026-03-01T08:00:00Z', paket))).not.toHaveProperty(
      'backInSchool',
    );
    expect(
      followUpOf(dropoutCase('C', '35.10.06.2001', '2026-03-01T08:00:00Z', back('2026-04-02'))).backInSchool,
    ).toEqual({ school: 'SMP Negeri 2 Tampo', on: '2026-04-02' });
  });

  it('counts per year and village: followed by the year reported, back by the year of the visit', () => {
    const counts = yearCounts([
      dropoutCase('A', '35.10.06.2001', '2025-11-20T08:00:00Z', back('2026-01-10')),
      dropoutCase('B', '35.10.06.2001', '2026-02-01T08:00:00Z'),
      dropoutCase('C', '35.10.06.2002', '2026-05-01T08:00:00Z', back('2026-06-01')),
    ]);
    expect(counts).toEqual([
      { year: 2025, villageCode: '35.10.06.2001', followed: 1, backInSchool: 0 },
      { year: 2026, villageCode: '35.10.06.2001', followed: 1, backInSchool: 1 },
      { year: 2026, villageCode: '35.10.06.2002', followed: 1, backInSchool: 1 },
    ]);
  });
});
