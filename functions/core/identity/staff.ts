import type { StaffRole } from './roles.js';

/**
 * Staff accounts of a village and the identity provider that keeps them (Cognito in AWS, the local Cognito
 * stand-in here). Accounts live in the provider, not in the table: their role is a group (`cognito:groups`)
 * and their area the `custom:area` attribute, exactly what the API reads from a verified token.
 */

/** The roles a regency admin gives a village's own staff; district, agency and regency staff are not onboarded here. */
export const VILLAGE_STAFF_ROLES = [
  'operator',
  'village_secretary',
  'village_head',
] as const satisfies readonly StaffRole[];
export type VillageStaffRole = (typeof VILLAGE_STAFF_ROLES)[number];

/** A staff account as the regency admin asks for it. */
export interface StaffAccount {
  /** Sign-in name, lower case (e.g. operator.tampo). */
  readonly username: string;
  readonly name: string;
  /** Where the temporary password goes: e-mail and/or SMS (E.164 phone). At least one of them. */
  readonly email?: string;
  readonly phone?: string;
  readonly role: VillageStaffRole;
  /** The village code the account works for (`custom:area`). */
  readonly area: string;
}

/** An account the provider already has under a username, as far as the comparison needs it. */
export interface ExistingStaffAccount {
  readonly username: string;
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly area?: string;
  readonly agency?: string;
  /** The groups (roles) it belongs to. */
  readonly groups: readonly string[];
}

export type StaffCreation =
  | { readonly outcome: 'created' }
  | { readonly outcome: 'exists'; readonly existing: ExistingStaffAccount };

/** The identity provider's admin side (Cognito: AdminCreateUser, AdminAddUserToGroup, AdminGetUser…). */
export interface StaffDirectory {
  /**
   * Creates the account; the provider generates a temporary password and sends it by e-mail and/or SMS.
   * A taken username changes nothing and answers 'exists' with what the provider holds.
   */
  create(account: StaffAccount): Promise<StaffCreation>;
  /** Puts the account in its role's group; idempotent. */
  addToGroup(username: string, role: VillageStaffRole): Promise<void>;
}

/**
 * A staff account as the provider holds it, for telling people that work waits for them. Contacts are the
 * ones the provider marks verified (Cognito: `email_verified`, `phone_number_verified`), so a reminder never
 * goes to an address nobody confirmed; either may be absent.
 */
export interface StaffMember {
  readonly username: string;
  readonly name?: string;
  readonly email?: string;
  /** E.164, as the provider keeps it. */
  readonly phone?: string;
  /**
   * Its roles (groups) as far as the listing shows them: the group it was listed in (ListUsersInGroup names
   * a group's members, not each member's other groups). Callers listing several roles merge them.
   */
  readonly roles: readonly string[];
  /** Area codes served (`custom:area`, comma-separated in the provider). */
  readonly areas: readonly string[];
  /** Agency officers: the agency they act for (`custom:agency`). */
  readonly agency?: string;
}

/**
 * The identity provider's read side, as the workflow needs it (Cognito: ListUsersInGroup). Read-only on
 * purpose: the functions that tell deciders a stage waits for them may list staff, never change them.
 */
export interface StaffContacts {
  /** The enabled accounts in the role's group, across all areas: the caller picks whom a stage concerns. */
  staffWithRole(role: StaffRole): Promise<readonly StaffMember[]>;
}

/**
 * Is the existing account the one being asked for (a retried call), rather than someone else's? Same name,
 * contact addresses and area, and no role but the requested one (none at all when the first attempt stopped
 * before the account was put in its group).
 */
export function sameAccount(existing: ExistingStaffAccount, wanted: StaffAccount): boolean {
  return (
    existing.name === wanted.name &&
    (existing.email ?? undefined) === (wanted.email ?? undefined) &&
    (existing.phone ?? undefined) === (wanted.phone ?? undefined) &&
    existing.area === wanted.area &&
    !existing.agency &&
    existing.groups.every((group) => group === wanted.role)
  );
}
