import { citizenProfiles } from '../adapters/citizen-profiles.js';
import { rateCounter } from '../adapters/dynamo-rate-limit.js';
import { systemClock } from '../adapters/env.js';
import { notifier } from '../adapters/notifications/index.js';
import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { myProfile } from '../core/identity/citizen-profile.js';
import { linkNik as link } from '../core/identity/nik-link.js';
import { linkNik } from './citizen-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(
  linkNik,
  async ({ actor, body }) => {
    const profiles = citizenProfiles();
    await link(
      { profiles, activations: profiles, rates: rateCounter(), clock: systemClock, notifier: notifier() },
      actor,
      body,
    );
    return { status: 200, body: await myProfile({ profiles }, actor) };
  },
  { pseudonymKey: loadPseudonymKey },
);
