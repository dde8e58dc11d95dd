import type { ClaimsAndScopeOverrideDetails } from 'aws-lambda';

/**
 * Staff must sign in with a second factor (TOTP), citizens need not (DESIGN.md §2 "Identity"). MFA is
 * optional pool-wide, so the rule is enforced when tokens are made (pre token generation trigger): a member
 * of any group but `citizen` whose account has no TOTP gets a token without groups, hence without any role,
 * and the claim `mfa_setup_required` so the console can send them to set TOTP up. Once TOTP is set, Cognito
 * asks for it at every sign-in and the next token carries the groups.
 */

/** The claim the API (functions/api/actor.ts) and the console read; its value is the string 'true'. */
export const MFA_SETUP_REQUIRED_CLAIM = 'mfa_setup_required';

/** The MFA method staff must have (Cognito's name for TOTP in `UserMFASettingList`). */
export const STAFF_MFA_METHOD = 'SOFTWARE_TOKEN_MFA';

/** Groups that grant no staff power: membership of these alone needs no second factor. */
const NO_MFA_GROUPS: ReadonlySet<string> = new Set(['citizen']);

/** Whether the user's groups make them staff (any group but `citizen`), so their MFA must be checked. */
export const isStaff = (groups: readonly string[] | undefined): boolean =>
  (groups ?? []).some((group) => !NO_MFA_GROUPS.has(group));

export type StaffMfaDecision =
  /** Citizen, or staff with TOTP: the token is made as Cognito would. */
  | { readonly kind: 'allow' }
  /** Staff without TOTP: no groups in the token, and the claim telling the client to set TOTP up. */
  | { readonly kind: 'require-setup' };

/**
 * The decision for one token.
 * @param groups the user's groups (`request.groupConfiguration.groupsToOverride`)
 * @param mfaMethods the MFA methods the user has activated (AdminGetUser `UserMFASettingList`); only read
 *   for staff
 */
export function decideStaffMfa(
  groups: readonly string[] | undefined,
  mfaMethods: readonly string[] | undefined,
): StaffMfaDecision {
  if (!isStaff(groups)) return { kind: 'allow' };
  return (mfaMethods ?? []).includes(STAFF_MFA_METHOD) ? { kind: 'allow' } : { kind: 'require-setup' };
}

/** The trigger's response for a decision (event version 2: ID and access tokens, groups). */
export function tokenOverrides(decision: StaffMfaDecision): ClaimsAndScopeOverrideDetails {
  if (decision.kind === 'allow') return {};
  return {
    // An empty list removes `cognito:groups` from both tokens: the caller has no role (actor.ts).
    groupOverrideDetails: { groupsToOverride: [] },
    idTokenGeneration: { claimsToAddOrOverride: { [MFA_SETUP_REQUIRED_CLAIM]: 'true' } },
    accessTokenGeneration: { claimsToAddOrOverride: { [MFA_SETUP_REQUIRED_CLAIM]: 'true' } },
  };
}
