import { describe, expect, it } from 'vitest';
import {
  countOpenRequests,
  isPastTarget,
  OPEN_STATUSES,
} from '../../../functions/core/approvals/open-requests.js';
import { businessCertificate } from '../../../functions/core/catalog/services/business-certificate.js';
import type { ServiceDefinition } from '../../../functions/core/catalog/types.js';
import {
  FINAL_STATUSES,
  type RequestStatus,
  type ServiceRequest,
} from '../../../functions/core/requests/requests.js';
import type { RequestStore, VillageDirectory, VillageQuery } from '../../../functions/core/shared/ports.js';
import type { VillageSummary } from '../../../functions/core/villages/places.js';

const NOW = new Date('2026-05-01T10:00:00.000Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3600_000).toISOString();
const TAMPO = '35.10.06.2003';
const KALIBARU = '35.10.22.2001';
/** A village's own programme with a target of its own (three days), beside the regency's SKU (a day). */
const PROGRAMME: ServiceDefinition = { ...businessCertificate, code: 'BANSOS-DESA', targetHours: 72 };

function request(
  id: string,
  villageCode: string,
  createdAt: string,
  status: RequestStatus,
  service = businessCertificate,
) {
  return { id, villageCode, createdAt, status, serviceCode: service.code } as ServiceRequest;
}

/** The village inboxes by status, in pages of two; the catalog, counting its look-ups. */
function fakes(requests: ServiceRequest[]) {
  const lookups: string[] = [];
  const queries: VillageQuery[] = [];
  const requestStore = {
    async listByVillage(query: VillageQuery) {
      queries.push(query);
      const matching = requests.filter(
        (item) => item.villageCode === query.villageCode && item.status === query.status,
      );
      const from = Number(query.cursor ?? 0);
      return {
        items: matching.slice(from, from + 2),
        ...(from + 2 < matching.length ? { cursor: String(from + 2) } : {}),
      };
    },
  } as unknown as RequestStore;
  const villages: VillageDirectory = {
    get: async () => undefined,
    list: async () => [TAMPO, KALIBARU, '35.10.01.2001'].map((code) => ({ code }) as VillageSummary),
  };
  const catalog = {
    async get(villageCode: string, serviceCode: string) {
      lookups.push(`${villageCode}/${serviceCode}`);
      return serviceCode === PROGRAMME.code ? PROGRAMME : businessCertificate;
    },
    list: async () => [businessCertificate],
  };
  return { deps: { requests: requestStore, villages, catalog }, lookups, queries };
}

describe('isPastTarget', () => {
  it("is true once the request is older than its service's target time, not at it", () => {
    expect(isPastTarget(request('a', TAMPO, hoursAgo(24), 'IN_REVIEW'), 24, NOW)).toBe(false);
    expect(isPastTarget(request('a', TAMPO, hoursAgo(24.01), 'IN_REVIEW'), 24, NOW)).toBe(true);
    expect(isPastTarget(request('a', TAMPO, hoursAgo(1), 'IN_REVIEW'), 24, NOW)).toBe(false);
  });
});

describe('countOpenRequests', () => {
  it('counts every open request of every village and, per village, those past their own target', async () => {
    // Prepare: Tampo has five open (over pages) of which three are late, Kalibaru one late programme
    // request and one within its longer target; final requests count nowhere, however old.
    const { deps, lookups } = fakes([
      request('t1', TAMPO, hoursAgo(30), 'IN_REVIEW'),
      request('t2', TAMPO, hoursAgo(48), 'IN_REVIEW'),
      request('t3', TAMPO, hoursAgo(2), 'IN_REVIEW'),
      request('t4', TAMPO, hoursAgo(100), 'RETURNED'),
      request('t5', TAMPO, hoursAgo(1), 'SUBMITTED'),
      request('t6', TAMPO, hoursAgo(500), 'ISSUED'),
      request('k1', KALIBARU, hoursAgo(80), 'CHECKING', PROGRAMME),
      request('k2', KALIBARU, hoursAgo(30), 'APPROVED', PROGRAMME),
      request('k3', KALIBARU, hoursAgo(900), 'REJECTED'),
    ]);
    // Act
    const count = await countOpenRequests(deps, NOW);
    // Assess
    expect(count).toEqual({
      open: 7,
      pastTarget: [
        { villageCode: TAMPO, count: 3 },
        { villageCode: KALIBARU, count: 1 },
      ],
    });
    // Each service is looked up once per village, not per request.
    expect(lookups.sort()).toEqual([`${TAMPO}/${businessCertificate.code}`, `${KALIBARU}/${PROGRAMME.code}`]);
  });

  it('queries every open status of every village, and no final one', async () => {
    const { deps, queries } = fakes([]);
    expect(await countOpenRequests(deps, NOW)).toEqual({ open: 0, pastTarget: [] });
    expect(new Set(queries.map((query) => query.status))).toEqual(new Set(OPEN_STATUSES));
    expect(OPEN_STATUSES.some((status) => FINAL_STATUSES.includes(status))).toBe(false);
    expect(queries).toHaveLength(3 * OPEN_STATUSES.length);
  });
});
