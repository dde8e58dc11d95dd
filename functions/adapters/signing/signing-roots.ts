import { readCertificate } from '../../core/documents/certificates.js';

/**
 * The signing services' root certificates an embedded signature may chain to (BSrE's root, or the local
 * stand-in's), from SIGNING_SERVICE_ROOTS: base64 DER certificates separated by commas. Their keys, SPKI DER.
 */
export function trustedSigningRoots(env: NodeJS.ProcessEnv = process.env): readonly Uint8Array[] {
  const raw = env.SIGNING_SERVICE_ROOTS ?? '';
  if (cachedRoots?.raw !== raw) {
    const keys = raw
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .map((entry) => readCertificate(Buffer.from(entry, 'base64')).publicKey);
    cachedRoots = { raw, keys };
  }
  return cachedRoots.keys;
}

let cachedRoots: { raw: string; keys: readonly Uint8Array[] } | undefined;
