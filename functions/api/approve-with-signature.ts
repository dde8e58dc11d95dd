import { documentRegistry } from '../adapters/dynamo-document-registry.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { requiredEnv } from '../adapters/env.js';
import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { documentStore } from '../adapters/s3-document-store.js';
import { emblemStore } from '../adapters/s3-emblems.js';
import { signingServices } from '../adapters/signing/bsre-client.js';
import { trustedSigningRoots } from '../adapters/signing/signing-roots.js';
import { approveWithSignature as approve } from '../core/documents/signed-approval.js';
import { apiHandler } from './http.js';
import { recordedChangeAnswer, requestChangeDeps } from './request-deps.js';
import { approveWithSignature } from './routes.js';

export const handler = apiHandler(
  approveWithSignature,
  async ({ actor, params, body }) => {
    const deps = {
      ...requestChangeDeps(),
      villages: villageDirectory(),
      registry: documentRegistry(),
      files: documentStore(),
      emblems: emblemStore(),
      verifyBaseUrl: requiredEnv('PUBLIC_BASE_URL'),
      signingServices: signingServices(),
      trustedRoots: trustedSigningRoots(),
    };
    const { nik, passphrase, totp, note, stage } = body;
    const credentials = {
      nik,
      ...(passphrase !== undefined ? { passphrase } : {}),
      ...(totp !== undefined ? { totp } : {}),
    };
    return recordedChangeAnswer(
      deps,
      await approve(deps, actor, params.id, { credentials, note, ...(stage ? { stage } : {}) }),
    );
  },
  { pseudonymKey: loadPseudonymKey },
);
