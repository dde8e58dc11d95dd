import { canReadOutOfSchool } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import { auditEntry } from '../privacy/audit.js';
import { personHash } from '../privacy/person-pseudonym.js';
import { ageOn, ofSchoolAge } from '../shared/ages.js';
import { ForbiddenError } from '../shared/errors.js';
import type { Clock } from '../shared/ports.js';
import { text } from '../shared/text.js';
import { type HouseholdSurvey, latestPerHousehold, type SurveyStore } from '../welfare/survey.js';
import {
  childOf,
  type DropoutCases,
  type DropoutFollowUp,
  followUpOf,
  type YearCount,
  yearCounts,
} from './follow-ups.js';

/**
 * Children back to school (issue 13, item 3; Banyuwangi's Garda Ampuh): which children of a village aged
 * 7–18 are not in school. Two sources name them, the family card (SIAK's "Pekerjaan" is not
 * Pelajar/Mahasiswa) and the poverty team's latest survey of the household (the member's school participation
 * is "no longer" or "never"); the school enrolment register (Dapodik) then says who is already back, since a
 * family card is updated rarely and Dapodik every semester.
 */

/** What the population register says of one resident of the village (the port's answer). */
export interface RegisteredResident {
  readonly nik: string;
  readonly name: string;
  readonly sex: 'M' | 'F';
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  readonly alive: boolean;
  readonly hamlet: string;
  readonly rt: string;
  readonly rw: string;
  /** The family card's "Pekerjaan" says Pelajar/Mahasiswa. */
  readonly studentOnFamilyCard: boolean;
}

/** The population register, asked for a village's residents (synthetic over the shipped population today). */
export interface VillageRegister {
  residentsOf(villageCode: string): readonly RegisteredResident[];
}

export interface SchoolEnrolment {
  /** Nomor Pokok Sekolah Nasional: 8 digits. */
  readonly npsn: string;
  readonly school: string;
  /** YYYY-MM-DD: the first day of the enrolment Dapodik records. */
  readonly since: string;
}

/** The school enrolment register (Dapodik): who is enrolled where, by NIK. */
export interface SchoolEnrolmentRegistry {
  enrolmentsOf(niks: readonly string[]): Promise<ReadonlyMap<string, SchoolEnrolment>>;
}

export type OutOfSchoolSource = 'family-card' | 'survey';

export interface OutOfSchoolChild {
  /** In the answer's body only, for the staff who open a case; never in a URL or a log. */
  readonly nik?: string;
  readonly name: string;
  readonly sex?: 'M' | 'F';
  readonly age: number;
  readonly hamlet?: string;
  readonly rt?: string;
  readonly rw?: string;
  /** Which sources say the child is out of school. */
  readonly sources: readonly OutOfSchoolSource[];
  /** The survey that says so, when one does, and the day it was taken. */
  readonly surveyId?: string;
  readonly surveyedOn?: string;
  /** Dapodik's enrolment, when the child is already back: the child stays listed so the count is honest. */
  readonly backInSchool?: SchoolEnrolment;
  /** The school-dropout case that follows the child, once one is reported. */
  readonly followUp?: DropoutFollowUp;
}

export interface OutOfSchoolList {
  readonly villageCode: string;
  readonly asOf: string;
  readonly children: readonly OutOfSchoolChild[];
  readonly counts: { readonly outOfSchool: number; readonly backInSchool: number };
  /** The village's dropout cases counted per year: followed, and back in school by their record. */
  readonly years: readonly YearCount[];
}

const OUT_OF_SCHOOL = new Set(['tidak-sekolah-lagi', 'tidak-pernah-sekolah']);

/**
 * The village's children aged 7–18 (on `today`) out of school by either source, merged by person (the
 * survey names a member by their NIK's pseudonym, `personOf` takes it of a registered NIK). A survey member
 * without a NIK is listed by name; a deceased resident is not listed.
 */
export function outOfSchoolChildren(
  residents: readonly RegisteredResident[],
  surveys: readonly HouseholdSurvey[],
  today: string,
  personOf: (nik: string) => string,
): OutOfSchoolChild[] {
  const surveyed = new Map<string, { survey: HouseholdSurvey; out: boolean }>();
  const unregistered: OutOfSchoolChild[] = [];
  const living = residents.filter((resident) => resident.alive);
  const registeredPeople = new Set(living.map((resident) => personOf(resident.nik)));
  for (const survey of latestPerHousehold(surveys)) {
    for (const member of survey.members) {
      const age = ageOn(member.birthDate, today);
      if (!ofSchoolAge(age)) continue;
      const out = OUT_OF_SCHOOL.has(member.school);
      if (member.person && registeredPeople.has(member.person)) {
        surveyed.set(member.person, { survey, out });
      } else if (out) {
        unregistered.push({
          name: member.name,
          age,
          sources: ['survey'],
          surveyId: survey.id,
          surveyedOn: survey.surveyedOn,
        });
      }
    }
  }
  const registered: OutOfSchoolChild[] = [];
  for (const resident of living) {
    const age = ageOn(resident.birthDate, today);
    if (!ofSchoolAge(age)) continue;
    const survey = surveyed.get(personOf(resident.nik));
    const sources: OutOfSchoolSource[] = [
      ...(resident.studentOnFamilyCard ? [] : ['family-card' as const]),
      ...(survey?.out ? ['survey' as const] : []),
    ];
    if (sources.length === 0) continue;
    registered.push({
      nik: resident.nik,
      name: resident.name,
      sex: resident.sex,
      age,
      hamlet: resident.hamlet,
      rt: resident.rt,
      rw: resident.rw,
      sources,
      ...(survey?.out ? { surveyId: survey.survey.id, surveyedOn: survey.survey.surveyedOn } : {}),
    });
  }
  const byPlace = (a: OutOfSchoolChild, b: OutOfSchoolChild) =>
    (a.hamlet ?? '').localeCompare(b.hamlet ?? '') || a.name.localeCompare(b.name);
  return [...registered.sort(byPlace), ...unregistered.sort(byPlace)];
}

export interface OutOfSchoolDeps {
  readonly register: VillageRegister;
  readonly cases: DropoutCases;
  readonly enrolment: SchoolEnrolmentRegistry;
  readonly surveys: Pick<SurveyStore, 'listAudited'>;
  readonly clock: Clock;
}

export const OUT_OF_SCHOOL_READ = 'out-of-school.read';

/**
 * GET /v1/villages/{code}/out-of-school-children: the village's list for those who follow the children up.
 * Names, ages and places of children are personal data: the read is audited before anything is answered.
 * Dapodik is asked only for the children the list names.
 */
export async function listOutOfSchoolChildren(
  deps: OutOfSchoolDeps,
  actor: Actor,
  villageCode: string,
): Promise<OutOfSchoolList> {
  if (!canReadOutOfSchool(actor, villageCode)) {
    throw new ForbiddenError(
      text(
        `Anda tidak mendampingi anak putus sekolah Desa ${villageCode}.`,
        `You do not follow up the out-of-school children of village ${villageCode}.`,
      ),
    );
  }
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  const audit = auditEntry(actor, OUT_OF_SCHOOL_READ, { kind: 'survey', id: villageCode }, now);
  const surveys = await deps.surveys.listAudited(villageCode, audit);
  const residents = deps.register.residentsOf(villageCode);
  const found = outOfSchoolChildren(residents, surveys, today, personHash);
  const [enrolments, cases] = await Promise.all([
    deps.enrolment.enrolmentsOf(found.flatMap((child) => child.nik ?? [])),
    deps.cases.ofVillage(villageCode),
  ]);
  // A child followed twice (a case closed, another reported) shows the latest case.
  const byChild = new Map(
    [...cases].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((item) => [childOf(item), item]),
  );
  const followed = found.map((child) => {
    const item = child.nik ? byChild.get(personHash(child.nik)) : undefined;
    return item ? { ...child, followUp: followUpOf(item) } : child;
  });
  return { villageCode, asOf: today, ...withEnrolments(followed, enrolments), years: yearCounts(cases) };
}

/**
 * Marks the children back in school, who stay listed, counted apart: by their case's record, or by Dapodik's
 * enrolment. An enrolment that began
 * before the survey saying the child is out of school is stale (Dapodik is updated once a semester, a child
 * leaves in its middle): the survey wins. The family card carries no date and is always the older source.
 */
export function withEnrolments(
  found: readonly OutOfSchoolChild[],
  enrolments: ReadonlyMap<string, SchoolEnrolment>,
): Pick<OutOfSchoolList, 'children' | 'counts'> {
  const children = found.map((child) => {
    const backInSchool = child.nik ? enrolments.get(child.nik) : undefined;
    const current = backInSchool && !(child.surveyedOn && backInSchool.since <= child.surveyedOn);
    return current ? { ...child, backInSchool } : child;
  });
  const backInSchool = children.filter((child) => child.backInSchool || child.followUp?.backInSchool).length;
  return { children, counts: { outOfSchool: children.length - backInSchool, backInSchool } };
}
