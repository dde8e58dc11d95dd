import type { Village } from '../villages/places.js';
import { type Budget, versionName } from './budget.js';
import type { Progress } from './progress.js';
import { activityBudgets, realisedBy, type Semester, type SemesterRealisation } from './realisation.js';
import { ACTIVITIES, BIDANG, bidangOf } from './reference.js';
import { type BudgetSummary, budgetSummary, percentOf } from './summary.js';

/**
 * The semester report the village publishes (Permendagri 20/2018 art. 72): realisation per kegiatan,
 * unfinished or cancelled kegiatan, the remaining budget, and where to send complaints.
 */
export interface ActivityReport {
  readonly activity: string;
  readonly name: string;
  readonly bidang: string;
  readonly implementers: readonly string[];
  readonly sources: readonly string[];
  readonly budget: number;
  readonly realised: number;
  readonly remaining: number;
  readonly percent: number;
  readonly progress: Progress;
}

export interface BudgetReport {
  readonly village: {
    readonly code: string;
    readonly name: string;
    readonly district: string;
    readonly regency: string;
    readonly kind: Village['kind'];
    readonly address: string;
  };
  readonly year: number;
  readonly semester: Semester;
  readonly version: number;
  readonly versionName: string;
  readonly status: Budget['status'];
  readonly legalProductId?: string;
  readonly activities: readonly ActivityReport[];
  /** Kegiatan not finished by the end of the semester, or cancelled. */
  readonly unfinished: readonly ActivityReport[];
  readonly totals: {
    readonly budget: number;
    readonly realised: number;
    readonly remaining: number;
    readonly percent: number;
  };
  readonly complaintAddress: string;
  readonly summary: BudgetSummary;
}

const distinct = (values: readonly (string | undefined)[]) =>
  [...new Set(values.filter((value): value is string => Boolean(value)))].sort();

export function budgetReport(
  village: Village,
  budget: Budget,
  realisation: readonly SemesterRealisation[],
  semester: Semester,
): BudgetReport {
  const upTo = realisation.filter((entry) => entry.semester <= semester);
  const budgets = activityBudgets(budget);
  const realised = realisedBy(upTo);
  // The latest word on each kegiatan's progress (semester 2 over semester 1).
  const progress = new Map<string, Progress>();
  for (const entry of [...upTo].sort((a, b) => a.semester - b.semester)) {
    for (const activity of entry.activities) progress.set(activity.activity, activity.progress);
  }
  const codes = [...new Set([...budgets.keys(), ...realised.keys()])].sort();
  const activities = codes.map((activity): ActivityReport => {
    const lines = budget.lines.filter((line) => line.activity === activity);
    const planned = budgets.get(activity) ?? 0;
    const spent = realised.get(activity) ?? 0;
    return {
      activity,
      name: ACTIVITIES.get(activity) ?? activity,
      bidang: BIDANG[bidangOf(activity)] ?? '',
      implementers: distinct(lines.map((line) => line.implementer)),
      sources: distinct(lines.map((line) => line.source)),
      budget: planned,
      realised: spent,
      remaining: planned - spent,
      percent: percentOf(spent, planned),
      progress: progress.get(activity) ?? 'belum',
    };
  });
  const total = (pick: (entry: ActivityReport) => number) =>
    activities.reduce((sum, entry) => sum + pick(entry), 0);
  const totals = { budget: total((a) => a.budget), realised: total((a) => a.realised) };
  return {
    village: {
      code: village.code,
      name: village.name,
      district: village.district.name,
      regency: village.regency.name,
      kind: village.kind,
      address: village.address,
    },
    year: budget.year,
    semester,
    version: budget.version,
    versionName: versionName(budget.version),
    status: budget.status,
    ...(budget.legalProductId ? { legalProductId: budget.legalProductId } : {}),
    activities,
    unfinished: activities.filter((entry) => entry.progress !== 'selesai'),
    totals: {
      ...totals,
      remaining: totals.budget - totals.realised,
      percent: percentOf(totals.realised, totals.budget),
    },
    complaintAddress: budget.complaintAddress,
    summary: budgetSummary({ lines: budget.lines, realisation: upTo }),
  };
}
