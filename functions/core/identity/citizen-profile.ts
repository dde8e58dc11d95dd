import type { AuditEntry } from '../privacy/audit.js';
import { personHash } from '../privacy/person-pseudonym.js';
import { ConflictError } from '../shared/errors.js';
import { text } from '../shared/text.js';
import { maskNik } from './nik.js';
import type { NikActivation } from './nik-activation.js';
import type { Actor } from './roles.js';

/**
 * A citizen's profile (issue 4, item 5): the NIK they linked to their account with the activation code the
 * village office gave them (nik-link.ts, issue 10). It lets them see the requests an operator submitted for them at the counter
 * (policy.canSeeRequest's linked-NIK rule). One NIK belongs to one account.
 */
export interface CitizenProfile {
  readonly subject: string;
  /** Kept in the profile item only (never in a key), for the linked-NIK rule; shown masked. */
  readonly nik: string;
  /** The name on the KTP, as the operator who issued the activation code confirmed it with the register. */
  readonly name: string;
  readonly linkedAt: string;
}

// How a person appears in table keys and audit targets (a keyed pseudonym of the NIK): person-pseudonym.ts.
export { personHash };

/**
 * How a link write ended. 'code-spent': the activation code was used or replaced between the check and the
 * write (a concurrent attempt); nothing was written in any case but 'linked'.
 */
export type LinkOutcome = 'linked' | 'nik-taken' | 'account-linked-otherwise' | 'code-spent';

export interface CitizenProfiles {
  get(subject: string): Promise<CitizenProfile | undefined>;
  /**
   * In one transaction: the NIK's link to this account (only if no other account holds it), the profile
   * (only if the account has no other NIK), the person's activation code marked used (only if it is still
   * the unused code that was checked), and the audit entry.
   */
  link(profile: CitizenProfile, activation: NikActivation, audit: AuditEntry): Promise<LinkOutcome>;
  /** The account that holds the person's NIK (by the person's hash), if any. */
  holder(person: string): Promise<string | undefined>;
  /**
   * In one transaction: the person's link and that account's profile removed (only if `subject` still holds
   * it), and the audit entry. False when the link changed meanwhile: nothing was written.
   */
  unlink(person: string, subject: string, audit: AuditEntry): Promise<boolean>;
}

/** GET /v1/me: the account and, if linked, its NIK masked to the region digits. */
export async function myProfile(deps: { readonly profiles: CitizenProfiles }, actor: Actor) {
  const profile = await deps.profiles.get(actor.subject);
  return {
    name: actor.name,
    roles: [...actor.roles],
    ...(profile
      ? { nik: { masked: maskNik(profile.nik), name: profile.name, linkedAt: profile.linkedAt } }
      : {}),
  };
}

export const accountLinkedOtherwise = () =>
  new ConflictError(
    'ACCOUNT_ALREADY_LINKED',
    text(
      'Akun ini sudah terhubung dengan NIK lain. Untuk mengubahnya, hubungi kantor desa.',
      'This account is already linked to another NIK. To change it, contact the village office.',
    ),
  );
