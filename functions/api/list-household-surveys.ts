import { surveyStore } from '../adapters/dynamo-surveys.js';
import { systemClock } from '../adapters/env.js';
import { listSurveys, surveyView } from '../core/welfare/survey.js';
import { apiHandler } from './http.js';
import { listHouseholdSurveys } from './welfare-routes.js';

/** GET /v1/villages/{code}/household-surveys (see listSurveys). */
export const handler = apiHandler(listHouseholdSurveys, async ({ actor, params }) => ({
  status: 200,
  body: {
    items: (await listSurveys({ surveys: surveyStore(), clock: systemClock }, actor, params.code)).map(
      surveyView,
    ),
  },
}));
