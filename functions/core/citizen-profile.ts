import { type AuditEntry, auditEntry } from './audit.js';
import { ConflictError, type FieldIssue, ValidationError } from './errors.js';
import { maskNik } from './nik.js';
import { personHash } from './person-pseudonym.js';
import type { Clock } from './ports.js';
import { consumeOrThrow, type RateCounter, type RateLimitRule, refund } from './rate-limit.js';
import type { Actor } from './roles.js';
import { type LocalizedText, text } from './text.js';

/**
 * A citizen's profile (issue 4, item 5): the NIK they linked to their account, verified against the
 * population register. It lets them see the requests an operator submitted for them at the counter
 * (policy.canSeeRequest's linked-NIK rule). One NIK belongs to one account.
 */
export interface CitizenProfile {
  readonly subject: string;
  /** Kept in the profile item only (never in a key), for the linked-NIK rule; shown masked. */
  readonly nik: string;
  /** The name as verified with the NIK. */
  readonly name: string;
  readonly linkedAt: string;
}

// How a person appears in table keys and audit targets (a keyed pseudonym of the NIK): person-pseudonym.ts.
export { personHash };

export type LinkOutcome = 'linked' | 'nik-taken' | 'account-linked-otherwise';

export interface CitizenProfiles {
  get(subject: string): Promise<CitizenProfile | undefined>;
  /**
   * In one transaction: the NIK's link to this account (only if no other account holds it), the profile
   * (only if the account has no other NIK), and the audit entry. 'nik-taken' / 'account-linked-otherwise'
   * when a condition failed: nothing was written.
   */
  link(profile: CitizenProfile, audit: AuditEntry): Promise<LinkOutcome>;
}

/** Which declared facts the register did not confirm; never what the register holds. */
export type IdentityField = 'nik' | 'name' | 'birthDate';
export type IdentityOutcome =
  | { readonly verified: true }
  /** `fields` empty: the person was identified but cannot link (e.g. recorded as deceased). */
  | { readonly verified: false; readonly fields: readonly IdentityField[] };

/** Does this NIK belong to the person with this name and birth date? (Dukcapil/SIAK; each lookup logged.) */
export interface IdentityVerifier {
  verify(
    person: { readonly nik: string; readonly name: string; readonly birthDate: string },
    context: { readonly by: string; readonly purpose: string },
  ): Promise<IdentityOutcome>;
}

export interface LinkNikDeps {
  readonly profiles: CitizenProfiles;
  readonly identity: IdentityVerifier;
  readonly rates: RateCounter;
  readonly clock: Clock;
}

/**
 * Failed link attempts per account: 5 an hour. A link attempt asks the register whether a name and birth
 * date belong to a NIK: without a limit it would be an oracle for anyone with an account.
 */
export const LINK_FAILURES_PER_ACCOUNT: RateLimitRule = {
  name: 'link-nik-account',
  limit: 5,
  windowSeconds: 60 * 60,
};

/**
 * Links a NIK to the caller's account.
 * Primary course: the account has no NIK yet; the register confirms that the NIK, name and birth date are
 * one living person; the link, the profile and the audit entry are written in one transaction.
 * Alternatives: the same NIK again → the profile as it is (nothing written); another NIK already linked →
 * 409; not confirmed → 400 naming the fields that did not match (never the register's values); the NIK
 * linked to another account → 409; more than 5 failed attempts in the hour → 429.
 */
export async function linkNik(
  deps: LinkNikDeps,
  actor: Actor,
  input: { readonly nik: string; readonly name: string; readonly birthDate: string },
): Promise<CitizenProfile> {
  const existing = await deps.profiles.get(actor.subject);
  if (existing?.nik === input.nik) return existing;
  if (existing) throw accountLinkedOtherwise();

  const now = deps.clock.now();
  // Counted before asking (so parallel attempts cannot all slip under the limit), given back on success.
  const ticket = await consumeOrThrow(deps.rates, LINK_FAILURES_PER_ACCOUNT, actor.subject, now);
  const outcome = await deps.identity.verify(input, { by: actor.subject, purpose: 'profile.link-nik' });
  if (!outcome.verified) throw notVerified(outcome.fields);
  await refund(deps.rates, ticket);

  const profile: CitizenProfile = {
    subject: actor.subject,
    nik: input.nik,
    name: input.name.trim(),
    linkedAt: now.toISOString(),
  };
  const audit = auditEntry(actor, 'profile.link-nik', { kind: 'person', id: personHash(input.nik) }, now);
  const written = await deps.profiles.link(profile, audit);
  if (written === 'nik-taken') {
    throw new ConflictError(
      'NIK_ALREADY_LINKED',
      text(
        'NIK ini sudah terhubung dengan akun lain. Jika itu bukan akun Anda, hubungi kantor desa.',
        'This NIK is already linked to another account. If that account is not yours, contact the village office.',
      ),
    );
  }
  if (written === 'account-linked-otherwise') throw accountLinkedOtherwise();
  return profile;
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

const accountLinkedOtherwise = () =>
  new ConflictError(
    'ACCOUNT_ALREADY_LINKED',
    text(
      'Akun ini sudah terhubung dengan NIK lain. Untuk mengubahnya, hubungi kantor desa.',
      'This account is already linked to another NIK. To change it, contact the village office.',
    ),
  );

const MISMATCH: Record<IdentityField, LocalizedText> = {
  nik: text('nik: tidak terdaftar di data kependudukan', 'nik: not in the population register'),
  name: text(
    'name: tidak sesuai dengan data kependudukan untuk NIK ini',
    'name: does not match the population record of this NIK',
  ),
  birthDate: text(
    'birthDate: tidak sesuai dengan data kependudukan untuk NIK ini',
    'birthDate: does not match the population record of this NIK',
  ),
};

function notVerified(fields: readonly IdentityField[]): ValidationError {
  const issues: FieldIssue[] =
    fields.length > 0
      ? fields.map((field) => ({ field, message: MISMATCH[field] }))
      : [
          {
            field: 'nik',
            message: text(
              'nik: NIK ini tidak dapat dihubungkan secara daring; silakan ke kantor desa',
              'nik: this NIK cannot be linked online; please visit the village office',
            ),
          },
        ];
  return new ValidationError(
    text(
      `NIK tidak dapat diverifikasi: ${issues.map((issue) => issue.message.id).join('; ')}`,
      `The NIK could not be verified: ${issues.map((issue) => issue.message.en).join('; ')}`,
    ),
    issues,
  );
}
