import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { decideRequest as decide } from '../core/decide-request.js';
import { requestView } from '../core/views.js';
import { apiHandler, logger, recordedStatus } from './http.js';
import { requestChangeDeps } from './request-deps.js';
import { decideRequest } from './routes.js';

export const handler = apiHandler(
  decideRequest,
  async ({ actor, params, body }) => {
    const deps = requestChangeDeps();
    const { request, signalPending, signalError } = await decide(deps, actor, params.id, body);
    if (signalPending) logger.warn('Workflow signal pending', { requestId: request.id, error: signalError });
    return {
      status: recordedStatus(signalPending),
      body: requestView(request, await deps.catalog.get(request.villageCode, request.serviceCode)),
    };
  },
  { pseudonymKey: loadPseudonymKey },
);
