import type { ServiceRequest } from '../requests/requests.js';

/**
 * How Garda Ampuh's children are followed (issue 13, item 3): each as a welfare case of kind school-dropout
 * (core/cases/), whose dinas stage records the visit, the support given and, once the child is back, the
 * school. Read here from the cases themselves, so the list and the counts cannot disagree with them.
 */

export interface DropoutFollowUp {
  readonly caseId: string;
  readonly status: ServiceRequest['status'];
  /** YYYY-MM-DD: when the case was reported. */
  readonly openedOn: string;
  /** What the dinas recorded at its stage when the child was back in school. */
  readonly backInSchool?: { readonly school: string; readonly on: string };
}

/** A village's school-dropout cases, as the case index finds them (adapters: the index and the requests). */
export interface DropoutCases {
  ofVillage(villageCode: string): Promise<ServiceRequest[]>;
}

/** The case's follow-up: "back in school" once a stage recorded support kembali-sekolah with the school. */
export function followUpOf(request: ServiceRequest): DropoutFollowUp {
  const back = Object.values(request.records ?? {}).find(
    (records) => records.support === 'kembali-sekolah' && typeof records.schoolName === 'string',
  );
  return {
    caseId: request.id,
    status: request.status,
    openedOn: request.createdAt.slice(0, 10),
    ...(back
      ? {
          backInSchool: {
            school: String(back.schoolName),
            on: typeof back.visitDate === 'string' ? back.visitDate : request.updatedAt.slice(0, 10),
          },
        }
      : {}),
  };
}

/** The child a dropout case is about: the keyed pseudonym of their NIK, as the case keeps it. */
export const childOf = (request: ServiceRequest): string | undefined =>
  typeof request.data.child === 'string' ? request.data.child : undefined;

export interface YearCount {
  readonly year: number;
  readonly villageCode: string;
  /** Dropout cases reported that year. */
  readonly followed: number;
  /** Children back in school that year, by their case's record. */
  readonly backInSchool: number;
}

/** Counts per year and village (as Banyuwangi reported 5,191 listed and 5,093 back in 2016). */
export function yearCounts(cases: readonly ServiceRequest[]): YearCount[] {
  const counts = new Map<
    string,
    { year: number; villageCode: string; followed: number; backInSchool: number }
  >();
  const cell = (year: number, villageCode: string) => {
    const key = `${year}|${villageCode}`;
    const found = counts.get(key) ?? { year, villageCode, followed: 0, backInSchool: 0 };
    counts.set(key, found);
    return found;
  };
  for (const request of cases) {
    const followUp = followUpOf(request);
    cell(Number(followUp.openedOn.slice(0, 4)), request.villageCode).followed += 1;
    if (followUp.backInSchool)
      cell(Number(followUp.backInSchool.on.slice(0, 4)), request.villageCode).backInSchool += 1;
  }
  return [...counts.values()].sort((a, b) => a.year - b.year || a.villageCode.localeCompare(b.villageCode));
}
