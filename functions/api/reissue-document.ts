import { certificateStore } from '../adapters/dynamo-certificates.js';
import { documentRegistry } from '../adapters/dynamo-document-registry.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { requiredEnv, systemClock } from '../adapters/env.js';
import { documentStore } from '../adapters/s3-document-store.js';
import { emblemStore } from '../adapters/s3-emblems.js';
import { certificateAuthorityKey, documentSigner } from '../adapters/signing/index.js';
import {
  documentView,
  type LetterRenderer,
  reissueDocument as reissue,
} from '../core/documents/document-lifecycle.js';
import { renderAndStoreLetter } from '../core/documents/issue-document.js';
import { apiHandler } from './http.js';
import { reissueDocument } from './routes.js';

export const handler = apiHandler(reissueDocument, async ({ actor, params, body }) => {
  // Rendered, stored and signed exactly as the workflow's IssueDocument does (QR to the public verify URL).
  const issuing = {
    requests: requestStore(),
    files: documentStore(),
    signer: documentSigner(),
    verifyBaseUrl: requiredEnv('PUBLIC_BASE_URL'),
    authorityKey: certificateAuthorityKey(),
    certificates: certificateStore(),
    emblems: emblemStore(),
  };
  const renderLetter: LetterRenderer = (request, service, village, pinned) =>
    renderAndStoreLetter(issuing, request, service, village, pinned);
  const deps = {
    ...issuing,
    registry: documentRegistry(),
    villages: villageDirectory(),
    catalog: catalog(),
    clock: systemClock,
    renderLetter,
  };
  const document = await reissue(deps, actor, params.documentId, body.reason);
  return { status: 201, body: documentView(document) };
});
