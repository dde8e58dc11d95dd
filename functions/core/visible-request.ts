import type { ServiceCatalog } from './catalog/service-catalog.js';
import type { ServiceDefinition } from './catalog/types.js';
import { assertCanSee } from './policy.js';
import type { RequestStore } from './ports.js';
import type { Actor } from './roles.js';

/**
 * A request and its service, if the caller may see it (policy.canSeeRequest); otherwise 404. The service is
 * read first because whether an agency officer may see a request depends on its approval chain.
 */
export async function readVisible(
  deps: { requests: RequestStore; catalog: ServiceCatalog },
  actor: Actor,
  id: string,
) {
  const stored = await deps.requests.get(id);
  const service = stored ? await deps.catalog.get(stored.villageCode, stored.serviceCode) : undefined;
  return { request: assertCanSee(actor, stored, id, service), service: service as ServiceDefinition };
}
