import { citizenProfiles } from '../adapters/citizen-profiles.js';
import { systemClock } from '../adapters/env.js';
import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { populationRegistry } from '../adapters/registries/index.js';
import { issueNikActivation as issue } from '../core/identity/nik-link.js';
import { issueNikActivation } from './citizen-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(
  issueNikActivation,
  async ({ actor, params, body }) => {
    const deps = { activations: citizenProfiles(), population: populationRegistry(), clock: systemClock };
    return { status: 201, body: await issue(deps, actor, params.code, body) };
  },
  { pseudonymKey: loadPseudonymKey },
);
