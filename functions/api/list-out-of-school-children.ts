import { dropoutCases } from '../adapters/dynamo-cases.js';
import { surveyStore } from '../adapters/dynamo-surveys.js';
import { systemClock } from '../adapters/env.js';
import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { schoolEnrolmentRegistry } from '../adapters/registries/index.js';
import { shippedVillageRegister } from '../adapters/registries/population-data.js';
import { listOutOfSchoolChildren as list } from '../core/schooling/out-of-school.js';
import { apiHandler } from './http.js';
import { listOutOfSchoolChildren } from './schooling-routes.js';

/** GET /v1/villages/{code}/out-of-school-children (see core/schooling/out-of-school.ts). */
export const handler = apiHandler(
  listOutOfSchoolChildren,
  async ({ actor, params }) => {
    const deps = {
      register: shippedVillageRegister,
      cases: dropoutCases(),
      enrolment: schoolEnrolmentRegistry(),
      surveys: surveyStore(),
      clock: systemClock,
    };
    return { status: 200, body: await list(deps, actor, params.code) };
  },
  { pseudonymKey: loadPseudonymKey },
);
