import type { ServiceCatalog } from '../catalog/service-catalog.js';
import type { ServiceDefinition } from '../catalog/types.js';
import { assertWorksFor } from '../identity/policy.js';
import { type Actor, STAFF_ROLES } from '../identity/roles.js';
import type { ConsoleReads } from './console-reads.js';
import type { ServiceRequest } from './requests.js';
import { requestView } from './views.js';

const PER_ROLE = 100;
const HOUR = 3_600_000;

export interface TaskDeps {
  readonly reads: ConsoleReads;
  readonly catalog: ServiceCatalog;
  readonly now: () => Date;
}

/**
 * The staff inbox: what waits for the caller's roles in one village.
 * Primary course: the caller covers the village; for each of their staff roles the pending-task index
 * (gsi3, earliest due first) is read, and, for a role that stands in when a stage is late (the village
 * secretary for the village head), the tasks of the roles it stands in for that have escalated to it.
 * Each task is marked late when its deadline passed, it was escalated, or the request is behind its
 * service's schedule; late ones come first, most late first.
 */
export async function listTasks(deps: TaskDeps, actor: Actor, query: { village: string }) {
  assertWorksFor(actor, query.village);
  const roles: string[] = actor.roles.filter((role) => (STAFF_ROLES as readonly string[]).includes(role));
  const services = await deps.catalog.list(query.village);
  const standInFor = new Map<string, string[]>(); // awaited role → the caller's roles that may stand in
  for (const service of services) {
    for (const stage of service.stages) {
      const { role, escalateTo } = stage as { role?: string; escalateTo?: string };
      if (role && escalateTo && roles.includes(escalateTo) && !roles.includes(role)) {
        standInFor.set(role, [...new Set([...(standInFor.get(role) ?? []), escalateTo])]);
      }
    }
  }
  const [own, escalated] = await Promise.all([
    Promise.all(roles.map((role) => deps.reads.waitingFor(query.village, role, PER_ROLE))),
    Promise.all(
      [...standInFor].map(async ([role, mine]) => {
        const page = await deps.reads.waitingFor(query.village, role, PER_ROLE);
        const items = page.items.filter((request) => mine.includes(request.awaiting?.actingRole ?? ''));
        return { items, ...(page.cursor ? { cursor: page.cursor } : {}) };
      }),
    ),
  ]);
  const pages = [...own, ...escalated];
  const now = deps.now();
  const found = await Promise.all(
    pages
      .flatMap((page) => page.items)
      .map(async (request) => {
        const service = await deps.catalog.definitionOf(request);
        // An agency stage waits for that agency's officers only (Dukcapil's, not the welfare office's).
        const { agency } = (service.stages[request.stageIndex] ?? {}) as { agency?: string };
        if (agency && agency !== actor.agency) return undefined;
        return { ...requestView(request, service), ...lateness(request, service, now) };
      }),
  );
  const tasks = found.filter((task) => task !== undefined);
  return {
    village: query.village,
    roles,
    at: now.toISOString(),
    waiting: tasks.filter((task) => !task.overdue),
    overdue: tasks.filter((task) => task.overdue).sort((a, b) => b.hoursLate - a.hoursLate),
    truncated: pages.some((page) => page.cursor !== undefined),
  };
}

/**
 * How late a waiting request is: past its stage's due time, or past its schedule (submission plus the
 * deadlines of every stage up to the current one), whichever shows it later. An escalated stage (someone
 * may stand in) is late even when its renewed due time has not passed.
 */
export function lateness(request: ServiceRequest, service: ServiceDefinition, now: Date) {
  const scheduled = Date.parse(request.createdAt) + scheduleHours(service, request.stageIndex) * HOUR;
  const due = request.awaiting ? Date.parse(request.awaiting.dueAt) : scheduled;
  const late = now.getTime() - Math.min(due, scheduled);
  const escalated = request.awaiting?.actingRole !== undefined;
  const hoursLate = late > 0 ? Math.round((late / HOUR) * 10) / 10 : 0;
  return { overdue: late > 0 || escalated, hoursLate };
}

/** Sum of the stage deadlines through `index` (automated stages have none). */
export function scheduleHours(service: ServiceDefinition, index: number): number {
  return service.stages
    .slice(0, index + 1)
    .reduce((sum, stage) => sum + ((stage as { deadlineHours?: number }).deadlineHours ?? 0), 0);
}
