import { documentRegistry } from '../adapters/dynamo-document-registry.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { documentSigner } from '../adapters/signing/index.js';
import { verifyUpload } from '../core/verification.js';
import { apiHandler, logger } from './http.js';
import { verifyDocumentUpload } from './routes.js';

/** POST /v1/verify: the body is the PDF itself (Content-Type application/pdf); see verifyUpload. */
export const handler = apiHandler(verifyDocumentUpload, async ({ rawBody }) => ({
  status: 200,
  body: await verifyUpload(
    {
      registry: documentRegistry(),
      villages: villageDirectory(),
      catalog: catalog(),
      signer: documentSigner(),
      log: logger,
    },
    rawBody,
  ),
}));
