import { surveyStore } from '../adapters/dynamo-surveys.js';
import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { draftMusdesVerification as draft } from '../core/welfare/musdes.js';
import { apiHandler } from './http.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { submitDeps, submittedAnswer } from './request-deps.js';
import { draftMusdesVerification } from './welfare-routes.js';

/** POST /v1/villages/{code}/musdes-verifications (see core/welfare/musdes.ts). */
export const handler = apiHandler(
  draftMusdesVerification,
  async ({ actor, params, body, headers }) => {
    const deps = { ...submitDeps(), surveys: surveyStore() };
    return submittedAnswer(deps, await draft(deps, actor, params.code, body, idempotencyKeyOf(headers)));
  },
  { pseudonymKey: loadPseudonymKey },
);
