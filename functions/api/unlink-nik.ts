import { citizenProfiles } from '../adapters/citizen-profiles.js';
import { systemClock } from '../adapters/env.js';
import { notifier } from '../adapters/notifications/index.js';
import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { populationRegistry } from '../adapters/registries/index.js';
import { unlinkNik as unlink } from '../core/identity/nik-link.js';
import { unlinkNik } from './citizen-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(
  unlinkNik,
  async ({ actor, params, body }) => {
    const profiles = citizenProfiles();
    const deps = {
      profiles,
      activations: profiles,
      population: populationRegistry(),
      clock: systemClock,
      notifier: notifier(),
    };
    return { status: 200, body: await unlink(deps, actor, params.code, body) };
  },
  { pseudonymKey: loadPseudonymKey },
);
