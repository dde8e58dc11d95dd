import { z } from 'zod';
import { documentRegistry, documentStore, requestStore, villageDirectory } from '../adapters/deps.js';
import { requiredEnv } from '../adapters/env.js';
import { issueDocument } from '../core/issue-document.js';
import { clock, workflowTask } from './task.js';

export const handler = workflowTask(
  'IssueDocument',
  z.object({ requestId: z.string() }),
  async ({ requestId }) => {
    const deps = {
      requests: requestStore(),
      villages: villageDirectory(),
      registry: documentRegistry(),
      files: documentStore(),
      clock,
      verifyBaseUrl: requiredEnv('PUBLIC_BASE_URL'),
    };
    const { documentId } = await issueDocument(deps, requestId);
    return { requestId, outcome: 'issued', documentId };
  },
);
