import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { submitRequest as submit } from '../core/requests/submit-request.js';
import { apiHandler } from './http.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { submitDeps, submittedAnswer } from './request-deps.js';
import { submitRequest } from './routes.js';

export const handler = apiHandler(
  submitRequest,
  async ({ actor, body, headers }) => {
    const key = idempotencyKeyOf(headers);
    const deps = submitDeps();
    return submittedAnswer(deps, await submit(deps, actor, body, key));
  },
  { pseudonymKey: loadPseudonymKey },
);
