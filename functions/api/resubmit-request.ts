import { resubmitRequest as resubmit } from '../core/resubmit-request.js';
import { requestView } from '../core/views.js';
import { apiHandler } from './http.js';
import { requestChangeDeps } from './request-deps.js';
import { resubmitRequest } from './routes.js';

export const handler = apiHandler(resubmitRequest, async ({ actor, params, body }) => {
  const deps = requestChangeDeps();
  const request = await resubmit(deps, actor, params.id, body);
  return {
    status: 200,
    body: requestView(request, await deps.catalog.get(request.villageCode, request.serviceCode)),
  };
});
