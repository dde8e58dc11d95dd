import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { ApplicantContact } from '../notifications/notifications.js';
import type { AuditEntry } from '../privacy/audit.js';

/**
 * The counter activation code (issue 10, item 1): the proof that links a NIK to an account. As OpenSID's
 * layanan mandiri PIN and Dukcapil's IKD activation, it is handed out at the village office by an operator
 * who has seen the person's KTP: knowing a name and a birth date (which the NIK itself spells out) proves
 * nothing. A code is random, shown once (printed on a slip), kept only as a hash, valid for 24 hours, used
 * once, and one per person: issuing again replaces the code before.
 *
 * It is not sent by SMS: the outbox keeps every message's text, so a code sent there would be kept in clear;
 * the slip goes from the operator's hand to the person's. The contact the operator records (optional) is
 * where the person is told that their NIK was linked or unlinked.
 */

/** No 0/O, 1/I/L: read aloud or copied from paper without doubt. 31 symbols. */
export const ACTIVATION_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 10 symbols of 31: 49.5 bits. With 5 tries an hour per NIK (LINK_FAILURES_PER_NIK), guessing is hopeless. */
export const ACTIVATION_CODE_LENGTH = 10;
export const ACTIVATION_VALID_HOURS = 24;

/** One live code per person: pk NIKACT#<person hash>. The code itself is never stored. */
export interface NikActivation {
  readonly villageCode: string;
  /** sha256 over the person's hash and the code (see activationCodeHash). */
  readonly codeHash: string;
  /** The name on the KTP the operator saw, confirmed by the register; the linked profile carries it. */
  readonly name: string;
  readonly issuedAt: string;
  /** Not `expiresAt`: the table's TTL attribute would delete the record the link notices need. */
  readonly validUntil: string;
  /** The operator's subject. */
  readonly issuedBy: string;
  /** Where the person is told about their link (given at the counter). */
  readonly contact?: ApplicantContact;
  /** Set once the code was used: it links nothing again. */
  readonly usedAt?: string;
}

export interface NikActivations {
  /** The person's current code, if any (live, used or expired). */
  activation(person: string): Promise<NikActivation | undefined>;
  /** Writes the code (replacing the person's previous one) and the audit entry in one transaction. */
  issue(person: string, activation: NikActivation, audit: AuditEntry): Promise<void>;
}

/** A fresh code, grouped for reading: ABCDE-FGHJK. */
export function newActivationCode(): string {
  const symbols = Array.from(
    { length: ACTIVATION_CODE_LENGTH },
    () => ACTIVATION_ALPHABET[randomInt(ACTIVATION_ALPHABET.length)],
  ).join('');
  return `${symbols.slice(0, 5)}-${symbols.slice(5)}`;
}

/** As typed by a citizen: case, spaces and dashes do not matter. */
export const normalizeActivationCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '');

/** The stored form: bound to the person, so a code is worth nothing for another NIK. */
export const activationCodeHash = (person: string, code: string): string =>
  createHash('sha256')
    .update(`nik-activation:${person}:${normalizeActivationCode(code)}`)
    .digest('hex');

/** Does the typed code open this activation now? Same time for every wrong code (no timing oracle). */
export function opens(
  activation: NikActivation | undefined,
  person: string,
  typed: string,
  now: Date,
): boolean {
  const expected = Buffer.from(activation?.codeHash ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(activationCodeHash(person, typed), 'hex');
  const same = timingSafeEqual(expected, given);
  return (
    activation !== undefined &&
    same &&
    activation.usedAt === undefined &&
    now.getTime() < Date.parse(activation.validUntil)
  );
}
