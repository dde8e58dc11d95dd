import * as z from 'zod/mini';
import { businessMetrics } from '../adapters/business-metrics.js';
import { certificateStore } from '../adapters/dynamo-certificates.js';
import { documentRegistry } from '../adapters/dynamo-document-registry.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { requiredEnv } from '../adapters/env.js';
import { notifier } from '../adapters/notifications/index.js';
import { documentStore } from '../adapters/s3-document-store.js';
import { emblemStore } from '../adapters/s3-emblems.js';
import { certificateAuthorityKey, documentSigner } from '../adapters/signing/index.js';
import { issueDocument } from '../core/documents/issue-document.js';
import { clock, workflowTask } from './task.js';

export const handler = workflowTask(
  'IssueDocument',
  z.object({ requestId: z.string() }),
  async ({ requestId }) => {
    const deps = {
      requests: requestStore(),
      villages: villageDirectory(),
      catalog: catalog(),
      signer: documentSigner(),
      notifier: notifier(),
      metrics: businessMetrics(),
      registry: documentRegistry(),
      files: documentStore(),
      clock,
      verifyBaseUrl: requiredEnv('PUBLIC_BASE_URL'),
      authorityKey: certificateAuthorityKey(),
      certificates: certificateStore(),
      emblems: emblemStore(),
    };
    const { documentId } = await issueDocument(deps, requestId);
    return { requestId, outcome: 'issued', documentId };
  },
);
