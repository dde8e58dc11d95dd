import { createHash, createHmac } from 'node:crypto';

/**
 * Pseudonyms (issue 10): how a person (by NIK) or a contact appears in table keys, audit targets and rate
 * counters without the value itself. HMAC-SHA-256 under the platform's secret key, so that holding the table
 * (a backup, an export, a read-only role) does not let anyone reverse it: a NIK has about 10^10 likely values
 * and an unkeyed SHA-256 of it is brute-forced in seconds.
 *
 * The key is loaded once per container, before the first pseudonym is taken (adapters/pseudonym-key.ts:
 * derived with KMS GenerateMac in AWS, a key file under the data directory locally); then every call is
 * synchronous. Without a key there is no pseudonym: the call throws (fail closed), it never falls back to
 * an unkeyed hash.
 */
let key: Buffer | undefined;

/** Minimum key length: HMAC-SHA-256's block security needs at least its output size. */
const KEY_BYTES = 32;

export function setPseudonymKey(secret: Uint8Array): void {
  if (secret.length < KEY_BYTES) throw new Error(`The pseudonym key must have at least ${KEY_BYTES} bytes`);
  key = Buffer.from(secret);
}

export const hasPseudonymKey = (): boolean => key !== undefined;

/** The keyed pseudonym of `value` for one purpose ('nik', 'sms', 'email'…), hex. */
export function pseudonym(purpose: string, value: string): string {
  if (!key) {
    throw new Error('No pseudonym key loaded: the function must load it (loadPseudonymKey) before use');
  }
  return createHmac('sha256', key).update(`${purpose}:${value}`).digest('hex');
}

/** How a person appears in table keys and audit targets: the keyed pseudonym of their NIK; never the NIK. */
export const personHash = (nik: string): string => pseudonym('nik', nik);

/**
 * The unkeyed pseudonym used before issue 10 (SHA-256 of 'nik:' + NIK). Only the migration reads it
 * (scripts/migrate-pseudonyms.ts), to find the items it keyed.
 */
export const legacyPersonHash = (nik: string): string =>
  createHash('sha256').update(`nik:${nik}`).digest('hex');
