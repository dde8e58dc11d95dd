import { requestStore } from '../adapters/dynamo-request-store.js';
import { systemClock } from '../adapters/env.js';
import { workflow } from '../adapters/sfn-workflow.js';
import { findService } from '../core/catalog/index.js';
import { decideRequest as decide } from '../core/decide-request.js';
import { requestView } from '../core/views.js';
import { apiHandler } from './http.js';
import { decideRequest } from './routes.js';

export const handler = apiHandler(decideRequest, async ({ actor, params, body }) => {
  const deps = { requests: requestStore(), workflow: workflow(), clock: systemClock };
  const request = await decide(deps, actor, params.id, body);
  return { status: 200, body: requestView(request, findService(request.serviceCode)) };
});
