import { decideRequest as decide } from '../core/decide-request.js';
import { requestView } from '../core/views.js';
import { apiHandler } from './http.js';
import { requestChangeDeps } from './request-deps.js';
import { decideRequest } from './routes.js';

export const handler = apiHandler(decideRequest, async ({ actor, params, body }) => {
  const deps = requestChangeDeps();
  const request = await decide(deps, actor, params.id, body);
  return {
    status: 200,
    body: requestView(request, await deps.catalog.get(request.villageCode, request.serviceCode)),
  };
});
