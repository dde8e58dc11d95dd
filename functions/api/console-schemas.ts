import * as z from 'zod/mini';
import { REQUEST_STATUSES } from '../core/requests/requests.js';
import { requestView, villageCode, villageView } from './schemas.js';

/**
 * `const x = pure(() => …)`: a declaration a bundle leaves out when the handler does not use it (esbuild
 * honours the annotation within its own file only, hence this helper in each route and schema module). When
 * used, it is built at once, as a plain declaration would be.
 */
/* @__NO_SIDE_EFFECTS__ */
function pure<T>(build: () => T): T {
  return build();
}

/**
 * Wire formats of the routes the web front end needs beyond the core API: the staff inbox, the village
 * dashboard, one village's public board (the office display) and a citizen's own requests.
 */
const localized = pure(() => z.object({ id: z.string(), en: z.string() }));
const requestStatus = pure(() => z.enum(REQUEST_STATUSES));

export const villageQuery = pure(() => z.strictObject({ village: villageCode }));

export const taskView = pure(() =>
  z
    // A new object from the shape: extending the schema would carry its id (meta) along.
    .object({
      ...requestView.shape,
      /** The stage's deadline has passed (dueAt < now), or the request is behind its service's stage schedule. */
      overdue: z.boolean(),
      /** Hours past the stage schedule (createdAt + the deadlines of the stages so far); 0 when on time. */
      hoursLate: z.number(),
    })
    .check(z.meta({ id: 'Task' })),
);

export const taskList = pure(() =>
  z
    .object({
      village: z.string(),
      /** The caller's staff roles whose tasks were read. */
      roles: z.array(z.string()),
      at: z.string(),
      /** Waiting for the caller, on time, earliest due first. */
      waiting: z.array(taskView),
      /** Waiting for the caller and late, most late first. */
      overdue: z.array(taskView),
      /** More tasks exist than were returned (100 per role). */
      truncated: z.boolean(),
    })
    .check(z.meta({ id: 'TaskList' })),
);

export const statsQuery = pure(() =>
  z.strictObject({
    village: villageCode,
    days: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(366)), 30),
  }),
);

const duration = pure(() =>
  z.object({
    count: z.number(),
    medianHours: z.optional(z.number()),
    p90Hours: z.optional(z.number()),
    withinTarget: z.number(),
  }),
);

export const villageStats = pure(() =>
  z
    .object({
      village: z.string(),
      from: z.string(),
      to: z.string(),
      days: z.number(),
      total: z.number(),
      byStatus: z.partialRecord(requestStatus, z.number()),
      services: z.array(
        z.object({
          code: z.string(),
          name: localized,
          targetHours: z.number(),
          total: z.number(),
          byStatus: z.partialRecord(requestStatus, z.number()),
          /** Submission to issued document, for requests issued in the period. */
          timeToIssue: duration,
        }),
      ),
      overdue: z.array(
        z.object({
          requestId: z.string(),
          trackingCode: z.string(),
          serviceCode: z.string(),
          stage: z.object({ key: z.string(), role: z.string(), label: localized }),
          dueAt: z.string(),
          hoursLate: z.number(),
        }),
      ),
    })
    .check(z.meta({ id: 'VillageStats' })),
);

export const villageCodeParams = pure(() => z.strictObject({ code: villageCode }));

export const villageBoard = pure(() =>
  z
    // A new object from the shape: extending the schema would carry its id (meta) along.
    .object({
      ...villageView.shape,
      address: z.string(),
      head: z.object({ name: z.string(), title: localized }),
      announcements: z.array(localized),
    })
    .check(z.meta({ id: 'VillageBoard' })),
);

export const myRequestsQuery = pure(() =>
  z.strictObject({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
    cursor: z.optional(z.string().check(z.maxLength(2000))),
  }),
);

export const myRequestPage = pure(() =>
  z
    .object({ items: z.array(requestView), nextCursor: z.optional(z.string()) })
    .check(z.meta({ id: 'MyRequestPage' })),
);
