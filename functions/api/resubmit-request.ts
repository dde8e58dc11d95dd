import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { resubmitRequest as resubmit } from '../core/requests/resubmit-request.js';
import { apiHandler } from './http.js';
import { recordedChangeAnswer, requestChangeDeps } from './request-deps.js';
import { resubmitRequest } from './routes.js';

export const handler = apiHandler(
  resubmitRequest,
  async ({ actor, params, body }) => {
    const deps = requestChangeDeps();
    return recordedChangeAnswer(deps, await resubmit(deps, actor, params.id, body));
  },
  { pseudonymKey: loadPseudonymKey },
);
