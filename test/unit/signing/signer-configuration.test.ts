import { describe, expect, it } from 'vitest';
import {
  documentSigner,
  KmsDocumentSigner,
  LocalDocumentSigner,
} from '../../../functions/adapters/signing/index.js';

describe('documentSigner', () => {
  it('signs with KMS when SIGNING_KEY_ID is set, even if a local key file is configured too', () => {
    const signer = documentSigner({
      SIGNING_KEY_ID: 'arn:aws:kms:ap-southeast-3:1:key/k',
      LOCAL_SIGNING_KEY_FILE: '/x',
    });
    expect(signer).toBeInstanceOf(KmsDocumentSigner);
  });

  it('signs with the local key file otherwise', () => {
    expect(documentSigner({ LOCAL_SIGNING_KEY_FILE: '/tmp/key.pem' })).toBeInstanceOf(LocalDocumentSigner);
  });

  it('builds the signer once per configuration', () => {
    const first = documentSigner({ LOCAL_SIGNING_KEY_FILE: '/tmp/a.pem' });
    expect(documentSigner({ LOCAL_SIGNING_KEY_FILE: '/tmp/a.pem' })).toBe(first);
    expect(documentSigner({ LOCAL_SIGNING_KEY_FILE: '/tmp/b.pem' })).not.toBe(first);
  });

  it('fails fast, naming both settings, when neither is set', () => {
    expect(() => documentSigner({})).toThrow(/SIGNING_KEY_ID.*LOCAL_SIGNING_KEY_FILE/);
  });
});
