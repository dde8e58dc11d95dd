import type { FieldIssue } from '../shared/errors.js';
import { text } from '../shared/text.js';
import { normaliseText, textProblem } from '../shared/text-rules.js';
import { type Budget, rejectRows, sectionOf, wholeRupiah } from './budget.js';
import type { Progress } from './progress.js';

/**
 * Realisation per kegiatan per semester (Permendagri 20/2018 art. 68–72), recorded by the village's staff
 * against the adopted budget: what was spent in that semester (not cumulative) and where the activity stands.
 */
export type Semester = 1 | 2;

export interface ActivityRealisation {
  readonly activity: string;
  readonly amount: number;
  readonly progress: Progress;
  readonly note?: string;
}

export interface SemesterRealisation {
  readonly semester: Semester;
  /** The adopted budget version it was recorded against. */
  readonly version: number;
  readonly activities: readonly ActivityRealisation[];
  readonly recordedAt: string;
}

/** The budget (pagu) of each kegiatan: the sum of its spending lines. */
export function activityBudgets(budget: Pick<Budget, 'lines'>): Map<string, number> {
  const budgets = new Map<string, number>();
  for (const line of budget.lines) {
    if (sectionOf(line) !== 'spending' || !line.activity) continue;
    budgets.set(line.activity, (budgets.get(line.activity) ?? 0) + line.amount);
  }
  return budgets;
}

/** Realised so far per kegiatan, over the semesters up to `through`. */
export function realisedBy(
  realisation: readonly SemesterRealisation[],
  through: Semester = 2,
): Map<string, number> {
  const realised = new Map<string, number>();
  for (const semester of realisation.filter((entry) => entry.semester <= through)) {
    for (const entry of semester.activities) {
      realised.set(entry.activity, (realised.get(entry.activity) ?? 0) + entry.amount);
    }
  }
  return realised;
}

interface RawActivity {
  readonly activity: string;
  readonly amount: unknown;
  readonly progress: Progress;
  readonly note?: string;
}

/**
 * One semester's entries, checked against the adopted budget: kegiatan it holds, each once, whole rupiah,
 * and both semesters together within the kegiatan's budget.
 */
export function parseRealisation(
  budget: Pick<Budget, 'lines'>,
  entries: readonly RawActivity[],
  other: SemesterRealisation | undefined,
): ActivityRealisation[] {
  const budgets = activityBudgets(budget);
  const before = realisedBy(other ? [other] : []);
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  const problem = (index: number, field: string, id: string, en: string) =>
    issues.push({
      field: `activities[${index}].${field}`,
      message: text(`activities[${index}].${field}: ${id}`, `activities[${index}].${field}: ${en}`),
    });
  const parsed = entries.map((entry, index) => {
    const pagu = budgets.get(entry.activity);
    if (pagu === undefined)
      problem(index, 'activity', 'kegiatan tidak ada di APBDes', 'not an activity of the budget');
    else if (seen.has(entry.activity))
      problem(index, 'activity', 'kegiatan disebut dua kali', 'listed twice');
    seen.add(entry.activity);
    const amount = typeof entry.amount === 'number' ? wholeRupiah(entry.amount) : undefined;
    if (amount === undefined) problem(index, 'amount', 'bukan rupiah bulat', 'not whole rupiah');
    else if (pagu !== undefined && amount + (before.get(entry.activity) ?? 0) > pagu) {
      problem(
        index,
        'amount',
        `realisasi kedua semester melebihi anggaran kegiatan (Rp ${pagu.toLocaleString('id-ID')})`,
        `both semesters together exceed the activity's budget (Rp ${pagu.toLocaleString('id-ID')})`,
      );
    }
    if (entry.note !== undefined && textProblem(entry.note, { multiline: true })) {
      problem(index, 'note', 'teks tidak valid', 'invalid text');
    }
    return {
      activity: entry.activity,
      amount: amount ?? 0,
      progress: entry.progress,
      ...(entry.note?.trim() ? { note: normaliseText(entry.note) } : {}),
    };
  });
  if (issues.length > 0) rejectRows(issues);
  return parsed;
}
