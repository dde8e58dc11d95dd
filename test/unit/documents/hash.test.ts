import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../functions/core/documents/hash.js';

describe('sha256Hex', () => {
  it('gives the standard SHA-256 of the bytes, in lower-case hex', () => {
    // FIPS 180-2 test vector for "abc"
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
