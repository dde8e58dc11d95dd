import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { notificationLog } from '../adapters/notifications/outbox.js';
import { listNotifications } from '../core/notifications.js';
import { apiHandler } from './http.js';
import { listRequestNotifications } from './routes.js';

export const handler = apiHandler(listRequestNotifications, async ({ actor, params }) => ({
  status: 200,
  body: await listNotifications(
    { requests: requestStore(), catalog: catalog(), notifications: notificationLog() },
    actor,
    params.id,
  ),
}));
