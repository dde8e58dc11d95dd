import { createHash } from 'node:crypto';

/** SHA-256 of a document's bytes, lower-case hex: what the verification page shows and what gets signed. */
export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
