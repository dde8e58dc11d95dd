import { documentRegistry, documentStore, requestStore, systemClock } from '../adapters/deps.js';
import { documentLink } from '../core/queries.js';
import { apiHandler } from './http.js';
import { getRequestDocument } from './routes.js';

export const handler = apiHandler(getRequestDocument, async ({ actor, params }) => {
  const deps = {
    requests: requestStore(),
    registry: documentRegistry(),
    files: documentStore(),
    now: systemClock.now,
  };
  return { status: 200, body: await documentLink(deps, actor, params.id) };
});
