import { ageOn } from '../shared/ages.js';
import { type LocalizedText, text } from '../shared/text.js';
import type { PopulationStatistics, StatisticsCell } from './content.js';

/** What the statistics read of one resident: no name, no NIK. */
export interface ResidentFacts {
  readonly sex: 'M' | 'F';
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  readonly hamlet: string;
  readonly alive: boolean;
  readonly education?: string;
  readonly occupation?: string;
}

/** Broad age groups: a village has a few hundred to a few thousand people, finer groups would mostly be "< 5". */
const AGE_GROUPS: readonly { readonly upTo: number; readonly label: LocalizedText }[] = [
  { upTo: 4, label: text('0–4 tahun (balita)', '0–4 years') },
  { upTo: 14, label: text('5–14 tahun', '5–14 years') },
  { upTo: 24, label: text('15–24 tahun', '15–24 years') },
  { upTo: 44, label: text('25–44 tahun', '25–44 years') },
  { upTo: 64, label: text('45–64 tahun', '45–64 years') },
  { upTo: Number.POSITIVE_INFINITY, label: text('65 tahun ke atas', '65 years and over') },
];

/** Counts of the living residents by sex, age group, education, occupation and hamlet (dusun). */
export function populationStatistics(people: readonly ResidentFacts[], asOf: string): PopulationStatistics {
  const living = people.filter((person) => person.alive);
  const tally = (labelOf: (person: ResidentFacts) => LocalizedText | undefined): StatisticsCell[] => {
    const counts = new Map<string, StatisticsCell>();
    for (const person of living) {
      const label = labelOf(person);
      if (!label) continue;
      const cell = counts.get(label.id);
      counts.set(label.id, { label, count: (cell?.count ?? 0) + 1 });
    }
    return [...counts.values()];
  };
  const byLabel = (cells: StatisticsCell[]) => cells.sort((a, b) => a.label.id.localeCompare(b.label.id));
  const byCount = (cells: StatisticsCell[]) =>
    cells.sort((a, b) => b.count - a.count || a.label.id.localeCompare(b.label.id));
  const ageGroups = tally((person) => AGE_GROUPS.find((g) => ageOn(person.birthDate, asOf) <= g.upTo)?.label);
  const same = (value: string | undefined) => (value ? text(value, value) : undefined);
  return {
    asOf,
    total: living.length,
    bySex: byLabel(
      tally((person) => (person.sex === 'F' ? text('Perempuan', 'Female') : text('Laki-laki', 'Male'))),
    ),
    byAgeGroup: AGE_GROUPS.map((group) => ageGroups.find((cell) => cell.label.id === group.label.id)).filter(
      (cell): cell is StatisticsCell => cell !== undefined,
    ),
    byEducation: byCount(tally((person) => same(person.education))),
    byOccupation: byCount(tally((person) => same(person.occupation))),
    byHamlet: byLabel(tally((person) => text(`Dusun ${person.hamlet}`, `Dusun ${person.hamlet}`))),
  };
}

/** Below this a count could point at a person: it is shown as "< 5", never as the number. */
export const SMALLEST_SHOWN = 5;

/** Printed for a cell hidden only so that a small one cannot be worked out from the total. */
export const WITHHELD = '*';

/**
 * The counts a page may print. Every cell under 5 becomes "< 5"; when that hides exactly one cell of a
 * table, the smallest other cell is withheld too ("*"), or the total minus the shown cells would give the
 * small one away (complementary suppression).
 */
export function suppressed(cells: readonly StatisticsCell[]): { label: LocalizedText; shown: string }[] {
  const small = cells.filter((cell) => cell.count < SMALLEST_SHOWN);
  const withheld =
    small.length === 1
      ? cells.filter((cell) => cell.count >= SMALLEST_SHOWN).sort((a, b) => a.count - b.count)[0]
      : undefined;
  return cells.map((cell) => ({
    label: cell.label,
    shown:
      cell.count < SMALLEST_SHOWN ? `< ${SMALLEST_SHOWN}` : cell === withheld ? WITHHELD : String(cell.count),
  }));
}

/** A table's total, under the same rule as its cells. */
export const shownTotal = (total: number): string =>
  total < SMALLEST_SHOWN ? `< ${SMALLEST_SHOWN}` : String(total);
