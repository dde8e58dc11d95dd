import type { ServiceCatalog } from '../catalog/service-catalog.js';
import { FINAL_STATUSES, REQUEST_STATUSES, type ServiceRequest } from '../requests/requests.js';
import { forEachLimited } from '../shared/limited.js';
import type { RequestStore, VillageDirectory } from '../shared/ports.js';

export interface OpenRequestsDeps {
  readonly requests: RequestStore;
  readonly villages: VillageDirectory;
  /** A service's target time as the village offers it today: the alarm watches today's promise. */
  readonly catalog: Pick<ServiceCatalog, 'get'>;
}

/** What the deployment holds open at one time (issue 15, item 2): two gauges for devops' alarms. */
export interface OpenRequestsCount {
  /**
   * Requests not final: each holds a running execution of the approval workflow (a request waits for its
   * deciders inside one), so this counts the open executions against the account's quota without
   * ListExecutions. It may run ahead of them by the requests in SUBMITTED whose workflow is being started.
   */
  readonly open: number;
  /** Per village with any, the open requests older than their service's target time. */
  readonly pastTarget: readonly { readonly villageCode: string; readonly count: number }[];
}

/** Statuses a request waits in while its workflow runs. */
export const OPEN_STATUSES = REQUEST_STATUSES.filter((status) => !FINAL_STATUSES.includes(status));

const PAGE_SIZE = 100;

/** Whether the request has been open longer than its service's target time (ServiceDefinition.targetHours). */
export const isPastTarget = (request: ServiceRequest, targetHours: number, now: Date): boolean =>
  now.getTime() - Date.parse(request.createdAt) > targetHours * 3600_000;

/**
 * Counts every open request, village by village and status by status (the village inbox index, no Scan),
 * and those past their service's target time. A village's own programmes have their own targets: each
 * service is looked up once per village.
 */
export async function countOpenRequests(
  deps: OpenRequestsDeps,
  now: Date,
  concurrency = 8,
): Promise<OpenRequestsCount> {
  const villages = await deps.villages.list();
  let open = 0;
  const pastTarget: { villageCode: string; count: number }[] = [];
  await forEachLimited(
    villages.map((village) => village.code),
    concurrency,
    async (villageCode) => {
      const targets = new Map<string, Promise<number>>();
      const targetOf = (serviceCode: string) => {
        let target = targets.get(serviceCode);
        if (!target) {
          target = deps.catalog.get(villageCode, serviceCode).then((service) => service.targetHours);
          targets.set(serviceCode, target);
        }
        return target;
      };
      let late = 0;
      for (const status of OPEN_STATUSES) {
        let cursor: string | undefined;
        do {
          const page = await deps.requests.listByVillage({
            villageCode,
            status,
            limit: PAGE_SIZE,
            ...(cursor ? { cursor } : {}),
          });
          open += page.items.length;
          for (const request of page.items) {
            if (isPastTarget(request, await targetOf(request.serviceCode), now)) late++;
          }
          cursor = page.cursor;
        } while (cursor);
      }
      if (late > 0) pastTarget.push({ villageCode, count: late });
    },
  );
  pastTarget.sort((a, b) => a.villageCode.localeCompare(b.villageCode));
  return { open, pastTarget };
}
