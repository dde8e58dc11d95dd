import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { resubmitRequest as resubmit } from '../core/resubmit-request.js';
import { requestView } from '../core/views.js';
import { apiHandler, logger, recordedStatus } from './http.js';
import { requestChangeDeps } from './request-deps.js';
import { resubmitRequest } from './routes.js';

export const handler = apiHandler(
  resubmitRequest,
  async ({ actor, params, body }) => {
    const deps = requestChangeDeps();
    const { request, signalPending, signalError } = await resubmit(deps, actor, params.id, body);
    if (signalPending) logger.warn('Workflow signal pending', { requestId: request.id, error: signalError });
    return {
      status: recordedStatus(signalPending),
      body: requestView(request, await deps.catalog.get(request.villageCode, request.serviceCode)),
    };
  },
  { pseudonymKey: loadPseudonymKey },
);
