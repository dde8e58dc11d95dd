import { budgetStore } from '../adapters/dynamo-budgets.js';
import { legalProductStore } from '../adapters/dynamo-legal-products.js';
import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { budgetAdoption } from '../core/budget/adoption.js';
import { draftLegalProduct as draft } from '../core/legal/draft.js';
import { apiHandler } from './http.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { draftLegalProduct } from './legal-routes.js';
import { submitDeps, submittedAnswer } from './request-deps.js';

export const handler = apiHandler(
  draftLegalProduct,
  async ({ actor, params, body, headers }) => {
    const key = idempotencyKeyOf(headers);
    const base = submitDeps();
    const budgets = budgetAdoption({ budgets: budgetStore(), clock: base.clock });
    const deps = { ...base, legalProducts: legalProductStore(), budgets };
    return submittedAnswer(deps, await draft(deps, actor, params.code, body, key));
  },
  { pseudonymKey: loadPseudonymKey },
);
