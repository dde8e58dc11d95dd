import { ageOn, ofSchoolAge } from '../shared/ages.js';
import type { VillageDirectory } from '../shared/ports.js';
import { regencyCodeOf, villageFor } from '../villages/places.js';
import type { DesilStore } from './desil.js';
import { type HouseholdSurvey, latestPerHousehold, type SurveyStore } from './survey.js';

/**
 * A village's public welfare statistics (issue 13): counts from its household surveys, never a household.
 * - A count of 1–4 is shown as "< 5"; 0 is shown as 0 (nobody in that cell says nothing about any one
 *   household).
 * - Each breakdown is a partition of a total the reader knows (households, or children aged 7–18), so a
 *   lone "< 5" could be worked out by subtraction: more cells are hidden (null) until every small cell could
 *   be any of 1–4 given what is shown (complementary suppression); when even that fails, the breakdown is
 *   left out (null).
 * - Below 5 households surveyed there is no breakdown at all.
 * The latest survey of each household counts (a household surveyed again is not counted twice).
 */

export const SMALL = '< 5';
export type Cell = number | typeof SMALL | null;

export const CRITERIA_BANDS = [
  { key: '0-4', min: 0, max: 4 },
  { key: '5-8', min: 5, max: 8 },
  // 9 or more of the 14 BPS criteria: poor, by the BPS rule.
  { key: '9-14', min: 9, max: 14 },
] as const;

const PROGRAMMES = ['pkh', 'bpnt', 'pbiJk', 'bltDanaDesa'] as const;
type Programme = (typeof PROGRAMMES)[number];

export interface WelfareStatistics {
  readonly villageCode: string;
  readonly households: Cell;
  /** Households by how many of the 14 BPS criteria they meet. */
  readonly criteriaMet: Readonly<Record<string, Cell>> | null;
  /** Per programme: households that receive it and that do not. */
  readonly programmes: Readonly<
    Record<Programme, { readonly received: Cell; readonly notReceived: Cell } | null>
  > | null;
  /** Members aged 7–18 on the survey's day: in school, and not (dropped out or never went). */
  readonly schoolAge: {
    readonly children: Cell;
    readonly inSchool: Cell;
    readonly notInSchool: Cell;
  } | null;
  /** Households by their head's DTSEN desil in the regency's current import; absent when there is none. */
  readonly desil?: Readonly<Record<string, Cell>> | null;
}

const shown = (count: number): Cell => (count > 0 && count < 5 ? SMALL : count);

/**
 * Whether every small cell of a partition could be any of 1–4, knowing the total and the shown cells: the
 * hidden cells (small ones 1–4 each, hidden large ones 5 or more each) add up to what is left of the total.
 */
function protectedPartition(counts: readonly number[], hidden: ReadonlySet<number>): boolean {
  const small = counts.flatMap((count, index) => (count > 0 && count < 5 ? [index] : []));
  if (small.length === 0) return true;
  const rest = [...hidden].reduce((sum, index) => sum + (counts[index] ?? 0), 0);
  const large = [...hidden].filter((index) => (counts[index] ?? 0) >= 5).length;
  // For each small cell: the others at their least (1 per small, 5 per large) must leave it room up to 4,
  // and at their most (4 per small, unbounded once a large one is hidden) must let it be as low as 1.
  const othersMin = small.length - 1 + large * 5;
  const othersMax = large > 0 ? Number.POSITIVE_INFINITY : (small.length - 1) * 4;
  return rest - othersMin >= 4 && rest - othersMax <= 1;
}

/** A partition's cells as published: small ones "< 5", complements hidden as null, or null when it cannot be. */
export function partition<K extends string>(counts: Readonly<Record<K, number>>): Record<K, Cell> | null {
  const keys = Object.keys(counts) as K[];
  const values = keys.map((key) => counts[key]);
  const hidden = new Set(values.flatMap((count, index) => (count > 0 && count < 5 ? [index] : [])));
  // Complements: the largest shown cells first, as they widen what the small ones could be the most.
  const candidates = values
    .map((count, index) => ({ count, index }))
    .filter(({ count }) => count >= 5)
    .sort((a, b) => b.count - a.count);
  while (!protectedPartition(values, hidden)) {
    const next = candidates.shift();
    if (!next) return null;
    hidden.add(next.index);
  }
  return Object.fromEntries(
    keys.map((key, index) => [
      key,
      hidden.has(index) ? ((values[index] ?? 0) < 5 ? SMALL : null) : values[index],
    ]),
  ) as Record<K, Cell>;
}

/** The statistics of a village's surveys; `desilOfHead`: each household head's desil, absent without an import. */
export function welfareStatistics(
  villageCode: string,
  surveys: readonly HouseholdSurvey[],
  desilOfHead?: ReadonlyMap<HouseholdSurvey, number | undefined>,
): WelfareStatistics {
  const households = latestPerHousehold(surveys);
  const total = households.length;
  const count = (test: (survey: HouseholdSurvey) => boolean) => households.filter(test).length;
  if (total < 5) {
    return {
      villageCode,
      households: shown(total),
      criteriaMet: null,
      programmes: null,
      schoolAge: null,
      ...(desilOfHead ? { desil: null } : {}),
    };
  }
  const criteriaMet = partition(
    Object.fromEntries(
      CRITERIA_BANDS.map((band) => [
        band.key,
        count((survey) => survey.criteriaMet >= band.min && survey.criteriaMet <= band.max),
      ]),
    ),
  );
  const programmes = Object.fromEntries(
    PROGRAMMES.map((programme) => {
      const received = count((survey) => survey.programmes[programme]);
      return [programme, partition({ received, notReceived: total - received })];
    }),
  ) as Record<Programme, { received: Cell; notReceived: Cell } | null>;
  const children = households.flatMap((survey) =>
    survey.members.filter((member) => ofSchoolAge(ageOn(member.birthDate, survey.surveyedOn))),
  );
  const inSchool = children.filter((member) => member.school === 'masih-sekolah').length;
  const school =
    children.length < 5 ? null : partition({ inSchool, notInSchool: children.length - inSchool });
  const schoolAge = {
    children: shown(children.length),
    inSchool: children.length === 0 ? 0 : (school?.inSchool ?? null),
    notInSchool: children.length === 0 ? 0 : (school?.notInSchool ?? null),
  };
  const desil = desilOfHead
    ? partition(
        Object.fromEntries([
          ...Array.from({ length: 10 }, (_, index) => [
            String(index + 1),
            count((survey) => desilOfHead.get(survey) === index + 1),
          ]),
          ['tidak-terdata', count((survey) => desilOfHead.get(survey) === undefined)],
        ]),
      )
    : undefined;
  return {
    villageCode,
    households: total,
    criteriaMet,
    programmes,
    schoolAge,
    ...(desil === undefined ? {} : { desil }),
  };
}

export interface StatisticsDeps {
  readonly villages: VillageDirectory;
  readonly surveys: Pick<SurveyStore, 'all'>;
  readonly desil: Pick<DesilStore, 'desilsOf'>;
}

/** GET /v1/villages/{code}/welfare-statistics: public; 404 for an unknown village. */
export async function villageWelfareStatistics(
  deps: StatisticsDeps,
  villageCode: string,
): Promise<WelfareStatistics> {
  await villageFor(deps.villages, villageCode);
  const households = latestPerHousehold(await deps.surveys.all(villageCode));
  const heads = households.map(
    (survey) => survey.members.find((member) => member.relation === 'kepala-keluarga')?.person,
  );
  const desils = await deps.desil.desilsOf(
    regencyCodeOf(villageCode),
    heads.filter((person): person is string => person !== undefined),
  );
  const desilOfHead = desils
    ? new Map(households.map((survey, index) => [survey, desils.get(heads[index] ?? '')]))
    : undefined;
  return welfareStatistics(villageCode, households, desilOfHead);
}
