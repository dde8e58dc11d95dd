import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { signsWithService } from '../adapters/signing/signing-services.js';
import { decideCase as decide } from '../core/cases/cases.js';
import { decideCase } from './case-routes.js';
import { apiHandler } from './http.js';
import { recordedChangeAnswer, requestChangeDeps } from './request-deps.js';

/** POST /v1/cases/{id}/decisions: the generic decision on a case (see core/cases/cases.ts decideCase). */
export const handler = apiHandler(
  decideCase,
  async ({ actor, params, body }) => {
    const deps = { ...requestChangeDeps(), signsWithService: signsWithService() };
    return recordedChangeAnswer(deps, await decide(deps, actor, params.id, body));
  },
  { pseudonymKey: loadPseudonymKey },
);
