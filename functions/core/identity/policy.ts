import type { DecisionStage, ServiceDefinition } from '../catalog/types.js';
import type { ServiceRequest, SubmissionChannel } from '../requests/requests.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import { text } from '../shared/text.js';
import { type Actor, actorCoversVillage, type Role, STAFF_ROLES, type StaffRole } from './roles.js';

/**
 * The one authorization policy (issue 4). Deny by default: every answer below is "no" unless a rule says
 * "yes". The route table declares who may call each route (`mayCallRoute`, enforced by the API wrapper
 * before anything is parsed); the use cases ask the row-level questions (`canSeeRequest`, `decidingRole`…)
 * about the record an `{id}` names. A workflow task token never authorizes anything: a decision is accepted
 * only from a caller this policy lets decide the request's current stage.
 */

/** 'public' routes need no token; otherwise the roles whose verified token may call the route. */
export type RouteAccess = 'public' | readonly Role[];

/**
 * Scopes of the `desa-digital` resource server that agencies' systems (OAuth client credentials) may hold.
 * A machine caller never gets a route by role: only by one of the scopes the route lists.
 */
export const MACHINE_SCOPES = {
  readRequests: 'desa-digital/requests.read',
  decide: 'desa-digital/decisions.write',
  upload: 'desa-digital/uploads.write',
} as const;
export type MachineScope = (typeof MACHINE_SCOPES)[keyof typeof MACHINE_SCOPES];

/**
 * Which agency a client acts for and where: scope `desa-digital/agency:<agency>:<area>`, granted to the
 * agency's client by the regency (Cognito only issues scopes the client is allowed).
 */
const AGENCY_SCOPE = /^desa-digital\/agency:([a-z0-9-]+):([0-9.]+)$/;
export const agencyScope = (agency: string, area: string) => `desa-digital/agency:${agency}:${area}`;

/** The agency and areas a machine's scopes grant; none when they name no agency or more than one. */
export function agencyGrant(
  scopes: readonly string[],
): { readonly agency: string; readonly areas: readonly string[] } | undefined {
  const grants = scopes.flatMap((scope) => {
    const match = AGENCY_SCOPE.exec(scope);
    return match?.[1] && match[2] ? [{ agency: match[1], area: match[2] }] : [];
  });
  const agencies = new Set(grants.map((grant) => grant.agency));
  const [agency] = agencies;
  if (!agency || agencies.size > 1) return undefined;
  return { agency, areas: grants.map((grant) => grant.area) };
}

/** Route level: may this caller call a route with this access declaration at all? */
export function mayCallRoute(
  actor: Actor | undefined,
  route: { readonly access: RouteAccess; readonly machineScopes?: readonly MachineScope[] },
): boolean {
  if (route.access === 'public') return true;
  if (!actor) return false;
  const { client } = actor;
  if (client) return (route.machineScopes ?? []).some((scope) => client.scopes.includes(scope));
  const allowed = route.access;
  return actor.roles.some((role) => allowed.includes(role));
}

const isStaffRole = (role: Role): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role);

/**
 * The staff roles the caller really holds. An agency officer acts for an agency; one whose token names none
 * (`custom:agency` missing) is no one in that role: failing closed, never "every agency".
 */
const staffRolesOf = (actor: Actor): StaffRole[] =>
  actor.roles.filter(isStaffRole).filter((role) => role !== 'agency_officer' || actor.agency !== undefined);

/** Staff of the village: a staff role and an area that covers it. */
export const worksFor = (actor: Actor, villageCode: string): boolean =>
  staffRolesOf(actor).length > 0 && actorCoversVillage(actor, villageCode);

/**
 * Staff whose only staff role is agency officer see a village's requests only for services whose chain has
 * a stage of their agency: the health office has no business reading move letters.
 */
const agencyOnly = (actor: Actor) => staffRolesOf(actor).every((role) => role === 'agency_officer');

const agencyTakesPart = (actor: Actor, service: Pick<ServiceDefinition, 'stages'> | undefined) =>
  actor.agency !== undefined &&
  (service?.stages.some((stage) => (stage as { agency?: string }).agency === actor.agency) ?? false);

/** What the row rules read of a request's service: its chain (agencies), and its fields (whose NIK). */
type ServiceFacts = Pick<ServiceDefinition, 'stages'> & Partial<Pick<ServiceDefinition, 'fields' | 'family'>>;

/**
 * Row level, for every read of a request: its applicant (a person, not a machine), or staff of its area
 * (agency officers only when their agency takes part in the service, which needs `service`), or the citizen
 * a counter submission was made for, once they have linked their NIK (`linkedNik`, see below).
 */
export function canSeeRequest(
  actor: Actor,
  request: ServiceRequest,
  service?: ServiceFacts,
  linkedNik?: string,
): boolean {
  if (service?.family === 'welfare-case') return worksOnCase(actor, request);
  if (!actor.client && request.applicant.subject === actor.subject) return true;
  if (isOwnCounterSubmission(actor, request, service, linkedNik)) return true;
  if (!worksFor(actor, request.villageCode)) return false;
  return !agencyOnly(actor) || agencyTakesPart(actor, service);
}

/** The village staff who work on a welfare case of their village (the camat and the regency admin do not). */
const CASE_VILLAGE_STAFF = [
  'operator',
  'village_secretary',
  'village_head',
] as const satisfies readonly StaffRole[];

/**
 * Who sees a welfare case (issue 13): those who work on it and nobody else. Its reporter (a person, not a
 * machine); the operator, secretary and head of its village; the UPT of its sub-district and the regency's
 * poverty unit (their areas cover the village); and the agency the UPT referred it to (`referTo`, recorded
 * at the UPT's stage), once referred. Not the camat, not the regency admin, not another dinas.
 */
export function worksOnCase(
  actor: Actor,
  request: Pick<ServiceRequest, 'applicant' | 'villageCode' | 'records'>,
) {
  if (actor.client) return false;
  if (request.applicant.subject === actor.subject) return true;
  if (!actorCoversVillage(actor, request.villageCode)) return false;
  const roles = staffRolesOf(actor);
  if (roles.some((role) => (CASE_WORKERS as readonly StaffRole[]).includes(role))) return true;
  const referredTo = request.records?.[CASE_REFERRAL_STAGE]?.referTo;
  return roles.includes('agency_officer') && referredTo !== undefined && actor.agency === referredTo;
}

const CASE_WORKERS = [...CASE_VILLAGE_STAFF, 'upt_officer', 'poverty_unit_officer'] as const;
/** The stage whose record names the dinas a case is referred to (catalog/services/welfare-cases.ts). */
const CASE_REFERRAL_STAGE = 'upt-response';

/** The request if the caller may see it; otherwise "not found", so its existence does not leak. */
export function assertCanSee(
  actor: Actor,
  request: ServiceRequest | undefined,
  id: string,
  service?: ServiceFacts,
  linkedNik?: string,
): ServiceRequest {
  if (!request || !canSeeRequest(actor, request, service, linkedNik)) throw requestNotFound(id);
  return request;
}

/**
 * The linked-NIK rule. A citizen whose account holds a NIK verified against the population register
 * (PUT /v1/me/nik) sees the requests an operator submitted for them at the counter: assisted requests whose
 * applicant NIK (`applicantNik`) is theirs. Not self-service requests of other accounts that merely name
 * that NIK (a parent on someone's birth registration, a family member's own application): those belong to
 * the account that sent them and hold its data.
 */
function isOwnCounterSubmission(
  actor: Actor,
  request: ServiceRequest,
  service: ServiceFacts | undefined,
  linkedNik: string | undefined,
): boolean {
  if (!linkedNik || !mayBeCounterSubmissionFor(actor, request)) return false;
  const fields = service?.fields;
  return fields !== undefined && applicantNik(request, { fields }) === linkedNik;
}

/**
 * Whether the linked-NIK rule could apply (a citizen, not the request's applicant, an assisted request):
 * only then is the caller's linked NIK worth reading.
 */
export const mayBeCounterSubmissionFor = (actor: Actor, request: ServiceRequest): boolean =>
  !actor.client &&
  actor.roles.includes('citizen') &&
  request.applicant.subject !== actor.subject &&
  request.channel === 'assisted';

/**
 * The NIK of the person a request is for: its field named `nik` (every regency service has one, the
 * applicant's), else its first field of type NIK (a village's own programme may name it otherwise).
 */
export function applicantNik(
  request: Pick<ServiceRequest, 'data'>,
  service: Pick<ServiceDefinition, 'fields'>,
): string | undefined {
  const nikFields = service.fields.filter((field) => field.type === 'nik');
  const field = nikFields.find((candidate) => candidate.name === 'nik') ?? nikFields[0];
  const value = field ? request.data[field.name] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export const requestNotFound = (id: string) =>
  new NotFoundError(text(`Permohonan ${id} tidak ditemukan.`, `Request ${id} not found.`));

/** Village-level reads and actions (inbox, lists, dashboards): staff whose area covers the village. */
export function assertWorksFor(actor: Actor, villageCode: string): void {
  if (!worksFor(actor, villageCode)) {
    throw new ForbiddenError(
      text(`Anda tidak bertugas di desa ${villageCode}.`, `You do not work for village ${villageCode}.`),
    );
  }
}

/**
 * The role in which the caller decides the current stage: the stage's role (or the role standing in once
 * it is late), the stage's agency, and an area covering the village. Undefined: not theirs to decide.
 */
export function decidingRole(
  actor: Actor,
  stage: Pick<DecisionStage, 'role' | 'agency'>,
  actingRole: StaffRole | undefined,
  villageCode: string,
): StaffRole | undefined {
  const held = staffRolesOf(actor);
  const role = [stage.role, actingRole].find((candidate) => candidate && held.includes(candidate));
  if (!role || !actorCoversVillage(actor, villageCode)) return undefined;
  // An agency's stage is that agency's officers' to decide; once late, the stand-in (the regency admin)
  // acts for the agency and needs none.
  const forTheAgency = role === stage.role && stage.agency !== undefined;
  return forTheAgency && actor.agency !== stage.agency ? undefined : role;
}

/**
 * Who corrects a returned request depends on how it came in. A self-service application is the citizen's
 * own: only its applicant corrects it (staff may read it, never rewrite it). A counter submission (assisted
 * channel) is corrected where it was made, by an operator of its village, with the citizen at the office.
 * Requests from before channels existed count as self-service: only their applicant.
 */
export const canCorrect = (actor: Actor, request: ServiceRequest): boolean =>
  request.channel === 'assisted'
    ? atCounterOf(actor, request.villageCode)
    : !actor.client && request.applicant.subject === actor.subject;

/**
 * The request if the caller may correct it. Someone who may see it but not correct it (an operator of the
 * village, before a citizen's own application) is told why (403, naming the channel and the state);
 * anyone else gets "not found", so its existence does not leak.
 */
export function assertCanCorrect(
  actor: Actor,
  request: ServiceRequest | undefined,
  id: string,
): ServiceRequest {
  if (request && canCorrect(actor, request)) return request;
  if (!request || !canSeeRequest(actor, request)) throw requestNotFound(id);
  throw new ForbiddenError(
    text(
      `Permohonan ${id} (status ${request.status}) diajukan mandiri oleh pemohon; hanya pemohon yang dapat memperbaikinya.`,
      `Request ${id} (status ${request.status}) is the applicant's own self-service application; only the applicant may correct it.`,
    ),
  );
}

/** An operator of the village, at its counter. */
function atCounterOf(actor: Actor, villageCode: string): boolean {
  return actor.roles.includes('operator') && actorCoversVillage(actor, villageCode);
}

/** Who drafts the office's own documents (regulations): ServiceDefinition.audience 'office'. */
export const OFFICE_DRAFTERS = ['village_secretary'] as const satisfies StaffRole[];

/** The village secretary drafts the office's own documents of their own village. */
export function draftsFor(actor: Actor, villageCode: string): boolean {
  return OFFICE_DRAFTERS.some((role) => actor.roles.includes(role)) && actorCoversVillage(actor, villageCode);
}

/**
 * Citizens apply to any village; operators submit at the counter of their own village only; the village
 * secretary starts the office's own documents of their village.
 */
export const canSubmitIn = (actor: Actor, villageCode: string): boolean =>
  actor.roles.includes('citizen') || atCounterOf(actor, villageCode) || draftsFor(actor, villageCode);

/**
 * The consent rule. An operator of the village submitting at its counter acts for a citizen who came in
 * person (assisted channel): the citizen's consent to the processing of their data (UU 27/2022 PDP) must be
 * recorded with the submission — how it was given, when, and for verbal consent who witnessed it. A citizen
 * applying for themselves (self channel) consents by applying, and may not send a consent record.
 */
export const submissionChannel = (actor: Actor, villageCode: string): SubmissionChannel =>
  atCounterOf(actor, villageCode)
    ? 'assisted'
    : actor.roles.includes('citizen') || !draftsFor(actor, villageCode)
      ? 'self'
      : 'office';

/** The office's own documents come only from the office; citizens' services only from citizens or the counter. */
export const channelServes = (channel: SubmissionChannel, service: ServiceDefinition): boolean =>
  (channel === 'office') === (service.audience === 'office');

export const consentRequired = (channel: SubmissionChannel): boolean => channel === 'assisted';

/** Who may revoke or reissue a village's letters. */
export const DOCUMENT_AUTHORITIES = ['village_head', 'village_secretary'] as const satisfies StaffRole[];

/** The role under which the caller may revoke or reissue a letter of this village, if any. */
export function documentAuthority(actor: Actor, villageCode: string): StaffRole | undefined {
  const role = DOCUMENT_AUTHORITIES.find((candidate) => actor.roles.includes(candidate));
  return role && actorCoversVillage(actor, villageCode) ? role : undefined;
}

/** A village's own programmes: its village head, or the regency admin over it. */
export const canManageVillageServices = (actor: Actor, villageCode: string): boolean =>
  (actor.roles.includes('village_head') || actor.roles.includes('regency_admin')) &&
  actorCoversVillage(actor, villageCode);

/** Onboarding a village and its staff: the regency admin of the regency it belongs to. */
export const canOnboard = (actor: Actor, villageCode: string): boolean =>
  actor.roles.includes('regency_admin') && actorCoversVillage(actor, villageCode);

/** The regency's own settings (the emblem on its villages' letters): the regency admin of that regency. */
export const canManageRegency = (actor: Actor, regencyCode: string): boolean =>
  actor.roles.includes('regency_admin') && actorCoversVillage(actor, regencyCode);

/** Who records a village's household surveys: its enumerators and its operator (at the office). */
export const SURVEY_RECORDERS = ['enumerator', 'operator'] as const satisfies readonly Role[];
/** Who reads them: the recorders, the village secretary and the village head of that village; nobody else. */
export const SURVEY_READERS = [
  ...SURVEY_RECORDERS,
  'village_secretary',
  'village_head',
] as const satisfies readonly Role[];

export const canRecordSurvey = (actor: Actor, villageCode: string): boolean =>
  actor.roles.some((role) => (SURVEY_RECORDERS as readonly Role[]).includes(role)) &&
  actorCoversVillage(actor, villageCode);

export const canReadSurveys = (actor: Actor, villageCode: string): boolean =>
  actor.roles.some((role) => (SURVEY_READERS as readonly Role[]).includes(role)) &&
  actorCoversVillage(actor, villageCode);

/**
 * Who follows up a village's out-of-school children (Garda Ampuh): those who read its surveys (the list is
 * drawn from them and the family cards), its teachers and health workers, and the sub-district's UPT.
 */
export const OUT_OF_SCHOOL_READERS = [
  ...SURVEY_READERS,
  'frontline_worker',
  'upt_officer',
] as const satisfies readonly Role[];

export const canReadOutOfSchool = (actor: Actor, villageCode: string): boolean =>
  actor.roles.some((role) => (OUT_OF_SCHOOL_READERS as readonly Role[]).includes(role)) &&
  actorCoversVillage(actor, villageCode);

/** Data-subject exports and the access trail: the data-protection officer of the area. */
export const canExportPersonalData = (actor: Actor, villageCode: string): boolean =>
  actor.roles.includes('data_protection_officer') && actorCoversVillage(actor, villageCode);

/** Who enters a village's budget and its realisation: the village's operator, secretary or head, or the regency admin over it. */
export const BUDGET_KEEPERS = [
  'operator',
  'village_secretary',
  'village_head',
  'regency_admin',
] as const satisfies StaffRole[];

export const canKeepBudget = (actor: Actor, villageCode: string): boolean =>
  BUDGET_KEEPERS.some((role) => actor.roles.includes(role)) && actorCoversVillage(actor, villageCode);

/** Who publishes the village website's news and agenda: the village secretary or head (the operator only drafts). */
export const SITE_PUBLISHERS = ['village_secretary', 'village_head'] as const satisfies StaffRole[];

/** Who keeps the website's register and reads its drafts: the operator who drafts, and the publishers. */
export const SITE_EDITORS = ['operator', ...SITE_PUBLISHERS] as const satisfies StaffRole[];
