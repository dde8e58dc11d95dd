import { legalProductStore } from '../adapters/dynamo-legal-products.js';
import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { draftLegalProduct as draft } from '../core/legal/draft.js';
import { apiHandler } from './http.js';
import { draftLegalProduct } from './legal-routes.js';
import { idempotencyKeyOf, submitDeps, submittedAnswer } from './request-deps.js';

export const handler = apiHandler(
  draftLegalProduct,
  async ({ actor, params, body, headers }) => {
    const key = idempotencyKeyOf(headers);
    const deps = { ...submitDeps(), legalProducts: legalProductStore() };
    return submittedAnswer(deps, await draft(deps, actor, params.code, body, key));
  },
  { pseudonymKey: loadPseudonymKey },
);
