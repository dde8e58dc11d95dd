import type { ServiceCatalog } from './catalog/service-catalog.js';
import type { ConsoleReads } from './console-reads.js';
import type { Actor } from './roles.js';
import { requestView } from './views.js';

/** The caller's own requests (a citizen's, or those an operator submitted at the counter), newest first. */
export async function listMyRequests(
  deps: { reads: ConsoleReads; catalog: ServiceCatalog },
  actor: Actor,
  query: { limit: number; cursor?: string },
) {
  const page = await deps.reads.byApplicant(actor.subject, query.limit, query.cursor);
  const items = await Promise.all(
    page.items.map(async (request) =>
      requestView(request, await deps.catalog.get(request.villageCode, request.serviceCode)),
    ),
  );
  return {
    items,
    ...(page.cursor ? { nextCursor: page.cursor } : {}),
  };
}
