import type { ServiceRequest } from '../../functions/core/requests/requests.js';
import type { RequestChange, RequestStore } from '../../functions/core/shared/ports.js';

/**
 * One request in memory, written by version as the table does (a write on a stale version is refused): for
 * unit tests of the workflow's steps, which read and write one request. Only `get` and `update` exist.
 */
export function memoryRequest(initial: ServiceRequest) {
  let current = initial;
  const writes: RequestChange[] = [];
  const requests = {
    get: async () => current,
    update: async (change: RequestChange) => {
      if (change.expectedVersion !== current.version) return false;
      writes.push(change);
      current = change.request;
      return true;
    },
  } as unknown as RequestStore;
  return { requests, writes, current: () => current };
}
