import { citizenProfiles } from '../adapters/citizen-profiles.js';
import { myProfile } from '../core/identity/citizen-profile.js';
import { getMe } from './citizen-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(getMe, async ({ actor }) => ({
  status: 200,
  body: await myProfile({ profiles: citizenProfiles() }, actor),
}));
