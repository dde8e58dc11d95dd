import { auditTrail } from '../adapters/dynamo-audit.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { systemClock } from '../adapters/env.js';
import { notificationLog } from '../adapters/notifications/outbox.js';
import { listNotifications } from '../core/notifications/notifications.js';
import type { ReadAudit } from '../core/privacy/audit.js';
import type { VisibleRequestDeps } from '../core/requests/visible-request.js';
import { apiHandler } from './http.js';
import { listRequestNotifications } from './routes.js';

export const handler = apiHandler(listRequestNotifications, async ({ actor, params }) => {
  // The use case reads the request through readVisible with these deps: `audit` makes that read audited.
  const audit: ReadAudit = { trail: auditTrail(), action: 'notifications.read', now: systemClock.now };
  const deps: VisibleRequestDeps & Parameters<typeof listNotifications>[0] = {
    requests: requestStore(),
    catalog: catalog(),
    notifications: notificationLog(),
    audit,
  };
  return { status: 200, body: await listNotifications(deps, actor, params.id) };
});
