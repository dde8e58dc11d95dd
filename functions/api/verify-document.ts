import { documentRegistry } from '../adapters/dynamo-document-registry.js';
import { rateCounter } from '../adapters/dynamo-rate-limit.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import { documentSigner } from '../adapters/signing/index.js';
import { verifyById } from '../core/documents/verification.js';
import { apiHandler, logger } from './http.js';
import { verifyDocument } from './routes.js';

export const handler = apiHandler(verifyDocument, async ({ params, origin }) => ({
  status: 200,
  body: await verifyById(
    {
      registry: documentRegistry(),
      villages: villageDirectory(),
      catalog: catalog(),
      signer: documentSigner(),
      log: logger,
      rates: rateCounter(),
      clock: systemClock,
    },
    params.documentId,
    { address: origin.ip },
  ),
}));
