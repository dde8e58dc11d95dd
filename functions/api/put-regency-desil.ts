import { desilStore } from '../adapters/dynamo-desil.js';
import { systemClock } from '../adapters/env.js';
import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { shippedPopulation } from '../adapters/registries/population-data.js';
import { importDesil, regencyOf } from '../core/welfare/desil.js';
import { apiHandler } from './http.js';
import { putRegencyDesil } from './welfare-routes.js';

/** PUT /v1/regencies/{regencyCode}/desil: the body is the CSV file itself (see importDesil). */
export const handler = apiHandler(
  putRegencyDesil,
  async ({ actor, params, rawBody }) => {
    const population = shippedPopulation();
    const deps = {
      desil: desilStore(),
      clock: systemClock,
      residentOf: (nik: string, regencyCode: string) => {
        const household = population.get(nik)?.household;
        return household !== undefined && regencyOf(household.villageCode) === regencyCode;
      },
    };
    return { status: 200, body: await importDesil(deps, actor, params.regencyCode, rawBody) };
  },
  { pseudonymKey: loadPseudonymKey },
);
