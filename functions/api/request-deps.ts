import { businessMetrics } from '../adapters/business-metrics.js';
import { rateCounter } from '../adapters/dynamo-rate-limit.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { optionalCountEnv, systemClock } from '../adapters/env.js';
import { notifier } from '../adapters/notifications/index.js';
import { uploadStore } from '../adapters/s3-uploads.js';
import { workflow } from '../adapters/sfn-workflow.js';
import type { RecordedChange } from '../core/requests/decide-request.js';
import type { ServiceRequest } from '../core/requests/requests.js';
import { submissionLimits } from '../core/requests/submit-request.js';
import { requestView } from '../core/requests/views.js';
import { type ApiResult, logger, recordedStatus } from './http.js';

/** What the routes that change a request use: the record, its service, its files, the workflow, and who to tell. */
export const requestChangeDeps = () => ({
  requests: requestStore(),
  catalog: catalog(),
  uploads: uploadStore(),
  workflow: workflow(),
  notifier: notifier(),
  metrics: businessMetrics(),
  clock: systemClock,
});

/**
 * The answer to a change the workflow waits on (a decision, a correction): the request as its service shows
 * it, 200 once the workflow heard of it, 202 while the signal is pending (logged; the reconciler re-sends it).
 */
export async function recordedChangeAnswer(
  deps: ReturnType<typeof requestChangeDeps>,
  { request, signalPending, signalError }: RecordedChange,
): Promise<ApiResult> {
  if (signalPending) logger.warn('Workflow signal pending', { requestId: request.id, error: signalError });
  return {
    status: recordedStatus(signalPending),
    body: requestView(request, await deps.catalog.definitionOf(request)),
  };
}

/** What a submission needs besides: the village, the account's submission counters and their limits. */
export const submitDeps = () => ({
  ...requestChangeDeps(),
  villages: villageDirectory(),
  rates: rateCounter(),
  submissionLimits: submissionLimits(optionalCountEnv('SUBMISSIONS_PER_ACCOUNT_PER_DAY')),
});

/** 201 with the new request as its service shows it; a replayed Idempotency-Key says so. */
export async function submittedAnswer(
  deps: ReturnType<typeof requestChangeDeps>,
  { request, replayed }: { request: ServiceRequest; replayed: boolean },
): Promise<ApiResult> {
  return {
    status: 201,
    body: requestView(request, await deps.catalog.definitionOf(request)),
    headers: {
      location: `/v1/requests/${request.id}`,
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
  };
}
