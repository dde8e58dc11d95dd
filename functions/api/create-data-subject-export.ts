import { auditTrail, registryLookups } from '../adapters/dynamo-audit.js';
import { documentRegistry } from '../adapters/dynamo-document-registry.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { surveyStore } from '../adapters/dynamo-surveys.js';
import { systemClock } from '../adapters/env.js';
import { notificationLog } from '../adapters/notifications/outbox.js';
import { loadPseudonymKey } from '../adapters/pseudonym-key.js';
import { exportDataSubject } from '../core/privacy/data-subject.js';
import { apiHandler } from './http.js';
import { createDataSubjectExport } from './privacy-routes.js';

export const handler = apiHandler(
  createDataSubjectExport,
  async ({ actor, body }) => ({
    status: 200,
    body: await exportDataSubject(
      {
        requests: requestStore(),
        notifications: notificationLog(),
        documents: documentRegistry(),
        lookups: registryLookups(),
        surveys: surveyStore(),
        audit: auditTrail(),
        now: systemClock.now,
      },
      actor,
      body.nik,
    ),
  }),
  { pseudonymKey: loadPseudonymKey },
);
