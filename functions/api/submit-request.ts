import { rateCounter } from '../adapters/dynamo-rate-limit.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { optionalCountEnv } from '../adapters/env.js';
import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { submissionLimits, submitRequest as submit } from '../core/requests/submit-request.js';
import { requestView } from '../core/requests/views.js';
import { ValidationError } from '../core/shared/errors.js';
import { text } from '../core/shared/text.js';
import { apiHandler } from './http.js';
import { requestChangeDeps } from './request-deps.js';
import { submitRequest } from './routes.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export const handler = apiHandler(
  submitRequest,
  async ({ actor, body, headers }) => {
    const key = headers['idempotency-key'];
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new ValidationError(
        text(
          'Idempotency-Key harus 8-128 huruf, angka, atau - _ . :',
          'Idempotency-Key must be 8-128 letters, digits or - _ . :',
        ),
        [{ field: 'Idempotency-Key', message: text('format tidak valid', 'invalid format') }],
      );
    }
    const deps = {
      ...requestChangeDeps(),
      villages: villageDirectory(),
      rates: rateCounter(),
      submissionLimits: submissionLimits(optionalCountEnv('SUBMISSIONS_PER_ACCOUNT_PER_DAY')),
    };
    const { request, replayed } = await submit(deps, actor, body, key);
    return {
      status: 201,
      body: requestView(request, await deps.catalog.get(request.villageCode, request.serviceCode)),
      headers: {
        location: `/v1/requests/${request.id}`,
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      },
    };
  },
  { pseudonymKey: loadPseudonymKey },
);
