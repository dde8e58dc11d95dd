import {
  CASE_KINDS,
  type CaseKind,
  caseKindOf,
  WELFARE_CASE_SERVICES,
} from '../catalog/services/welfare-cases.js';
import { type Actor, coversVillage, type Role } from '../identity/roles.js';
import type { RequestStatus, ServiceRequest } from '../requests/requests.js';
import { yearCounts } from '../schooling/follow-ups.js';
import { ForbiddenError } from '../shared/errors.js';
import type { RequestStore } from '../shared/ports.js';
import { text } from '../shared/text.js';

/**
 * Dashboards of cases per sub-district and per regency (issue 13, item 2): open cases by kind and age, and
 * how long resolved ones took against their kind's target. Cases are found through an index item each,
 * written when the case is reported (CASE#<regency>, sorted by district and village), then read.
 */

/** One case as the index lists it. */
export interface CaseIndexEntry {
  readonly requestId: string;
  readonly villageCode: string;
  readonly kind: CaseKind;
  readonly createdAt: string;
}

export interface CaseIndex {
  /** Records a case (again, harmlessly, when a report is replayed). */
  add(entry: CaseIndexEntry): Promise<void>;
  /** The cases of a regency, or of one district of it (`area` a district code). */
  list(area: string): Promise<CaseIndexEntry[]>;
}

export interface CaseStatisticsDeps {
  readonly index: CaseIndex;
  readonly requests: Pick<RequestStore, 'get'>;
  readonly now: () => Date;
}

/** Who reads the dashboards: the UPT of a sub-district, the regency's poverty unit and its admin. */
export const CASE_DASHBOARD_READERS = [
  'upt_officer',
  'poverty_unit_officer',
  'regency_admin',
] as const satisfies readonly Role[];

export const canReadCaseStatistics = (actor: Actor, area: string): boolean =>
  actor.roles.some((role) => (CASE_DASHBOARD_READERS as readonly Role[]).includes(role)) &&
  actor.areas.some((covered) => coversVillage(covered, area));

/** How long an open case has waited. */
export const AGE_BUCKETS = ['under-1-day', '1-3-days', '3-7-days', 'over-7-days'] as const;
type AgeBucket = (typeof AGE_BUCKETS)[number];

const HOUR = 3_600_000;
const OPEN: readonly RequestStatus[] = ['SUBMITTED', 'CHECKING', 'IN_REVIEW', 'RETURNED', 'APPROVED'];

function bucketOf(hours: number): AgeBucket {
  if (hours < 24) return 'under-1-day';
  if (hours < 72) return '1-3-days';
  if (hours < 168) return '3-7-days';
  return 'over-7-days';
}

const median = (values: readonly number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round((value ?? 0) * 10) / 10;
};

const TARGET_HOURS = new Map(
  WELFARE_CASE_SERVICES.map((service) => [caseKindOf(service.code), service.targetHours] as const),
);

/**
 * The figures, per kind: open cases by age; resolved ones (closure record issued) with the median hours
 * from report to closure, the kind's target and how many met it; cases closed otherwise (rejected, expired).
 */
export function caseStatistics(
  cases: readonly Pick<ServiceRequest, 'serviceCode' | 'status' | 'createdAt' | 'updatedAt'>[],
  now: Date,
) {
  return CASE_KINDS.map((kind) => {
    const ofKind = cases.filter((item) => caseKindOf(item.serviceCode) === kind);
    const open = ofKind.filter((item) => OPEN.includes(item.status));
    const resolvedHours = ofKind
      .filter((item) => item.status === 'ISSUED')
      .map((item) => (Date.parse(item.updatedAt) - Date.parse(item.createdAt)) / HOUR);
    const targetHours = TARGET_HOURS.get(kind) ?? 0;
    const ages = Object.fromEntries(AGE_BUCKETS.map((bucket) => [bucket, 0])) as Record<AgeBucket, number>;
    for (const item of open) ages[bucketOf((now.getTime() - Date.parse(item.createdAt)) / HOUR)] += 1;
    const medianHours = median(resolvedHours);
    return {
      kind,
      open: { total: open.length, byAge: ages },
      resolved: {
        total: resolvedHours.length,
        ...(medianHours !== undefined ? { medianHours } : {}),
        targetHours,
        withinTarget: resolvedHours.filter((hours) => hours <= targetHours).length,
      },
      closedUnresolved: ofKind.length - open.length - resolvedHours.length,
    };
  });
}

/**
 * GET /v1/districts/{code}/case-statistics and /v1/regencies/{code}/case-statistics: the area's cases, counted.
 * Only counts leave: no case, household or reporter is named.
 */
export async function areaCaseStatistics(deps: CaseStatisticsDeps, actor: Actor, area: string) {
  if (!canReadCaseStatistics(actor, area)) {
    throw new ForbiddenError(
      text(
        `Anda tidak membaca statistik kasus wilayah ${area}.`,
        `You do not read the case statistics of area ${area}.`,
      ),
    );
  }
  const entries = await deps.index.list(area);
  const found = await Promise.all(entries.map((entry) => deps.requests.get(entry.requestId)));
  const cases = found.filter((request) => request !== undefined);
  const now = deps.now();
  const dropouts = cases.filter((item) => caseKindOf(item.serviceCode) === 'school-dropout');
  return {
    area,
    at: now.toISOString(),
    cases: cases.length,
    kinds: caseStatistics(cases, now),
    // Garda Ampuh's figures per year and village: children followed, and back in school.
    schoolDropouts: yearCounts(dropouts),
  };
}
