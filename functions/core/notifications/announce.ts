import type { ServiceDefinition } from '../catalog/types.js';
import type { StaffContacts } from '../identity/staff.js';
import { type BusinessMetrics, measuresOf } from '../requests/business-metrics.js';
import type { RequestEvent, ServiceRequest } from '../requests/requests.js';
import type { Notification, Notifier } from '../shared/ports.js';
import {
  applicantNotifications,
  awaitedRoles,
  deciderNotifications,
  notifyAll,
  stageDeciders,
  waitingDecisionStage,
} from './notifications.js';

/**
 * Tells people (and the business metrics, issue 15) about a change already written: the applicant about the new status, and the deciders of
 * the stage when it (re)opens — after an escalation, the stand-in too. Runs after the write on purpose: the
 * write is the truth, so a failed notification is logged (and the outbox shows it) but never undoes or
 * fails the change.
 *
 * `staff` (the identity provider's read side) is needed by whoever opens stages (the workflow's
 * openStage); other use cases never write a request that awaits a decider and may leave it out.
 */
export async function announce(
  to: { readonly notifier: Notifier; readonly metrics?: BusinessMetrics },
  request: ServiceRequest,
  service: ServiceDefinition,
  event: RequestEvent | undefined,
  staff?: StaffContacts,
): Promise<void> {
  if (event && to.metrics) count(to.metrics, request, service, event);
  const { notifier } = to;
  const notifications = [
    ...(event ? applicantNotifications(request, service, event, request.contact) : []),
    ...(await toDeciders(staff, request, service)),
  ];
  if (notifications.length === 0) return;
  await notifyAll(notifier, notifications).catch((error: unknown) => {
    // No personal data here: the request id and the error's name only.
    logError('Notification not recorded', request, error);
  });
}

/**
 * The reminders for the stage the request awaits, to each staff member the policy lets decide it. When the
 * directory cannot be read, one record says so ('staff-directory-unavailable') rather than nothing.
 */
async function toDeciders(
  staff: StaffContacts | undefined,
  request: ServiceRequest,
  service: ServiceDefinition,
): Promise<Notification[]> {
  const waiting = request.awaiting;
  const roles = waiting ? awaitedRoles(waiting) : [];
  if (!waiting || roles.length === 0) return [];
  const stage = waitingDecisionStage(service, waiting, request.stageIndex);
  try {
    if (!staff) throw new Error('announce: a stage was opened without the staff directory');
    if (!stage) return deciderNotifications(request, service, waiting, []);
    const members = (await Promise.all(roles.map((role) => staff.staffWithRole(role)))).flat();
    const deciders = stageDeciders(members, stage, waiting.actingRole, request.villageCode);
    return deciderNotifications(request, service, waiting, deciders);
  } catch (error) {
    logError('Stage deciders not resolved', request, error);
    return deciderNotifications(request, service, waiting, [], 'staff-directory-unavailable');
  }
}

function logError(message: string, request: ServiceRequest, error: unknown): void {
  console.error(
    JSON.stringify({
      level: 'ERROR',
      message,
      requestId: request.id,
      error: error instanceof Error ? error.name : 'UnknownError',
    }),
  );
}

/** The change's business measures; a metrics failure is logged, never the change's (as for notifications). */
function count(
  metrics: BusinessMetrics,
  request: ServiceRequest,
  service: ServiceDefinition,
  event: RequestEvent,
) {
  try {
    metrics.record(measuresOf(request, service, event), {
      serviceCode: request.serviceCode,
      villageCode: request.villageCode,
      requestId: request.id,
    });
  } catch (error) {
    logError('Business metrics not recorded', request, error);
  }
}
