import { createHash } from 'node:crypto';
import { canReadSurveys, canRecordSurvey } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import { type AuditEntry, auditEntry } from '../privacy/audit.js';
import { personHash, pseudonym } from '../privacy/person-pseudonym.js';
import { ageOn } from '../shared/ages.js';
import { ConflictError, type FieldIssue, ForbiddenError, ValidationError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Clock } from '../shared/ports.js';
import { text } from '../shared/text.js';
import type {
  COOKING_FUEL,
  EDUCATION,
  FLOORS,
  INCOME_SOURCES,
  LIGHTING,
  RELATIONS,
  SCHOOLING,
  TOILETS,
  WALLS,
  WATER,
} from './survey-fields.js';

/**
 * A household survey by the village poverty team (issue 13, item 1): the 14 BPS poverty criteria as the
 * Regsosek-style fields OpenSID's DTKS module uses, the programmes the household receives and each member's
 * school participation. The household is named by its family card number's keyed pseudonym and each member
 * by their NIK's: no KK or NIK is stored, logged or put in a URL.
 */

export {
  COOKING_FUEL,
  EDUCATION,
  FLOORS,
  INCOME_SOURCES,
  LIGHTING,
  RELATIONS,
  SCHOOLING,
  TOILETS,
  WALLS,
  WATER,
} from './survey-fields.js';

export interface SurveyMemberInput {
  /** Optional: a member without a NIK (a newborn not registered yet) is recorded by name and birth date. */
  readonly nik?: string;
  readonly name: string;
  readonly birthDate: string;
  readonly relation: (typeof RELATIONS)[number];
  readonly school: (typeof SCHOOLING)[number];
}

export interface SurveyInput {
  readonly familyCardNumber: string;
  /** When the enumerator took it (offline, it may be days before it is sent). */
  readonly surveyedOn: string;
  /** The hamlet (dusun) the household lives in: how the musdes list names it, beside its head. */
  readonly hamlet?: string;
  readonly housing: {
    readonly floorAreaM2: number;
    readonly floor: (typeof FLOORS)[number];
    readonly wall: (typeof WALLS)[number];
    readonly toilet: (typeof TOILETS)[number];
    readonly lighting: (typeof LIGHTING)[number];
    readonly drinkingWater: (typeof WATER)[number];
    readonly cookingFuel: (typeof COOKING_FUEL)[number];
  };
  readonly consumption: {
    readonly meatMilkPerWeek: number;
    readonly mealsPerDay: number;
    readonly newClothesPerYear: number;
    readonly canPayTreatment: boolean;
  };
  readonly head: {
    readonly incomeSource: (typeof INCOME_SOURCES)[number];
    readonly monthlyIncome: number;
    readonly education: (typeof EDUCATION)[number];
  };
  /** Savings or assets worth at least Rp500,000 that are easy to sell (the 14th BPS criterion). */
  readonly saleableAssets: boolean;
  readonly programmes: {
    readonly pkh: boolean;
    readonly bpnt: boolean;
    readonly pbiJk: boolean;
    readonly bltDanaDesa: boolean;
  };
  readonly members: readonly SurveyMemberInput[];
}

export interface SurveyMember extends Omit<SurveyMemberInput, 'nik'> {
  /** personHash(NIK), when the member has one. */
  readonly person?: string;
}

export interface HouseholdSurvey extends Omit<SurveyInput, 'familyCardNumber' | 'members'> {
  readonly id: string;
  readonly villageCode: string;
  /** pseudonym('kk', family card number). */
  readonly household: string;
  readonly members: readonly SurveyMember[];
  /** The first BPS criterion as asked: floor area per person, m². */
  readonly floorAreaPerPerson: number;
  /** How many of the 14 BPS criteria the household meets (9 or more: poor, by the BPS rule). */
  readonly criteriaMet: number;
  readonly recordedAt: string;
  readonly recordedBy: { readonly subject: string; readonly name: string };
  /** SHA-256 of the input as sent: a replay with the same Idempotency-Key and another body is refused. */
  readonly inputHash: string;
}

export interface SurveyStore {
  /**
   * Writes the survey, the members' person index and its audit entry in one transaction, unless a survey
   * with its id exists: then answers that one (nothing written).
   */
  create(survey: HouseholdSurvey, audit: AuditEntry): Promise<HouseholdSurvey | undefined>;
  /** A village's surveys, after the read's audit entry is written (fail closed). */
  listAudited(villageCode: string, audit: AuditEntry): Promise<HouseholdSurvey[]>;
  /** A village's surveys, unaudited: for counts that show no household (statistics.ts). */
  all(villageCode: string): Promise<HouseholdSurvey[]>;
  /** The surveys naming this person (by NIK pseudonym) as a member. */
  byPerson(person: string): Promise<HouseholdSurvey[]>;
}

export interface SurveyDeps {
  readonly surveys: SurveyStore;
  readonly clock: Clock;
}

const issue = (field: string, id: string, en: string): FieldIssue => ({
  field,
  message: text(`${field}: ${id}`, `${field}: ${en}`),
});

const isDay = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/**
 * What cannot be true of a household, each problem naming its field: a floor area of 0 (or a palace), more
 * meals a day than people eat, a member aged over 120 or born after the survey, a child in school at two,
 * no head or two, one NIK twice, a survey dated in the future.
 */
export function surveyProblems(input: SurveyInput, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!/^\d{16}$/.test(input.familyCardNumber)) {
    issues.push(issue('familyCardNumber', 'harus 16 angka', 'must be 16 digits'));
  }
  if (!isDay(input.surveyedOn) || input.surveyedOn > today) {
    issues.push(
      issue('surveyedOn', 'tanggal tidak valid atau di masa depan', 'not a date, or in the future'),
    );
  }
  const { housing, consumption, head } = input;
  if (!(housing.floorAreaM2 > 0 && housing.floorAreaM2 <= 5000)) {
    issues.push(
      issue(
        'housing.floorAreaM2',
        'harus lebih dari 0 dan paling banyak 5000 m²',
        'must be above 0 and at most 5000 m²',
      ),
    );
  }
  const whole = (field: string, value: number, max: number) => {
    if (!Number.isInteger(value) || value < 0 || value > max) {
      issues.push(issue(field, `harus bilangan bulat 0–${max}`, `must be a whole number 0–${max}`));
    }
  };
  whole('consumption.meatMilkPerWeek', consumption.meatMilkPerWeek, 21);
  whole('consumption.newClothesPerYear', consumption.newClothesPerYear, 52);
  if (
    !Number.isInteger(consumption.mealsPerDay) ||
    consumption.mealsPerDay < 1 ||
    consumption.mealsPerDay > 5
  ) {
    issues.push(issue('consumption.mealsPerDay', 'harus bilangan bulat 1–5', 'must be a whole number 1–5'));
  }
  whole('head.monthlyIncome', head.monthlyIncome, 1_000_000_000);
  if (input.members.length < 1 || input.members.length > 30) {
    issues.push(issue('members', 'harus 1–30 anggota', 'must list 1–30 members'));
  }
  if (input.members.filter((member) => member.relation === 'kepala-keluarga').length !== 1) {
    issues.push(
      issue('members', 'harus tepat satu kepala keluarga', 'must have exactly one head of household'),
    );
  }
  const niks = new Set<string>();
  input.members.forEach((member, index) => {
    const at = `members.${index}`;
    if (member.nik !== undefined) {
      if (!/^\d{16}$/.test(member.nik))
        issues.push(issue(`${at}.nik`, 'harus 16 angka', 'must be 16 digits'));
      else if (niks.has(member.nik)) issues.push(issue(`${at}.nik`, 'NIK sudah disebut', 'NIK listed twice'));
      niks.add(member.nik);
    }
    if (member.name.trim().length < 2 || member.name.length > 100) {
      issues.push(issue(`${at}.name`, 'harus 2–100 huruf', 'must be 2–100 characters'));
    }
    const age = isDay(member.birthDate) ? ageOn(member.birthDate, today) : -1;
    if (age < 0 || age > 120) {
      issues.push(issue(`${at}.birthDate`, 'umur harus 0–120 tahun', 'age must be 0–120 years'));
    } else if (member.school === 'masih-sekolah' && age < 4) {
      issues.push(issue(`${at}.school`, 'terlalu muda untuk bersekolah', 'too young to be in school'));
    }
  });
  return issues;
}

/**
 * The 14 BPS criteria (Badan Pusat Statistik, 2005 PSE): how many the household meets. Used for the list's
 * overview only: DTSEN's desil, not this count, decides programmes.
 */
export function criteriaMet(input: SurveyInput): number {
  const { housing, consumption, head } = input;
  const perPerson = housing.floorAreaM2 / Math.max(1, input.members.length);
  return [
    perPerson < 8,
    ['tanah', 'bambu', 'kayu-murah'].includes(housing.floor),
    ['bambu-rumbia', 'kayu-murah', 'tembok-tanpa-plester'].includes(housing.wall),
    housing.toilet !== 'sendiri',
    housing.lighting !== 'listrik-pln',
    ['sumur-mata-air-tak-terlindung', 'sungai-air-hujan'].includes(housing.drinkingWater),
    ['kayu-arang', 'minyak-tanah'].includes(housing.cookingFuel),
    consumption.meatMilkPerWeek <= 1,
    consumption.newClothesPerYear <= 1,
    consumption.mealsPerDay <= 2,
    !consumption.canPayTreatment,
    [
      'petani-lahan-kecil',
      'buruh-tani',
      'nelayan',
      'buruh-bangunan',
      'buruh-perkebunan',
      'tidak-bekerja',
    ].includes(head.incomeSource) || head.monthlyIncome < 600_000,
    ['tidak-sekolah', 'tidak-tamat-sd', 'sd'].includes(head.education),
    !input.saleableAssets,
  ].filter(Boolean).length;
}

const forbidden = (villageCode: string): ForbiddenError =>
  new ForbiddenError(
    text(
      `Anda tidak mendata atau membaca data kesejahteraan Desa ${villageCode}.`,
      `You do not survey or read the welfare data of village ${villageCode}.`,
    ),
  );

export const SURVEY_READ = 'household-survey.read';

/**
 * POST /v1/villages/{code}/household-surveys: an enumerator (or the operator) of the village records a
 * survey. With an Idempotency-Key the survey's id follows from the caller and the key, so a resend (the
 * console's offline outbox sending again after a lost answer) returns the first answer and writes nothing;
 * the same key with another body is a 409.
 */
export async function recordSurvey(
  deps: SurveyDeps,
  actor: Actor,
  villageCode: string,
  input: SurveyInput,
  idempotencyKey?: string,
): Promise<{ survey: HouseholdSurvey; replayed: boolean }> {
  if (!canRecordSurvey(actor, villageCode)) throw forbidden(villageCode);
  const now = deps.clock.now();
  const problems = surveyProblems(input, now.toISOString().slice(0, 10));
  if (problems.length > 0) {
    const [first] = problems;
    throw new ValidationError(
      text(`Survei tidak diterima. ${first?.message.id}`, `Survey refused. ${first?.message.en}`),
      problems,
    );
  }
  const inputHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  const id = idempotencyKey
    ? `K${createHash('sha256').update(`${actor.subject}\n${villageCode}\n${idempotencyKey}`).digest('hex').slice(0, 25).toUpperCase()}`
    : newId(now);
  const { familyCardNumber, members, ...answers } = input;
  const survey: HouseholdSurvey = {
    ...answers,
    id,
    villageCode,
    household: pseudonym('kk', familyCardNumber),
    members: members.map(({ nik, ...member }) => ({
      ...member,
      ...(nik ? { person: personHash(nik) } : {}),
    })),
    floorAreaPerPerson: Math.round((input.housing.floorAreaM2 / members.length) * 10) / 10,
    criteriaMet: criteriaMet(input),
    recordedAt: now.toISOString(),
    recordedBy: { subject: actor.subject, name: actor.name },
    inputHash,
  };
  const existing = await deps.surveys.create(
    survey,
    auditEntry(actor, 'household-survey.create', { kind: 'survey', id: villageCode }, now, `survey ${id}`),
  );
  if (!existing) return { survey, replayed: false };
  if (existing.inputHash !== inputHash) {
    throw new ConflictError(
      'IDEMPOTENCY_KEY_REUSED',
      text(
        'Idempotency-Key ini sudah dipakai untuk survei lain.',
        'This Idempotency-Key was already used for another survey.',
      ),
    );
  }
  return { survey: existing, replayed: true };
}

/** GET /v1/villages/{code}/household-surveys: the village's surveys, newest first; every read audited. */
export async function listSurveys(
  deps: SurveyDeps,
  actor: Actor,
  villageCode: string,
): Promise<HouseholdSurvey[]> {
  if (!canReadSurveys(actor, villageCode)) throw forbidden(villageCode);
  const audit = auditEntry(actor, SURVEY_READ, { kind: 'survey', id: villageCode }, deps.clock.now());
  const surveys = await deps.surveys.listAudited(villageCode, audit);
  return surveys.sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
}

/**
 * The latest survey of each household, oldest first: by the day it was taken, then by when it arrived, since
 * the offline form may send a survey taken last week after one taken today.
 */
export function latestPerHousehold(surveys: readonly HouseholdSurvey[]): HouseholdSurvey[] {
  const newer = (a: HouseholdSurvey, b: HouseholdSurvey) =>
    a.surveyedOn > b.surveyedOn || (a.surveyedOn === b.surveyedOn && a.recordedAt > b.recordedAt);
  const latest = new Map<string, HouseholdSurvey>();
  for (const survey of surveys) {
    const known = latest.get(survey.household);
    if (!known || newer(survey, known)) latest.set(survey.household, survey);
  }
  return [...latest.values()].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
}

/** A survey as the API shows it: without the replay hash. */
export const surveyView = ({ inputHash: _hash, ...survey }: HouseholdSurvey) => survey;
