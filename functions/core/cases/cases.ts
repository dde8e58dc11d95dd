import { CASE_KINDS, type CaseKind, caseKindOf, caseServiceCode } from '../catalog/services/welfare-cases.js';
import { parseNik } from '../identity/nik.js';
import { requestNotFound } from '../identity/policy.js';
import { type Actor, actorCoversVillage, type Role } from '../identity/roles.js';
import { personHash } from '../privacy/person-pseudonym.js';
import { decideRequest, type RecordedChange, type RequestChangeDeps } from '../requests/decide-request.js';
import type { FullRecordDeps } from '../requests/queries.js';
import type { ServiceRequest } from '../requests/requests.js';
import { type SubmitDeps, submitRequest } from '../requests/submit-request.js';
import { requestView } from '../requests/views.js';
import { admitRead } from '../requests/visible-request.js';
import { ageOn, ofSchoolAge, SCHOOL_AGE } from '../shared/ages.js';
import { type FieldIssue, ForbiddenError, ValidationError } from '../shared/errors.js';
import { text } from '../shared/text.js';
import { villageFor } from '../villages/places.js';
import type { CaseIndex } from './statistics.js';

/**
 * Cases to the UPT penanganan kemiskinan (issue 13, item 2). A case is a request of its kind's office
 * service (catalog/services/welfare-cases.ts), so it runs through the generic approval workflow: village
 * verification, the UPT's answer naming the dinas, the dinas's resolution with an outcome and evidence.
 * This module checks what a report may say and who may make it, then submits it; reads and decisions go
 * through the request use cases, whose visibility rule for cases is policy.worksOnCase.
 */

export interface CaseReport {
  readonly kind: string;
  readonly villageCode: string;
  readonly summary: string;
  /** The household's survey (core/welfare/survey.ts), of the same village. */
  readonly surveyId?: string;
  /** School dropout only: the child, by NIK (never stored: the case keeps its keyed pseudonym and age). */
  readonly child?: { readonly nik: string };
  /** School dropout only: why the child left school. */
  readonly reason?: string;
}

/** Whether a village has a survey with this id (a survey of another village is not found there). */
export interface SurveyLookup {
  exists(villageCode: string, surveyId: string): Promise<boolean>;
}

export interface CaseDeps extends SubmitDeps {
  readonly surveys: SurveyLookup;
  /** Where the dashboards find the case (statistics.ts). */
  readonly index: CaseIndex;
}

/** Who reports a case in their village: its operator, its enumerators, its teachers and health workers. */
export const CASE_REPORTERS = [
  'operator',
  'enumerator',
  'frontline_worker',
] as const satisfies readonly Role[];

const issue = (field: string, id: string, en: string): FieldIssue => ({
  field,
  message: text(`${field}: ${id}`, `${field}: ${en}`),
});

function refuse(issues: readonly FieldIssue[]): never {
  const [first] = issues;
  throw new ValidationError(
    text(`Laporan kasus tidak diterima. ${first?.message.id}`, `Case report refused. ${first?.message.en}`),
    [...issues],
  );
}

const isKind = (kind: string): kind is CaseKind => (CASE_KINDS as readonly string[]).includes(kind);

/**
 * The birth date a NIK carries (DDMMYY, day + 40 for women), with the century that makes the person no older
 * than 100 on `today`; undefined for a NIK that is not one.
 */
export function birthDateOfNik(nik: string, today: string): string | undefined {
  const parts = parseNik(nik);
  if (typeof parts === 'string') return undefined;
  const currentYear = Number(today.slice(0, 4));
  const century = Math.floor(currentYear / 100) * 100;
  const year =
    century + parts.birthYearTwoDigits > currentYear
      ? century - 100 + parts.birthYearTwoDigits
      : century + parts.birthYearTwoDigits;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${year}-${pad(parts.birthMonth)}-${pad(parts.birthDay)}`;
}

/**
 * What a report of this kind adds to the case's data: for a school dropout the child's pseudonym and age
 * (7–18, from the NIK's birth date) and the reason; other kinds take neither. Each problem names its field.
 */
export function kindData(
  kind: CaseKind,
  report: Pick<CaseReport, 'child' | 'reason'>,
  today: string,
): { readonly data: Record<string, unknown>; readonly people: readonly string[] } {
  if (kind !== 'school-dropout') {
    const extra = [
      ...(report.child
        ? [issue('child', 'hanya untuk kasus putus sekolah', 'only for school-dropout cases')]
        : []),
      ...(report.reason
        ? [issue('reason', 'hanya untuk kasus putus sekolah', 'only for school-dropout cases')]
        : []),
    ];
    if (extra.length > 0) refuse(extra);
    return { data: {}, people: [] };
  }
  const nik = report.child?.nik;
  if (!nik)
    refuse([
      issue('child.nik', 'wajib diisi untuk kasus putus sekolah', 'is required for a school-dropout case'),
    ]);
  const birthDate = birthDateOfNik(nik, today);
  if (!birthDate) refuse([issue('child.nik', 'bukan NIK yang sah', 'is not a valid NIK')]);
  const age = ageOn(birthDate, today);
  if (!ofSchoolAge(age)) {
    refuse([
      issue(
        'child.nik',
        `anak berumur ${age} tahun; kasus putus sekolah untuk umur ${SCHOOL_AGE.min}–${SCHOOL_AGE.max} tahun`,
        `the child is ${age}; a school-dropout case is for ages ${SCHOOL_AGE.min}–${SCHOOL_AGE.max}`,
      ),
    ]);
  }
  if (!report.reason)
    refuse([
      issue('reason', 'wajib diisi untuk kasus putus sekolah', 'is required for a school-dropout case'),
    ]);
  return {
    data: { child: personHash(nik), childAge: age, reason: report.reason },
    people: [nik],
  };
}

/**
 * POST /v1/cases: a case is reported.
 * Primary course: the kind is known and the village exists; the caller reports in it (an operator,
 * enumerator, teacher or health worker of the village, or a citizen whose linked NIK is of the village's
 * sub-district: their own household); the survey, if named, is one of the village's; a dropout child is
 * 7–18; the case is submitted as a request of its kind's service (Idempotency-Key honoured) and its
 * workflow starts at the village's verification. Bad input is a 400 naming the field, nothing written.
 */
export async function reportCase(
  deps: CaseDeps,
  actor: Actor,
  report: CaseReport,
  idempotencyKey?: string,
): Promise<{ request: ServiceRequest; replayed: boolean }> {
  if (!isKind(report.kind)) {
    refuse([
      issue(
        'kind',
        `harus salah satu dari ${CASE_KINDS.join(', ')}`,
        `must be one of ${CASE_KINDS.join(', ')}`,
      ),
    ]);
  }
  const village = await villageFor(deps.villages, report.villageCode);
  const ownNik = await reporterNik(deps, actor, village.code);
  const today = deps.clock.now().toISOString().slice(0, 10);
  const { data, people } = kindData(report.kind, report, today);
  if (report.surveyId !== undefined && !(await deps.surveys.exists(village.code, report.surveyId))) {
    refuse([
      issue(
        'surveyId',
        `tidak ada survei rumah tangga ini di Desa ${village.name}`,
        `no such household survey in ${village.name}`,
      ),
    ]);
  }
  const submitted = await submitRequest(
    deps,
    actor,
    {
      serviceCode: caseServiceCode(report.kind),
      villageCode: village.code,
      data: {
        summary: report.summary,
        ...(report.surveyId !== undefined ? { surveyId: report.surveyId } : {}),
        ...data,
      },
      people: [...people, ...(ownNik ? [ownNik] : [])],
    },
    idempotencyKey,
    // This use case decided who may report; the case goes in the office channel whoever reports it.
    { compiled: true },
  );
  // After the case: a report whose index write failed is indexed when it is sent again (same key).
  const { request } = submitted;
  await deps.index.add({
    requestId: request.id,
    villageCode: request.villageCode,
    kind: report.kind,
    createdAt: request.createdAt,
  });
  return submitted;
}

/**
 * Whether the caller may report in the village: staff and field workers of the village (CASE_REPORTERS), or
 * a citizen for their own household, which needs a linked NIK of the village's sub-district (the NIK's first
 * six digits are its province, regency and district). Answers the citizen's NIK (their case is indexed under
 * it for their data-subject export).
 */
async function reporterNik(deps: CaseDeps, actor: Actor, villageCode: string): Promise<string | undefined> {
  if (
    actor.roles.some((role) => (CASE_REPORTERS as readonly Role[]).includes(role)) &&
    actorCoversVillage(actor, villageCode)
  ) {
    return undefined;
  }
  if (actor.roles.includes('citizen')) {
    const nik = await deps.requests.linkedNik(actor.subject);
    if (nik && nik.slice(0, 6) === villageCode.split('.').slice(0, 3).join('')) return nik;
    throw new ForbiddenError(
      text(
        `Warga melaporkan kasus rumah tangganya sendiri: tautkan NIK Anda (warga Kecamatan desa ${villageCode}) dahulu.`,
        `A citizen reports their own household's case: link your NIK (of village ${villageCode}'s sub-district) first.`,
      ),
    );
  }
  throw new ForbiddenError(
    text(
      `Anda tidak melaporkan kasus di desa ${villageCode}.`,
      `You do not report cases in village ${villageCode}.`,
    ),
  );
}

/** The request read as a case: one of the welfare-case family, else nothing (a 404 below). */
async function asCase(deps: Pick<FullRecordDeps, 'catalog'>, request: ServiceRequest | undefined) {
  if (!request) return undefined;
  const service = await deps.catalog.definitionOf(request);
  return service.family === 'welfare-case' ? request : undefined;
}

/**
 * GET /v1/cases/{id}: the case with its timeline, for those who work on it (policy.worksOnCase; anyone else
 * gets 404), once the read is in its access trail. The answer is the request's full view with the case's
 * kind; another request's id is not a case (404).
 */
export async function getCase(deps: FullRecordDeps, actor: Actor, id: string) {
  const found = await deps.requests.getWithEvents(id);
  const stored = await asCase(deps, found?.request);
  const audit = { trail: deps.trail, action: 'case.read' as const, now: deps.now };
  const { request, service } = await admitRead({ ...deps, audit }, actor, id, stored);
  return {
    ...requestView(request, service, { events: found?.events ?? [], personalData: 'full' }),
    kind: caseKindOf(service.code),
  };
}

/**
 * POST /v1/cases/{id}/decisions: the generic decision (decideRequest: the stage's role in the case's area,
 * its records, its evidence) on a case; another request's id is not a case (404).
 */
export async function decideCase(
  deps: RequestChangeDeps,
  actor: Actor,
  id: string,
  input: Parameters<typeof decideRequest>[3],
): Promise<RecordedChange> {
  if (!(await asCase(deps, await deps.requests.get(id)))) throw requestNotFound(id);
  return decideRequest(deps, actor, id, input);
}
