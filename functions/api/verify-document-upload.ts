import { documentRegistry } from '../adapters/dynamo-document-registry.js';
import { rateCounter } from '../adapters/dynamo-rate-limit.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import { certificateAuthorityKey, documentSigner } from '../adapters/signing/index.js';
import { trustedSigningRoots } from '../adapters/signing/signing-roots.js';
import { verifyUpload } from '../core/documents/verification.js';
import { apiHandler, logger } from './http.js';
import { verifyDocumentUpload } from './routes.js';

/** POST /v1/verify: the body is the PDF itself (Content-Type application/pdf); see verifyUpload. */
export const handler = apiHandler(verifyDocumentUpload, async ({ rawBody, origin }) => ({
  status: 200,
  body: await verifyUpload(
    {
      registry: documentRegistry(),
      villages: villageDirectory(),
      catalog: catalog(),
      signer: documentSigner(),
      authorityKey: certificateAuthorityKey(),
      trustedRoots: trustedSigningRoots(),
      log: logger,
      rates: rateCounter(),
      clock: systemClock,
    },
    rawBody,
    { address: origin.ip },
  ),
}));
