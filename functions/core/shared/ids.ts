import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O, U, so ids and tracking codes survive being read aloud or retyped. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** ULID: 48-bit time + 80 random bits; sorts by creation time, which the village inbox relies on. */
export function newId(now: Date = new Date()): string {
  let time = now.getTime();
  let timePart = '';
  for (let i = 0; i < 10; i++) {
    timePart = ALPHABET[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  return timePart + randomBase32(16);
}

/** A short code for people: "DD-7K3M-Q9XA". */
export const newTrackingCode = (): string => `DD-${randomBase32(4)}-${randomBase32(4)}`;

function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % 32];
  return out;
}
