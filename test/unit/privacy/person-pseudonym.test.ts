import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  legacyPersonHash,
  personHash,
  pseudonym,
  setPseudonymKey,
} from '../../../functions/core/privacy/person-pseudonym.js';

const NIK = '3510064607850002';

describe('person pseudonyms (keyed)', () => {
  it('refuses to take a pseudonym before the key is loaded: no unkeyed fallback', () => {
    expect(() => personHash(NIK)).toThrow(/No pseudonym key loaded/);
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => setPseudonymKey(Buffer.alloc(16))).toThrow(/at least 32 bytes/);
  });

  it('is not the unkeyed SHA-256 anyone could recompute from a guessed NIK, and depends on the key', () => {
    setPseudonymKey(Buffer.alloc(32, 1));
    const first = personHash(NIK);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(first).not.toBe(createHash('sha256').update(`nik:${NIK}`).digest('hex'));
    expect(first).not.toBe(legacyPersonHash(NIK));
    expect(personHash(NIK)).toBe(first); // stable under one key
    setPseudonymKey(Buffer.alloc(32, 2));
    expect(personHash(NIK)).not.toBe(first);
  });

  it('keeps purposes apart: a NIK and a phone number with the same digits get different pseudonyms', () => {
    setPseudonymKey(Buffer.alloc(32, 1));
    expect(pseudonym('sms', NIK)).not.toBe(personHash(NIK));
  });
});
