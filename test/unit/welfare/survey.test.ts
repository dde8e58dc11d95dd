import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../functions/core/identity/roles.js';
import type { AuditEntry } from '../../../functions/core/privacy/audit.js';
import { personHash, pseudonym, setPseudonymKey } from '../../../functions/core/privacy/person-pseudonym.js';
import {
  criteriaMet,
  type HouseholdSurvey,
  listSurveys,
  recordSurvey,
  type SurveyInput,
  surveyProblems,
} from '../../../functions/core/welfare/survey.js';
import { sampleSurvey } from '../../support/samples.js';

setPseudonymKey(randomBytes(32));

const TAMPO = '35.10.06.2001';
const TODAY = '2026-12-03';
const survey = (change: (input: SurveyInput) => SurveyInput = (input) => input) =>
  change(sampleSurvey({ withNiks: true }) as SurveyInput);
const fieldsOf = (input: SurveyInput) => surveyProblems(input, TODAY).map((issue) => issue.field);
const actor = (role: Actor['roles'][number], areas = [TAMPO]): Actor => ({
  subject: `${role}-1`,
  name: role,
  roles: [role],
  areas,
});

function memoryStore() {
  const surveys = new Map<string, HouseholdSurvey>();
  const audits: AuditEntry[] = [];
  return {
    surveys,
    audits,
    store: {
      create: async (s: HouseholdSurvey, audit: AuditEntry) => {
        const existing = surveys.get(s.id);
        if (existing) return existing;
        surveys.set(s.id, s);
        audits.push(audit);
        return undefined;
      },
      listAudited: async (village: string, audit: AuditEntry) => {
        audits.push(audit);
        return [...surveys.values()].filter((s) => s.villageCode === village);
      },
      all: async (village: string) => [...surveys.values()].filter((s) => s.villageCode === village),
      byPerson: async () => [],
    },
  };
}
const deps = (memory: ReturnType<typeof memoryStore>) => ({
  surveys: memory.store,
  clock: { now: () => new Date(`${TODAY}T03:00:00Z`) },
});

describe('what cannot be true of a household', () => {
  it('accepts the sample', () => {
    expect(fieldsOf(survey())).toEqual([]);
  });

  it.each([
    [
      'floor area 0 for 9 people',
      (s: SurveyInput) => ({
        ...s,
        housing: { ...s.housing, floorAreaM2: 0 },
        members: Array.from({ length: 9 }, (_, i) => ({
          ...s.members[i % 3],
          relation: i === 0 ? 'kepala-keluarga' : 'anak',
          nik: undefined,
        })) as SurveyInput['members'],
      }),
      'housing.floorAreaM2',
    ],
    [
      '7 meals a day',
      (s: SurveyInput) => ({ ...s, consumption: { ...s.consumption, mealsPerDay: 7 } }),
      'consumption.mealsPerDay',
    ],
    [
      'a member aged 150',
      (s: SurveyInput) => ({
        ...s,
        members: s.members.map((m, i) => (i === 2 ? { ...m, birthDate: '1876-01-01' } : m)),
      }),
      'members.2.birthDate',
    ],
    [
      'a two-year-old in school',
      (s: SurveyInput) => ({
        ...s,
        members: s.members.map((m, i) =>
          i === 2 ? { ...m, birthDate: '2024-06-01', school: 'masih-sekolah' as const } : m,
        ),
      }),
      'members.2.school',
    ],
    [
      'two heads',
      (s: SurveyInput) => ({
        ...s,
        members: s.members.map((m) => ({ ...m, relation: 'kepala-keluarga' as const })),
      }),
      'members',
    ],
    [
      'a NIK twice',
      (s: SurveyInput) => ({
        ...s,
        members: s.members.map((m, i) => (i === 1 ? { ...m, nik: s.members[0]?.nik } : m)),
      }),
      'members.1.nik',
    ],
    ['a survey dated tomorrow', (s: SurveyInput) => ({ ...s, surveyedOn: '2026-12-04' }), 'surveyedOn'],
    [
      'a family card of 15 digits',
      (s: SurveyInput) => ({ ...s, familyCardNumber: '351006100216000' }),
      'familyCardNumber',
    ],
    [
      'a negative income',
      (s: SurveyInput) => ({ ...s, head: { ...s.head, monthlyIncome: -1 } }),
      'head.monthlyIncome',
    ],
  ])('refuses %s, naming the field', (_what, change, field) => {
    expect(fieldsOf(survey(change))).toContain(field);
  });

  it('counts the 14 BPS criteria the household meets', () => {
    expect(criteriaMet(survey())).toBe(14);
    const comfortable = survey((s) => ({
      ...s,
      housing: {
        floorAreaM2: 120,
        floor: 'keramik',
        wall: 'tembok-plester',
        toilet: 'sendiri',
        lighting: 'listrik-pln',
        drinkingWater: 'ledeng',
        cookingFuel: 'gas',
      },
      consumption: { meatMilkPerWeek: 4, mealsPerDay: 3, newClothesPerYear: 3, canPayTreatment: true },
      head: { incomeSource: 'pedagang', monthlyIncome: 4_000_000, education: 'sma' },
      saleableAssets: true,
    }));
    expect(criteriaMet(comfortable)).toBe(0);
  });
});

describe('recording and reading surveys', () => {
  it('stores the household and members by pseudonym only, never a KK or NIK', async () => {
    const memory = memoryStore();
    const { survey: stored } = await recordSurvey(deps(memory), actor('enumerator'), TAMPO, survey());
    expect(stored.household).toBe(pseudonym('kk', '3510061002160001'));
    expect(stored.members[0]?.person).toBe(personHash('3510061402620001'));
    expect(stored.floorAreaPerPerson).toBe(7);
    expect(JSON.stringify(stored)).not.toMatch(/\d{16}/);
    expect(memory.audits.map((entry) => entry.action)).toEqual(['household-survey.create']);
  });

  it('returns the first answer to a resend with the same Idempotency-Key, and refuses the key for another body', async () => {
    const memory = memoryStore();
    const first = await recordSurvey(deps(memory), actor('enumerator'), TAMPO, survey(), 'offline-key-1');
    const again = await recordSurvey(deps(memory), actor('enumerator'), TAMPO, survey(), 'offline-key-1');
    expect(again).toEqual({ survey: first.survey, replayed: true });
    expect(memory.surveys.size).toBe(1);
    const other = survey((s) => ({ ...s, saleableAssets: true }));
    await expect(
      recordSurvey(deps(memory), actor('enumerator'), TAMPO, other, 'offline-key-1'),
    ).rejects.toMatchObject({
      status: 409,
    });
  });

  it("is the village's enumerators' and operator's to record; secretary and head read too, every read audited", async () => {
    const memory = memoryStore();
    for (const role of ['village_head', 'village_secretary', 'district_head', 'regency_admin'] as const) {
      await expect(recordSurvey(deps(memory), actor(role), TAMPO, survey())).rejects.toMatchObject({
        status: 403,
      });
    }
    await expect(
      recordSurvey(deps(memory), actor('enumerator', ['35.02.05.2008']), TAMPO, survey()),
    ).rejects.toMatchObject({
      status: 403,
    });
    await recordSurvey(deps(memory), actor('operator'), TAMPO, survey());
    expect(await listSurveys(deps(memory), actor('village_head'), TAMPO)).toHaveLength(1);
    await expect(
      listSurveys(deps(memory), actor('district_head', ['35.10.06']), TAMPO),
    ).rejects.toMatchObject({
      status: 403,
    });
    expect(memory.audits.map((entry) => entry.action)).toEqual([
      'household-survey.create',
      'household-survey.read',
    ]);
  });
});
