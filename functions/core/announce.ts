import type { ServiceDefinition } from './catalog/types.js';
import { applicantNotifications, deciderNotifications, notifyAll } from './notifications.js';
import type { Notifier } from './ports.js';
import type { RequestEvent, ServiceRequest } from './requests.js';

/**
 * Tells people about a change already written: the applicant about the new status, and the awaited
 * decider(s) when a stage (re)opens. Runs after the write on purpose: the write is the truth, so a failed
 * notification is logged (and the outbox shows it) but never undoes or fails the change.
 */
export async function announce(
  notifier: Notifier,
  request: ServiceRequest,
  service: ServiceDefinition,
  event: RequestEvent | undefined,
): Promise<void> {
  const notifications = [
    ...(event ? applicantNotifications(request, service, event, request.contact) : []),
    ...(request.awaiting ? deciderNotifications(request, service, request.awaiting) : []),
  ];
  if (notifications.length === 0) return;
  await notifyAll(notifier, notifications).catch((error: unknown) => {
    // No personal data here: the request id and the error's name only.
    console.error(
      JSON.stringify({
        level: 'ERROR',
        message: 'Notification not recorded',
        requestId: request.id,
        error: (error as Error).name,
      }),
    );
  });
}
