import { NotFoundError } from './errors.js';
import type { ServiceRequest } from './requests.js';
import { type Actor, actorCoversVillage } from './roles.js';
import { text } from './text.js';

/**
 * Row-level check on every request read: citizens see their own requests, staff those of their area.
 * A request outside the caller's reach is reported as missing, so its existence does not leak.
 */
export function assertCanSee(actor: Actor, request: ServiceRequest | undefined, id: string): ServiceRequest {
  const visible =
    request &&
    (request.applicant.subject === actor.subject ||
      (actor.roles.some((role) => role !== 'citizen') && actorCoversVillage(actor, request.villageCode)));
  if (!visible) throw requestNotFound(id);
  return request;
}

export const requestNotFound = (id: string) =>
  new NotFoundError(text(`Permohonan ${id} tidak ditemukan.`, `Request ${id} not found.`));
