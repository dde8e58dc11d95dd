/**
 * Who acts on the platform. Roles come from identity groups (Cognito in AWS, the local issuer here);
 * every route and every approval stage names the roles it accepts. What each role may do is decided in one
 * place, `policy.ts`.
 */
export const STAFF_ROLES = [
  'operator',
  'village_secretary',
  'village_head',
  'district_head',
  'agency_officer',
  'regency_admin',
  // Welfare cases (issue 13): the UPT penanganan kemiskinan of a sub-district (area = district code), and the
  // regency's poverty unit (area = regency code), which acts for a UPT that is late.
  'upt_officer',
  'poverty_unit_officer',
] as const;
/**
 * The regency's data-protection officer (UU 27/2022 PDP): answers data-subject requests and reads the
 * access trail; decides nothing and sees no inbox.
 */
export const OVERSIGHT_ROLES = ['data_protection_officer'] as const;
/**
 * Enumerators of the village poverty team (issue 13): they survey households (area = their village); they
 * decide nothing and see no inbox, so they are not staff in the approval chain's sense.
 */
export const FIELD_ROLES = [
  'enumerator',
  // A teacher or health worker of the village (area = village): reports a poor household's problem as a case.
  'frontline_worker',
] as const;
export const ROLES = ['citizen', ...STAFF_ROLES, ...OVERSIGHT_ROLES, ...FIELD_ROLES] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** The caller as the API sees them after the JWT has been verified. */
export interface Actor {
  readonly subject: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** Area codes the actor works for: village codes for village staff, a district or regency prefix above. */
  readonly areas: readonly string[];
  /** For agency officers: the agency they act for (dukcapil, kesmas, …). */
  readonly agency?: string;
  /** Present when the caller is an agency's system (OAuth client credentials), not a person. */
  readonly client?: { readonly id: string; readonly scopes: readonly string[] };
  /** Where the call came from, for the audit trail. */
  readonly origin?: { readonly ip: string; readonly userAgent?: string };
}

/** An area code covers a village when it equals it or is one of its parents (35.10 covers 35.10.12.2001). */
export const coversVillage = (area: string, villageCode: string): boolean =>
  villageCode === area || villageCode.startsWith(`${area}.`);

export const actorCoversVillage = (actor: Actor, villageCode: string): boolean =>
  actor.areas.some((area) => coversVillage(area, villageCode));
