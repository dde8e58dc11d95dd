import { citizenProfiles, identityVerifier } from '../adapters/citizen-profiles.js';
import { rateCounter } from '../adapters/dynamo-rate-limit.js';
import { systemClock } from '../adapters/env.js';
import { linkNik as link, myProfile } from '../core/citizen-profile.js';
import { linkNik } from './citizen-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(linkNik, async ({ actor, body }) => {
  const profiles = citizenProfiles();
  await link(
    { profiles, identity: identityVerifier(), rates: rateCounter(), clock: systemClock },
    actor,
    body,
  );
  return { status: 200, body: await myProfile({ profiles }, actor) };
});
