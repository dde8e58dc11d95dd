import {
  type ApplicantContact,
  maskLongNumbers,
  normalizeEmail,
  normalizePhoneNumber,
  notifyAll,
} from '../notifications/notifications.js';
import { auditEntry } from '../privacy/audit.js';
import { consumeOrThrow, type RateCounter, type RateLimitRule, refund } from '../privacy/rate-limit.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import type { Clock, Notification, Notifier, PopulationRegistry } from '../shared/ports.js';
import { type LocalizedText, text } from '../shared/text.js';
import {
  accountLinkedOtherwise,
  type CitizenProfile,
  type CitizenProfiles,
  personHash,
} from './citizen-profile.js';
import {
  ACTIVATION_VALID_HOURS,
  activationCodeHash,
  type NikActivation,
  type NikActivations,
  newActivationCode,
  opens,
} from './nik-activation.js';
import { assertWorksFor } from './policy.js';
import type { Actor } from './roles.js';

/**
 * Linking a NIK to an account (issue 10, item 1): the counter issues an activation code to the person who
 * shows their KTP, the person types it with their NIK in the portal, and the village can undo a wrong link.
 * A NIK and a name and birth date are no proof: the NIK spells the birth date out, and names are known.
 */

/** Failed link attempts per account: 5 an hour. */
export const LINK_FAILURES_PER_ACCOUNT: RateLimitRule = {
  name: 'link-nik-account',
  limit: 5,
  windowSeconds: 60 * 60,
};

/**
 * Failed link attempts per person (keyed by the person's hash, never the NIK): 5 an hour, whatever the
 * account, so many accounts cannot share out the guessing of one person's code. A wrong code does not burn
 * the code: then anyone who knows a NIK could void the person's slip and send them back to the office; this
 * limit already makes guessing hopeless (about 120 tries in a code's 24 hours against 31^10 codes).
 */
export const LINK_FAILURES_PER_NIK: RateLimitRule = {
  name: 'link-nik-person',
  limit: 5,
  windowSeconds: 60 * 60,
};

export interface IssueActivationDeps {
  readonly activations: NikActivations;
  readonly population: PopulationRegistry;
  readonly clock: Clock;
}

export interface IssuedActivation {
  /** Shown once, for the slip: only its hash is stored, it cannot be shown again. */
  readonly code: string;
  readonly villageCode: string;
  readonly name: string;
  readonly expiresAt: string;
  /** Where the person will be told when their NIK is linked, if a contact was given. */
  readonly contact?: ApplicantContact;
}

/**
 * POST /v1/villages/{code}/nik-activations: an operator (or the village secretary) of the village issues a
 * code to a person standing at the counter with their KTP.
 * Primary course: the register confirms the NIK and the name are one living resident of this village; the
 * code (its hash, replacing any earlier code of the person) and the audit entry are written in one
 * transaction; the code is answered once.
 * Alternatives: not staff of the village → 403; the register does not confirm → 400 naming nik and name
 * together and no register fact (which part, moved away, deceased); an unusable phone or e-mail → 400
 * naming it. Nothing is written on any of them.
 */
export async function issueNikActivation(
  deps: IssueActivationDeps,
  actor: Actor,
  villageCode: string,
  input: { readonly nik: string; readonly name: string; readonly phone?: string; readonly email?: string },
): Promise<IssuedActivation> {
  assertWorksFor(actor, villageCode);
  const contact = contactOf(input);
  const person = personHash(input.nik);
  const name = input.name.trim();
  const checked = await deps.population.check(
    { nik: input.nik, name, villageCode },
    // The lookup log files a lookup under a request; an activation has none: filed under the person's hash.
    { requestId: `nik-link-${person}`, by: actor.subject, purpose: 'profile.nik-activation' },
  );
  if (checked.outcome !== 'match') throw cannotIssueHere(villageCode);

  const now = deps.clock.now();
  const code = newActivationCode();
  const activation: NikActivation = {
    villageCode,
    codeHash: activationCodeHash(person, code),
    name,
    issuedAt: now.toISOString(),
    validUntil: new Date(now.getTime() + ACTIVATION_VALID_HOURS * 3600_000).toISOString(),
    issuedBy: actor.subject,
    ...(contact ? { contact } : {}),
  };
  const audit = auditEntry(
    actor,
    'profile.nik-activation',
    { kind: 'person', id: person },
    now,
    `village ${villageCode}`,
  );
  await deps.activations.issue(person, activation, audit);
  return { code, villageCode, name, expiresAt: activation.validUntil, ...(contact ? { contact } : {}) };
}

export interface LinkNikDeps {
  readonly profiles: CitizenProfiles;
  readonly activations: NikActivations;
  readonly rates: RateCounter;
  readonly clock: Clock;
  readonly notifier: Notifier;
}

/**
 * PUT /v1/me/nik: links a NIK to the caller's account with the person's activation code.
 * Primary course: the account has no NIK yet; the code is the person's live code (unused, not expired);
 * the link, the profile, the code marked used and the audit entry are written in one transaction; the
 * person is told at the contact given at the counter.
 * Alternatives: the same NIK again → the profile as it is (nothing written); another NIK already linked →
 * 409; an unknown NIK, no code, a wrong, expired or used code → one and the same 400 naming both fields;
 * more than 5 failed attempts in the hour for the account or for the person → 429; the NIK linked to
 * another account (with the right code) → 409.
 */
export async function linkNik(
  deps: LinkNikDeps,
  actor: Actor,
  input: { readonly nik: string; readonly activationCode: string },
): Promise<CitizenProfile> {
  const existing = await deps.profiles.get(actor.subject);
  if (existing?.nik === input.nik) return existing;
  if (existing) throw accountLinkedOtherwise();

  const now = deps.clock.now();
  const person = personHash(input.nik);
  // Counted before checking (so parallel attempts cannot all slip under the limits), given back on success.
  const tickets = [await consumeOrThrow(deps.rates, LINK_FAILURES_PER_ACCOUNT, actor.subject, now)];
  tickets.push(await consumeOrThrow(deps.rates, LINK_FAILURES_PER_NIK, person, now));
  const activation = await deps.activations.activation(person);
  if (!activation || !opens(activation, person, input.activationCode, now)) throw noMatch();

  const profile: CitizenProfile = {
    subject: actor.subject,
    nik: input.nik,
    name: activation.name,
    linkedAt: now.toISOString(),
  };
  const audit = auditEntry(
    actor,
    'profile.link-nik',
    { kind: 'person', id: person },
    now,
    `code of village ${activation.villageCode}`,
  );
  const written = await deps.profiles.link(profile, activation, audit);
  if (written === 'code-spent') throw noMatch();
  // The right code: not a failed attempt, whatever the link's state.
  await Promise.all(tickets.map((ticket) => refund(deps.rates, ticket)));
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
  await notifyAll(deps.notifier, personNotices(person, activation, now, LINKED));
  return profile;
}

export interface UnlinkNikDeps {
  readonly profiles: CitizenProfiles;
  readonly activations: NikActivations;
  readonly population: PopulationRegistry;
  readonly clock: Clock;
  readonly notifier: Notifier;
}

/**
 * POST /v1/villages/{code}/nik-unlinks: the village undoes a NIK's link (a wrong link, or one the person
 * did not make; also those made before issue 10 with a name and birth date only, which are kept until then).
 * Primary course: an operator or the village head of the village the person is registered in; the link and
 * the account's profile are removed with the audit entry (the reason, long numbers masked) in one
 * transaction; the account no longer sees the person's counter requests and the NIK is free to link again;
 * the person is told at the contact given at the counter.
 * Alternatives: not staff of the village → 403; the person is not registered in this village → 400 (nik);
 * the NIK is linked to no account → 409; the link changed meanwhile → 409. Nothing is written on any of them.
 */
export async function unlinkNik(
  deps: UnlinkNikDeps,
  actor: Actor,
  villageCode: string,
  input: { readonly nik: string; readonly reason: string },
): Promise<{ readonly unlinked: true; readonly villageCode: string; readonly at: string }> {
  assertWorksFor(actor, villageCode);
  const person = personHash(input.nik);
  const checked = await deps.population.check(
    // A deceased person's link may be undone too.
    { nik: input.nik, villageCode, deceased: true },
    { requestId: `nik-link-${person}`, by: actor.subject, purpose: 'profile.unlink-nik' },
  );
  if (checked.outcome !== 'match') {
    throw new ValidationError(
      text(
        `nik: pemutusan hanya oleh desa tempat penduduk terdaftar; NIK ini tidak dapat diputus di desa ${villageCode}.`,
        `nik: only the village where the person is registered can unlink; this NIK cannot be unlinked in village ${villageCode}.`,
      ),
      [
        {
          field: 'nik',
          message: text('nik: bukan penduduk desa ini', 'nik: not a resident of this village'),
        },
      ],
    );
  }
  const holder = await deps.profiles.holder(person);
  if (!holder) {
    throw new ConflictError(
      'NIK_NOT_LINKED',
      text(
        'NIK ini tidak terhubung dengan akun mana pun: tidak ada yang perlu diputus.',
        'This NIK is not linked to any account: there is nothing to unlink.',
      ),
    );
  }
  const now = deps.clock.now();
  const audit = auditEntry(
    actor,
    'profile.unlink-nik',
    { kind: 'person', id: person },
    now,
    `village ${villageCode}: ${maskLongNumbers(input.reason.trim())}`,
  );
  if (!(await deps.profiles.unlink(person, holder, audit))) {
    throw new ConflictError(
      'NIK_LINK_CHANGED',
      text(
        'Hubungan NIK ini baru saja berubah. Muat ulang lalu coba lagi.',
        "This NIK's link has just changed. Reload and try again.",
      ),
    );
  }
  const activation = await deps.activations.activation(person);
  await notifyAll(deps.notifier, personNotices(person, activation, now, UNLINKED, villageCode));
  return { unlinked: true, villageCode, at: now.toISOString() };
}

// ---------------------------------------------------------------------------------------------------------
// What the person is told

interface Notice {
  readonly sms: LocalizedText;
  readonly email: LocalizedText;
}

const LINKED: Notice = {
  sms: text(
    'Desa Digital: NIK Anda baru saja dihubungkan dengan sebuah akun. Jika bukan Anda yang melakukannya, segera datang ke kantor desa membawa KTP.',
    'Desa Digital: your NIK was just linked to an account. If it was not you, go to the village office with your KTP at once.',
  ),
  email: text(
    'NIK Anda baru saja dihubungkan dengan sebuah akun Desa Digital memakai kode aktivasi dari kantor desa. Akun itu kini dapat melihat permohonan yang diajukan untuk Anda di loket.\nJika bukan Anda yang melakukannya, segera datang ke kantor desa membawa KTP: desa dapat memutus hubungan itu.',
    'Your NIK was just linked to a Desa Digital account with the activation code from the village office. That account can now see the requests made for you at the counter.\nIf it was not you, go to the village office with your KTP at once: the village can undo the link.',
  ),
};

const UNLINKED: Notice = {
  sms: text(
    'Desa Digital: hubungan NIK Anda dengan akun Desa Digital telah diputus oleh kantor desa. Info: kantor desa.',
    'Desa Digital: the village office unlinked your NIK from its Desa Digital account. More at the village office.',
  ),
  email: text(
    'Kantor desa telah memutus hubungan NIK Anda dengan akun Desa Digital. Akun itu tidak lagi melihat permohonan yang diajukan untuk Anda. Untuk menghubungkan NIK ke akun Anda sendiri, minta kode aktivasi baru di kantor desa (bawa KTP).',
    'The village office unlinked your NIK from its Desa Digital account. That account no longer sees the requests made for you. To link your NIK to your own account, ask for a new activation code at the village office (bring your KTP).',
  ),
};

/**
 * The notices about a person's link, at the contact given at the counter: filed in the outbox under
 * `nik-link-<person hash>` (a link has no request), one per channel; with no contact, one SMS notice without
 * an address, so the outbox still records that the person could not be told.
 */
export function personNotices(
  person: string,
  activation: NikActivation | undefined,
  now: Date,
  notice: Notice,
  villageCode = activation?.villageCode ?? '',
): Notification[] {
  const base = {
    requestId: `nik-link-${person}`,
    villageCode,
    audience: { kind: 'applicant' },
    at: now.toISOString(),
  } as const;
  const { phone, email } = activation?.contact ?? {};
  return [
    ...(phone || !email
      ? [{ ...base, channel: 'sms' as const, ...(phone ? { to: phone } : {}), message: notice.sms }]
      : []),
    ...(email ? [{ ...base, channel: 'email' as const, to: email, message: notice.email }] : []),
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Answers

/** The one answer to every failed link: never which part was wrong (no oracle of NIKs, codes or links). */
const noMatch = () =>
  new ValidationError(
    text(
      'nik, activationCode: NIK atau kode aktivasi tidak cocok. Kode aktivasi diberikan di kantor desa (bawa KTP), berlaku 24 jam dan hanya sekali pakai.',
      'nik, activationCode: the NIK or the activation code does not match. Activation codes are given at the village office (bring your KTP), are valid for 24 hours and work once.',
    ),
    ['nik', 'activationCode'].map((field) => ({
      field,
      message: text(
        `${field}: NIK atau kode aktivasi tidak cocok`,
        `${field}: the NIK or the activation code does not match`,
      ),
    })),
  );

function contactOf(input: {
  readonly phone?: string;
  readonly email?: string;
}): ApplicantContact | undefined {
  const phone = input.phone === undefined ? undefined : normalizePhoneNumber(input.phone);
  const email = input.email === undefined ? undefined : normalizeEmail(input.email);
  const issues = [
    ...(input.phone !== undefined && !phone
      ? [
          {
            field: 'phone',
            message: text(
              'phone: bukan nomor HP Indonesia (mis. 081234567890)',
              'phone: not an Indonesian mobile number (e.g. 081234567890)',
            ),
          },
        ]
      : []),
    ...(input.email !== undefined && !email
      ? [
          {
            field: 'email',
            message: text('email: alamat e-mail tidak valid', 'email: not a valid e-mail address'),
          },
        ]
      : []),
  ];
  if (issues.length > 0) {
    throw new ValidationError(
      text(
        issues.map((issue) => issue.message.id).join('; '),
        issues.map((issue) => issue.message.en).join('; '),
      ),
      issues,
    );
  }
  if (!phone && !email) return undefined;
  return { ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
}

/** One answer whatever the register said: the operator learns nothing beyond "not here". */
const cannotIssueHere = (villageCode: string) =>
  new ValidationError(
    text(
      `nik, name: kode aktivasi tidak dapat diterbitkan di desa ${villageCode} untuk NIK dan nama ini. Periksa NIK dan nama sesuai KTP; kode hanya diterbitkan oleh desa tempat penduduk terdaftar.`,
      `nik, name: no activation code can be issued in village ${villageCode} for this NIK and name. Check the NIK and the name against the KTP; a code is issued only by the village where the person is registered.`,
    ),
    ['nik', 'name'].map((field) => ({
      field,
      message: text(
        `${field}: tidak dapat diterbitkan di desa ini`,
        `${field}: cannot be issued in this village`,
      ),
    })),
  );
