import { desilStore } from '../adapters/dynamo-desil.js';
import { systemClock } from '../adapters/env.js';
import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { shippedResidentOfRegency } from '../adapters/registries/population-data.js';
import { importDesil } from '../core/welfare/desil.js';
import { apiHandler } from './http.js';
import { putRegencyDesil } from './welfare-routes.js';

/** PUT /v1/regencies/{regencyCode}/desil: the body is the CSV file itself (see importDesil). */
export const handler = apiHandler(
  putRegencyDesil,
  async ({ actor, params, rawBody }) => {
    const deps = { desil: desilStore(), clock: systemClock, residentOf: shippedResidentOfRegency };
    return { status: 200, body: await importDesil(deps, actor, params.regencyCode, rawBody) };
  },
  { pseudonymKey: loadPseudonymKey },
);
