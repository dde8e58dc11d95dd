import { describe, expect, it } from 'vitest';
import { shippedPopulation } from '../../../functions/adapters/registries/population-data.js';
import { SyntheticDapodik } from '../../../functions/adapters/registries/synthetic-dapodik.js';
import {
  outOfSchoolChildren,
  type RegisteredResident,
  type SchoolEnrolment,
  withEnrolments,
} from '../../../functions/core/schooling/out-of-school.js';
import type { HouseholdSurvey, SurveyMember } from '../../../functions/core/welfare/survey.js';
import { sampleSurvey } from '../../support/samples.js';

/** Garda Ampuh's list (issue 13, item 3) from a village's family cards, surveys and Dapodik. */
const TODAY = '2026-12-03';
const person = (nik: string) => `p:${nik}`;

const resident = (nik: string, name: string, birthDate: string, student: boolean, alive = true) =>
  ({
    nik,
    name,
    sex: 'M',
    birthDate,
    alive,
    hamlet: 'Krajan',
    rt: '01',
    rw: '02',
    studentOnFamilyCard: student,
  }) satisfies RegisteredResident;

const survey = (
  id: string,
  surveyedOn: string,
  members: SurveyMember[],
  household = 'kk-1',
): HouseholdSurvey => {
  const { familyCardNumber: _kk, members: _members, ...answers } = sampleSurvey();
  return {
    ...(answers as Omit<HouseholdSurvey, 'id'>),
    surveyedOn,
    id,
    villageCode: '35.10.06.2001',
    household,
    members,
    floorAreaPerPerson: 7,
    criteriaMet: 10,
    recordedAt: `${surveyedOn}T10:00:00Z`,
    recordedBy: { subject: 'enumerator', name: 'Enumerator' },
    inputHash: id,
  };
};

const member = (nik: string | undefined, name: string, birthDate: string, school: SurveyMember['school']) =>
  ({ ...(nik ? { person: person(nik) } : {}), name, birthDate, relation: 'anak', school }) as SurveyMember;

const RESIDENTS = [
  resident('1', 'Anak Sekolah', '2012-01-01', true),
  resident('2', 'Putus Sekolah', '2010-05-01', false),
  resident('3', 'Baru Enam', '2020-01-01', false),
  resident('4', 'Sembilan Belas', '2007-01-01', false),
  resident('5', 'Almarhum', '2012-01-01', false, false),
  resident('6', 'Tujuh Besok', '2019-12-04', false),
];

describe('the out-of-school list', () => {
  it('lists the living children of 7–18 whose family card says they are not students', () => {
    const children = outOfSchoolChildren(RESIDENTS, [], TODAY, person);
    expect(children.map((child) => [child.name, child.age, child.sources])).toEqual([
      ['Putus Sekolah', 16, ['family-card']],
    ]);
    expect(children[0]).toMatchObject({ nik: '2', hamlet: 'Krajan', rt: '01', rw: '02' });
  });

  it('adds the children the latest survey of their household says are out of school', () => {
    const older = survey('S1', '2026-03-01', [
      member('1', 'Anak Sekolah', '2012-01-01', 'tidak-sekolah-lagi'),
    ]);
    const latest = survey('S2', '2026-11-01', [
      member('1', 'Anak Sekolah', '2012-01-01', 'masih-sekolah'),
      member('2', 'Putus Sekolah', '2010-05-01', 'tidak-sekolah-lagi'),
      member(undefined, 'Tanpa NIK', '2016-02-02', 'tidak-pernah-sekolah'),
      member(undefined, 'Masih Kecil', '2021-02-02', 'belum-sekolah'),
    ]);
    const children = outOfSchoolChildren(RESIDENTS, [older, latest], TODAY, person);
    expect(children.map((child) => [child.name, child.sources, child.surveyId])).toEqual([
      ['Putus Sekolah', ['family-card', 'survey'], 'S2'],
      ['Tanpa NIK', ['survey'], 'S2'],
    ]);
    expect(children[1]).not.toHaveProperty('nik');
  });

  it('takes a household surveyed twice as its latest survey says', () => {
    const dropped = survey('S3', '2026-10-01', [
      member('1', 'Anak Sekolah', '2012-01-01', 'tidak-sekolah-lagi'),
    ]);
    const back = survey('S4', '2026-11-20', [member('1', 'Anak Sekolah', '2012-01-01', 'masih-sekolah')]);
    expect(outOfSchoolChildren(RESIDENTS, [dropped], TODAY, person).map((c) => c.name)).toContain(
      'Anak Sekolah',
    );
    expect(outOfSchoolChildren(RESIDENTS, [back, dropped], TODAY, person).map((c) => c.name)).not.toContain(
      'Anak Sekolah',
    );
  });

  it("counts Dapodik's enrolment as back in school unless a later survey says otherwise", () => {
    const since = (day: string): SchoolEnrolment => ({
      npsn: '20512345',
      school: 'SMP Negeri 1 Krajan',
      since: day,
    });
    const found = outOfSchoolChildren(
      RESIDENTS,
      [survey('S5', '2026-09-01', [member('1', 'Anak Sekolah', '2012-01-01', 'tidak-sekolah-lagi')])],
      TODAY,
      person,
    );
    const enrolled = new Map([
      ['1', since('2026-07-13')],
      ['2', since('2026-07-13')],
    ]);
    const { children, counts } = withEnrolments(found, enrolled);
    expect(children.find((child) => child.nik === '2')?.backInSchool?.school).toBe('SMP Negeri 1 Krajan');
    // Enrolled in July, surveyed out of school in September: still out.
    expect(children.find((child) => child.nik === '1')?.backInSchool).toBeUndefined();
    expect(counts).toEqual({ outOfSchool: 1, backInSchool: 1 });
  });
});

describe('the synthetic Dapodik', () => {
  const dapodik = new SyntheticDapodik(shippedPopulation());

  it('enrols the family card students of school age, and not the adults', async () => {
    // Budi Susanto (Tampo, 2009) is a student on his card; Misnadi (1962) is not of school age.
    const enrolled = await dapodik.enrolmentsOf(['3510062505090001', '3510061402620001', '0000000000000000']);
    expect([...enrolled.keys()]).toEqual(['3510062505090001']);
    expect(enrolled.get('3510062505090001')).toMatchObject({
      npsn: expect.stringMatching(/^205\d{5}$/),
      school: expect.stringMatching(/^SMA Negeri [1-3] Sidomulyo$/),
      since: '2026-07-13',
    });
  });

  it('has some out-of-school children of the family cards enrolled again this school year', async () => {
    // Ani Hartono (Muncar) is out of school on her card and back in Dapodik; Aditya Wijaya (Sawoo) is not.
    const enrolled = await dapodik.enrolmentsOf(['3510054902100001', '3502051402100001']);
    expect([...enrolled.keys()]).toEqual(['3510054902100001']);
  });
});
