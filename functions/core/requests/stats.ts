import type { ServiceCatalog } from '../catalog/service-catalog.js';
import { assertWorksFor } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import type { ConsoleReads, StatRow } from './console-reads.js';
import { REQUEST_STATUSES, type RequestStatus } from './requests.js';
import { lateness } from './tasks.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * A village's dashboard: the seed's own measures (requests per service, time from submission to the
 * issued letter against the service's target: "six days → six hours"), and the stages waiting too long.
 * Read model: one Query per status on the village inbox index (gsi1), bounded by its sort key to requests
 * created in the period and projecting only what is counted; one Query per deciding role on the
 * pending-task index (gsi3) for the late stages. No Scan, nothing shared across villages.
 */
export async function villageStats(
  deps: { reads: ConsoleReads; catalog: ServiceCatalog; now: () => Date },
  actor: Actor,
  query: { village: string; days: number },
) {
  assertWorksFor(actor, query.village);
  const now = deps.now();
  const from = new Date(now.getTime() - query.days * DAY).toISOString();
  const offered = await deps.catalog.list(query.village);
  const roles = [
    ...new Set(
      offered.flatMap((service) =>
        service.stages.flatMap((stage) => {
          const { role } = stage as { role?: string };
          return role ? [role] : [];
        }),
      ),
    ),
  ];
  const [rows, waiting] = await Promise.all([
    Promise.all(REQUEST_STATUSES.map((status) => deps.reads.createdSince(query.village, status, from))),
    Promise.all(roles.map((role) => deps.reads.waitingFor(query.village, role, 100))),
  ]);
  const all = rows.flat();
  const codes = [
    ...new Set([...offered.map((service) => service.code), ...all.map((row) => row.serviceCode)]),
  ];
  const definitions = await Promise.all(codes.map((code) => deps.catalog.get(query.village, code)));
  const services = definitions.map((service) => {
    const mine = all.filter((row) => row.serviceCode === service.code);
    return {
      code: service.code,
      name: service.name,
      targetHours: service.targetHours,
      total: mine.length,
      byStatus: countByStatus(mine),
      timeToIssue: durations(mine, service.targetHours),
    };
  });
  // A waiting request's stage and schedule are those of the definition it was submitted under.
  const late = await Promise.all(
    waiting
      .flatMap((page) => page.items)
      .map(async (request) => {
        const service = await deps.catalog.definitionOf(request);
        const stage = service.stages[request.stageIndex];
        if (!stage || !request.awaiting) return [];
        const { overdue, hoursLate } = lateness(request, service, now);
        if (!overdue) return [];
        return [
          {
            requestId: request.id,
            trackingCode: request.trackingCode,
            serviceCode: request.serviceCode,
            stage: { key: stage.key, role: request.awaiting.role, label: stage.label },
            dueAt: request.awaiting.dueAt,
            hoursLate,
          },
        ];
      }),
  );
  const overdue = late.flat().sort((a, b) => b.hoursLate - a.hoursLate);
  return {
    village: query.village,
    from,
    to: now.toISOString(),
    days: query.days,
    total: all.length,
    byStatus: countByStatus(all),
    services,
    overdue,
  };
}

function countByStatus(rows: readonly StatRow[]): Partial<Record<RequestStatus, number>> {
  const counts: Partial<Record<RequestStatus, number>> = {};
  for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}

/** Submission to issue, in hours (two decimals), for the issued requests among `rows` (their letters' dates). */
function durations(rows: readonly StatRow[], targetHours: number) {
  const hours = rows
    .flatMap(({ status, document, createdAt }) =>
      status === 'ISSUED' && document?.issuedAt
        ? [(Date.parse(document.issuedAt) - Date.parse(createdAt)) / HOUR]
        : [],
    )
    .sort((a, b) => a - b);
  const round = (value: number | undefined) =>
    value === undefined ? undefined : Math.round(value * 100) / 100;
  const median = round(percentile(hours, 0.5));
  const p90 = round(percentile(hours, 0.9));
  return {
    count: hours.length,
    ...(median !== undefined ? { medianHours: median } : {}),
    ...(p90 !== undefined ? { p90Hours: p90 } : {}),
    withinTarget: hours.filter((value) => value <= targetHours).length,
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
