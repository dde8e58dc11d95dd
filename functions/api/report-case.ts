import { caseIndex } from '../adapters/dynamo-cases.js';
import { surveyStore } from '../adapters/dynamo-surveys.js';
import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { reportCase as report } from '../core/cases/cases.js';
import { reportCase } from './case-routes.js';
import { apiHandler } from './http.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { submitDeps, submittedAnswer } from './request-deps.js';

/** POST /v1/cases (see core/cases/cases.ts reportCase). */
export const handler = apiHandler(
  reportCase,
  async ({ actor, body, headers }) => {
    const key = idempotencyKeyOf(headers);
    const deps = { ...submitDeps(), surveys: surveyStore(), index: caseIndex() };
    return submittedAnswer(deps, await report(deps, actor, body, key));
  },
  { pseudonymKey: loadPseudonymKey },
);
