import { canKeepBudget } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import { type AuditEntry, auditEntry } from '../privacy/audit.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import type { Clock, VillageDirectory } from '../shared/ports.js';
import { text } from '../shared/text.js';
import { normaliseText, textProblem } from '../shared/text-rules.js';
import { villageFor } from '../villages/places.js';
import { type Budget, parseBudgetRows, type RawRow, versionName } from './budget.js';
import type { Progress } from './progress.js';
import { parseRealisation, type Semester, type SemesterRealisation } from './realisation.js';
import { type BudgetReport, budgetReport } from './report.js';
import { type BudgetSummary, budgetSummary } from './summary.js';

/** A village's budget year as stored: its versions, oldest first, and the semesters' realisation. */
export interface BudgetYear {
  readonly versions: readonly Budget[];
  readonly realisation: readonly SemesterRealisation[];
}

export interface BudgetStore {
  year(villageCode: string, year: number): Promise<BudgetYear>;
  /**
   * Writes a draft version with its audit entry: a new version (`replacing` false: none may exist), or over
   * the same version while it is still a draft. False when that no longer holds (nothing written).
   */
  putDraft(budget: Budget, replacing: boolean, audit: AuditEntry): Promise<boolean>;
  /**
   * Writes a semester's realisation with its audit entry, provided the other semester's is still as it was
   * read (`otherRecordedAt`; undefined: still not recorded), since both together must stay within the budget.
   * False when it changed meanwhile (nothing written).
   */
  putRealisation(
    villageCode: string,
    year: number,
    realisation: SemesterRealisation,
    audit: AuditEntry,
    otherRecordedAt: string | undefined,
  ): Promise<boolean>;
  /** Marks a draft version adopted; false when it is not a draft (adopted already, or missing). */
  adopt(
    villageCode: string,
    year: number,
    version: number,
    legalProductId: string,
    at: string,
  ): Promise<boolean>;
}

export interface BudgetDeps {
  readonly budgets: BudgetStore;
  readonly villages: VillageDirectory;
  readonly clock: Clock;
}

const MIN_YEAR = 2015; // the first year of Dana Desa
const MAX_YEAR = 2100;

export function budgetYear(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new ValidationError(
      text(
        `Tahun anggaran tidak valid (${MIN_YEAR}–${MAX_YEAR}).`,
        `Invalid budget year (${MIN_YEAR}–${MAX_YEAR}).`,
      ),
      [{ field: 'year', message: text('tahun tidak valid', 'invalid year') }],
    );
  }
  return year;
}

function assertKeeper(actor: Actor, villageCode: string): void {
  if (!canKeepBudget(actor, villageCode)) {
    throw new ForbiddenError(
      text(
        `Hanya operator, sekretaris atau kepala desa ${villageCode}, atau admin kabupaten, yang mengisi APBDes.`,
        `Only the operator, secretary or head of village ${villageCode}, or the regency admin, keep its budget.`,
      ),
    );
  }
}

const noBudget = (villageCode: string, year: number) =>
  new NotFoundError(
    text(
      `Desa ${villageCode} belum punya APBDes ${year}.`,
      `Village ${villageCode} has no budget for ${year}.`,
    ),
  );

const changedMeanwhile = () =>
  new ConflictError(
    'BUDGET_CHANGED',
    text(
      'APBDes baru saja diubah orang lain; muat ulang lalu coba lagi.',
      'The budget was just changed by someone else; reload and try again.',
    ),
  );

export const latestAdopted = (versions: readonly Budget[]) =>
  [...versions].reverse().find((v) => v.status === 'adopted');

export interface BudgetInput {
  readonly rows: readonly RawRow[];
  readonly complaintAddress?: string;
}

/**
 * Staff enter (or import) the year's budget. The rows are checked first (known codes, whole rupiah, balanced);
 * a draft version is replaced, an adopted one is kept and the rows become the next version (APBDes
 * Perubahan), a draft until its Perdes is promulgated (adoptBudget).
 */
export async function putBudget(
  deps: BudgetDeps,
  actor: Actor,
  villageCode: string,
  year: number,
  input: BudgetInput,
): Promise<{ budget: Budget; created: boolean }> {
  assertKeeper(actor, villageCode);
  const village = await villageFor(deps.villages, villageCode);
  const lines = parseBudgetRows(input.rows);
  if (
    input.complaintAddress !== undefined &&
    (textProblem(input.complaintAddress, { multiline: true }) || !input.complaintAddress.trim())
  ) {
    throw new ValidationError(text('Alamat pengaduan tidak valid.', 'Invalid complaint address.'), [
      { field: 'complaintAddress', message: text('teks tidak valid', 'invalid text') },
    ]);
  }
  const { versions } = await deps.budgets.year(villageCode, year);
  const latest = versions.at(-1);
  const replacing = latest?.status === 'draft';
  const now = deps.clock.now().toISOString();
  const budget: Budget = {
    villageCode,
    year,
    version: replacing ? latest.version : (latest?.version ?? 0) + 1,
    status: 'draft',
    // The office is where complaints go unless the village names another address; a new version keeps it.
    complaintAddress: input.complaintAddress
      ? normaliseText(input.complaintAddress)
      : (latest?.complaintAddress ?? village.address),
    lines,
    updatedAt: now,
  };
  const audit = auditEntry(
    actor,
    'budget.put',
    { kind: 'budget', id: `${villageCode}#${year}` },
    deps.clock.now(),
    versionName(budget.version),
  );
  if (!(await deps.budgets.putDraft(budget, replacing, audit))) throw changedMeanwhile();
  return { budget, created: !replacing };
}

export interface BudgetYearView {
  readonly villageCode: string;
  readonly year: number;
  /** The latest version, draft or adopted. */
  readonly budget: Budget & { readonly versionName: string };
  readonly versions: readonly Pick<Budget, 'version' | 'status' | 'legalProductId' | 'adoptedAt'>[];
  readonly realisation: readonly SemesterRealisation[];
  readonly summary: BudgetSummary;
}

/** The public view of a village's budget year (no sign-in: publishing it is the village's duty, art. 39). */
export async function getBudgetYear(
  deps: Pick<BudgetDeps, 'budgets'>,
  villageCode: string,
  year: number,
): Promise<BudgetYearView> {
  const { versions, realisation } = await deps.budgets.year(villageCode, year);
  const latest = versions.at(-1);
  if (!latest) throw noBudget(villageCode, year);
  return {
    villageCode,
    year,
    budget: { ...latest, versionName: versionName(latest.version) },
    versions: versions.map(({ version, status, legalProductId, adoptedAt }) => ({
      version,
      status,
      ...(legalProductId ? { legalProductId, adoptedAt } : {}),
    })),
    realisation,
    summary: budgetSummary({ lines: latest.lines, realisation }),
  };
}

const notAdopted = (villageCode: string, year: number) =>
  new ConflictError(
    'BUDGET_NOT_ADOPTED',
    text(
      `APBDes ${year} desa ${villageCode} belum ditetapkan dengan Peraturan Desa.`,
      `The ${year} budget of village ${villageCode} has not been adopted by a village regulation yet.`,
    ),
  );

/** Staff record one semester's realisation against the adopted budget; recording a semester again replaces it. */
export async function recordRealisation(
  deps: BudgetDeps,
  actor: Actor,
  villageCode: string,
  year: number,
  semester: Semester,
  entries: readonly { activity: string; amount: unknown; progress: Progress; note?: string }[],
): Promise<SemesterRealisation> {
  assertKeeper(actor, villageCode);
  const { versions, realisation } = await deps.budgets.year(villageCode, year);
  if (versions.length === 0) throw noBudget(villageCode, year);
  const adopted = latestAdopted(versions);
  if (!adopted) throw notAdopted(villageCode, year);
  const other = realisation.find((entry) => entry.semester !== semester);
  const activities = parseRealisation(adopted, entries, other);
  const recorded: SemesterRealisation = {
    semester,
    version: adopted.version,
    activities,
    recordedAt: deps.clock.now().toISOString(),
  };
  const audit = auditEntry(
    actor,
    'budget.realisation',
    { kind: 'budget', id: `${villageCode}#${year}` },
    deps.clock.now(),
    `semester ${semester}`,
  );
  if (!(await deps.budgets.putRealisation(villageCode, year, recorded, audit, other?.recordedAt))) {
    throw new ConflictError(
      'BUDGET_REALISATION_CHANGED',
      text(
        `Realisasi semester ${semester === 1 ? 2 : 1} baru saja diubah orang lain; periksa lalu kirim lagi.`,
        `Semester ${semester === 1 ? 2 : 1}'s realisation was just changed by someone else; check it and send again.`,
      ),
    );
  }
  return recorded;
}

/**
 * Called by the legal-products chain when the Peraturan Desa on this budget version is promulgated: the
 * version becomes the adopted APBDes (or APBDes Perubahan). Adopting it again with the same regulation is
 * a no-op; with another, or a version that is not the latest draft, a conflict.
 */
export async function adoptBudget(
  deps: Pick<BudgetDeps, 'budgets' | 'clock'>,
  villageCode: string,
  year: number,
  version: number,
  legalProductId: string,
): Promise<Budget> {
  const { versions } = await deps.budgets.year(villageCode, year);
  const target = versions.find((candidate) => candidate.version === version);
  if (!target) throw noBudget(villageCode, year);
  if (target.status === 'adopted' && target.legalProductId === legalProductId) return target;
  const adoptedAt = deps.clock.now().toISOString();
  if (
    target.status !== 'draft' ||
    target !== versions.at(-1) ||
    !(await deps.budgets.adopt(villageCode, year, version, legalProductId, adoptedAt))
  ) {
    throw new ConflictError(
      'BUDGET_NOT_DRAFT',
      text(
        `${versionName(version)} ${year} bukan rancangan terakhir; tidak dapat ditetapkan.`,
        `${versionName(version)} ${year} is not the latest draft; it cannot be adopted.`,
      ),
    );
  }
  return { ...target, status: 'adopted', legalProductId, adoptedAt };
}

/** The art. 72 report of a semester, on the adopted budget. */
export async function semesterReport(
  deps: Pick<BudgetDeps, 'budgets' | 'villages'>,
  villageCode: string,
  year: number,
  semester: Semester,
): Promise<BudgetReport> {
  const village = await villageFor(deps.villages, villageCode);
  const { versions, realisation } = await deps.budgets.year(villageCode, year);
  if (versions.length === 0) throw noBudget(villageCode, year);
  const adopted = latestAdopted(versions);
  if (!adopted) throw notAdopted(villageCode, year);
  return budgetReport(village, adopted, realisation, semester);
}
