import type { ServiceCatalog } from '../catalog/service-catalog.js';
import { canSeeRequest } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import type { RequestStore } from '../shared/ports.js';
import type { ConsoleReads } from './console-reads.js';
import type { ServiceRequest } from './requests.js';
import { requestView } from './views.js';

export interface MyRequestsDeps {
  readonly reads: ConsoleReads;
  readonly catalog: ServiceCatalog;
  /** To add, for a citizen who linked their NIK, the counter submissions made for them (linked-NIK rule). */
  readonly requests?: Pick<RequestStore, 'get' | 'idsByNik' | 'linkedNik'>;
}

/** At most this many counter submissions for the caller are added to one page. */
const LINKED_PER_PAGE = 100;

/**
 * The caller's own requests (a citizen's, or those an operator submitted at the counter), newest first; for
 * a citizen who linked their NIK, also the counter submissions an operator made for them (policy.canSeeRequest
 * decides which). Those are merged by time: a page holds the caller's own requests of the page (at most
 * `limit`) and the linked ones that fall between this page's oldest and the previous page's oldest, so
 * every request shows up once across the pages (a page may thus hold more than `limit` items).
 */
export async function listMyRequests(
  deps: MyRequestsDeps,
  actor: Actor,
  query: { limit: number; cursor?: string },
) {
  const position = readCursor(query.cursor);
  const page = await deps.reads.byApplicant(actor.subject, query.limit, position.inner);
  const oldest = page.items.reduce<string | undefined>(
    (min, item) => (min === undefined || item.id < min ? item.id : min),
    undefined,
  );
  const more = page.cursor !== undefined && oldest !== undefined;
  const linked = await linkedRequests(deps, actor, {
    ...(more ? { from: oldest } : {}),
    ...(position.before ? { before: position.before } : {}),
  });
  const merged = [...page.items, ...linked].sort((a, b) =>
    `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`),
  );
  const items = await Promise.all(
    merged.map(async (request) => requestView(request, await deps.catalog.definitionOf(request))),
  );
  return {
    items,
    ...(more && page.cursor ? { nextCursor: writeCursor({ inner: page.cursor, before: oldest }) } : {}),
  };
}

/** Counter submissions for the caller's linked NIK with ids in [from, before), newest first. */
async function linkedRequests(
  deps: MyRequestsDeps,
  actor: Actor,
  range: { readonly from?: string; readonly before?: string },
): Promise<ServiceRequest[]> {
  const { requests } = deps;
  if (!requests || actor.client || !actor.roles.includes('citizen')) return [];
  const nik = await requests.linkedNik(actor.subject);
  if (!nik) return [];
  const ids = (await requests.idsByNik(nik))
    .filter(
      (id) =>
        (range.from === undefined || id >= range.from) && (range.before === undefined || id < range.before),
    )
    .sort()
    .reverse()
    .slice(0, LINKED_PER_PAGE);
  const found = await Promise.all(
    ids.map(async (id) => {
      const request = await requests.get(id);
      if (!request || request.applicant.subject === actor.subject) return undefined; // own: listed already
      const service = await deps.catalog.definitionOf(request).catch(() => undefined);
      return service && canSeeRequest(actor, request, service, nik) ? request : undefined;
    }),
  );
  return found.filter((request): request is ServiceRequest => request !== undefined);
}

interface Position {
  readonly inner?: string;
  readonly before?: string;
}

/**
 * The page cursor wraps the own-requests cursor with the id the next page's linked requests stay below. A
 * cursor that is not one of these is passed on as it is (the reads port refuses a forged one).
 */
function readCursor(cursor: string | undefined): Position {
  if (!cursor) return {};
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value.c === 'string' && typeof value.b === 'string') {
      return { inner: value.c, before: value.b };
    }
  } catch {
    // not ours: hand it on
  }
  return { inner: cursor };
}

const writeCursor = (position: { inner: string; before: string }): string =>
  Buffer.from(JSON.stringify({ c: position.inner, b: position.before })).toString('base64url');
