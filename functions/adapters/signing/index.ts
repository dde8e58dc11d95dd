import type { DocumentSigner, KeySigner } from '../../core/shared/ports.js';
import { KmsDocumentSigner } from './kms-signer.js';
import { LocalDocumentSigner } from './local-signer.js';

export { KmsDocumentSigner } from './kms-signer.js';
export { LocalDocumentSigner } from './local-signer.js';

/**
 * The document signer this function is configured for:
 * - SIGNING_KEY_ID (set by the stack for functions that need 'documents:sign' or 'documents:verify'): KMS;
 * - else LOCAL_SIGNING_KEY_FILE (set by the local runtime): a key file under the local data directory;
 * - else an error that says so: a letter must never go out unsigned.
 * Built once per configuration: tests restart the local runtime, with another data directory, in one process.
 */
export function documentSigner(env: NodeJS.ProcessEnv = process.env): DocumentSigner {
  const { configuration, create } = configured(env);
  if (cached?.configuration !== configuration) cached = { configuration, signer: create() };
  return cached.signer;
}

let cached: { configuration: string; signer: DocumentSigner } | undefined;

/**
 * The regency certificate authority's key, which certifies each signer over the document key (PAdES):
 * CA_KEY_ID (a KMS key, set by the stack for 'certificates:issue') or LOCAL_CA_KEY_FILE (the local runtime);
 * otherwise an error, as for the document key: a letter must never go out without its signature.
 */
export function certificateAuthorityKey(env: NodeJS.ProcessEnv = process.env): KeySigner {
  const keyId = env.CA_KEY_ID;
  const keyFile = env.LOCAL_CA_KEY_FILE;
  const configuration = keyId ? `kms:${keyId}` : keyFile ? `file:${keyFile}` : undefined;
  if (!configuration) {
    throw new Error(
      'No certificate authority key is configured: set CA_KEY_ID (a KMS key, in AWS) or LOCAL_CA_KEY_FILE',
    );
  }
  if (cachedAuthority?.configuration !== configuration) {
    cachedAuthority = {
      configuration,
      key: keyId ? new KmsDocumentSigner(keyId) : new LocalDocumentSigner(keyFile ?? ''),
    };
  }
  return cachedAuthority.key;
}

let cachedAuthority: { configuration: string; key: KeySigner } | undefined;

function configured(env: NodeJS.ProcessEnv): { configuration: string; create: () => DocumentSigner } {
  const keyId = env.SIGNING_KEY_ID;
  if (keyId) return { configuration: `kms:${keyId}`, create: () => new KmsDocumentSigner(keyId) };
  const keyFile = env.LOCAL_SIGNING_KEY_FILE;
  if (keyFile) return { configuration: `file:${keyFile}`, create: () => new LocalDocumentSigner(keyFile) };
  throw new Error(
    'No document signing key is configured: set SIGNING_KEY_ID (a KMS key, in AWS) or ' +
      'LOCAL_SIGNING_KEY_FILE (the local runtime sets it to a key file under its data directory)',
  );
}
