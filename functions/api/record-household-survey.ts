import { surveyStore } from '../adapters/dynamo-surveys.js';
import { systemClock } from '../adapters/env.js';
import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { recordSurvey, surveyView } from '../core/welfare/survey.js';
import { apiHandler } from './http.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { recordHouseholdSurvey } from './welfare-routes.js';

/** POST /v1/villages/{code}/household-surveys (see recordSurvey). */
export const handler = apiHandler(
  recordHouseholdSurvey,
  async ({ actor, params, body, headers }) => {
    const deps = { surveys: surveyStore(), clock: systemClock };
    const { survey, replayed } = await recordSurvey(
      deps,
      actor,
      params.code,
      body,
      idempotencyKeyOf(headers),
    );
    return {
      status: 201,
      body: surveyView(survey),
      ...(replayed ? { headers: { 'idempotent-replayed': 'true' } } : {}),
    };
  },
  { pseudonymKey: loadPseudonymKey },
);
