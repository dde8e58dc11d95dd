import type { ServiceCatalog } from '../catalog/service-catalog.js';
import type { ServiceDefinition } from '../catalog/types.js';
import { assertCanSee, mayBeCounterSubmissionFor } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import { auditRead, type ReadAudit } from '../privacy/audit.js';
import type { RequestStore } from '../shared/ports.js';
import type { ServiceRequest } from './requests.js';

export interface VisibleRequestDeps {
  readonly requests: RequestStore;
  readonly catalog: ServiceCatalog;
  /**
   * Present for a read of the request's full record (its data, a file, its letter, its notifications): the
   * read is audited here, after the visibility check and before anything is returned. Absent only where the
   * request is read to change it (a decision), which its event audits.
   */
  readonly audit?: ReadAudit;
}

/**
 * A request and its service, if the caller may see it (policy.canSeeRequest); otherwise 404. The service is
 * read first because whether an agency officer may see a request depends on its approval chain. With
 * `deps.audit`, the read is appended to the request's access trail before this returns; if that write
 * fails, so does the read (fail closed).
 */
export async function readVisible(deps: VisibleRequestDeps, actor: Actor, id: string) {
  return admitRead(deps, actor, id, await deps.requests.get(id));
}

/**
 * readVisible for a request its caller read already (`stored`, undefined when there is none), with what else
 * came with it: the same checks, and the same audit before anything is returned.
 */
export async function admitRead(
  deps: VisibleRequestDeps,
  actor: Actor,
  id: string,
  stored: ServiceRequest | undefined,
) {
  const service = stored ? await deps.catalog.definitionOf(stored) : undefined;
  // The linked-NIK rule (policy.canSeeRequest) needs the caller's linked NIK; read only when it could apply.
  const linkedNik =
    stored && mayBeCounterSubmissionFor(actor, stored)
      ? await deps.requests.linkedNik(actor.subject)
      : undefined;
  const request = assertCanSee(actor, stored, id, service, linkedNik);
  if (deps.audit) await auditRead(deps.audit, actor, request.id);
  return { request, service: service as ServiceDefinition };
}
