import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { signsWithService } from '../adapters/signing/signing-services.js';
import { decideRequest as decide } from '../core/requests/decide-request.js';
import { apiHandler } from './http.js';
import { recordedChangeAnswer, requestChangeDeps } from './request-deps.js';
import { decideRequest } from './routes.js';

export const handler = apiHandler(
  decideRequest,
  async ({ actor, params, body }) => {
    const deps = { ...requestChangeDeps(), signsWithService: signsWithService() };
    return recordedChangeAnswer(deps, await decide(deps, actor, params.id, body));
  },
  { pseudonymKey: loadPseudonymKey },
);
