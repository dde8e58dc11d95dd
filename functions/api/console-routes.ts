import { MACHINE_SCOPES } from '../core/identity/policy.js';
import { STAFF_ROLES } from '../core/identity/roles.js';
import {
  myRequestPage,
  myRequestsQuery,
  statsQuery,
  taskList,
  villageBoard,
  villageCodeParams,
  villageQuery,
  villageStats,
} from './console-schemas.js';
import { type RouteDefinition, TABLE_NEEDS } from './route-types.js';
import { errorAnswer } from './schemas.js';

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
 * Routes the web front end needs beyond the core API (issue 5): the staff inbox and dashboard, one
 * village's public board (office display) and a caller's own requests. Listed in ROUTES (routes.ts), so
 * the stack, the local gateway and OpenAPI pick them up like every other route.
 */

export const listTasks = pure(
  () =>
    ({
      id: 'listTasks',
      method: 'GET',
      path: '/v1/tasks',
      access: STAFF_ROLES,
      rows: 'village',
      machineScopes: [MACHINE_SCOPES.readRequests],
      entry: 'functions/api/list-tasks.ts',
      summary:
        "The caller's inbox in a village: requests whose current stage waits for one of the caller's roles, late ones apart.",
      tags: ['console'],
      needs: [
        // The village's own programmes (VILLAGE#…SERVICE#), its open tasks (gsi3: keys) and those requests
        // (a Query of each one's META and META#DATA, REQ#).
        { table: ['GetItem', 'Query'], partitions: ['VILLAGE#'] },
        { table: ['Query'], indexes: ['gsi3'] },
        { table: ['Query'], partitions: ['REQ#'] },
        // Each request's service as it was submitted, when its definition changed since.
        TABLE_NEEDS.serviceVersions,
      ],
      query: villageQuery,
      responses: {
        200: { description: 'Waiting and overdue tasks', schema: taskList },
        400: errorAnswer('Invalid query'),
        403: errorAnswer('Not your area'),
      },
    }) as const satisfies RouteDefinition,
);

export const getVillageStats = pure(
  () =>
    ({
      id: 'getVillageStats',
      method: 'GET',
      path: '/v1/stats',
      access: STAFF_ROLES,
      rows: 'village',
      entry: 'functions/api/get-village-stats.ts',
      summary:
        "A village's dashboard for a period: requests by status and service, time to issue against each service's target, late stages.",
      tags: ['console'],
      needs: [
        // The village and its programmes (VILLAGE#), requests by status (gsi1) and open tasks (gsi3: keys, the
        // requests read from REQ#).
        { table: ['GetItem', 'Query'], partitions: ['VILLAGE#'] },
        { table: ['Query'], indexes: ['gsi1', 'gsi3'] },
        { table: ['Query'], partitions: ['REQ#'] },
        // A late request's stages as it was submitted, when its service's definition changed since.
        TABLE_NEEDS.serviceVersions,
      ],
      query: statsQuery,
      responses: {
        200: { description: 'Village statistics', schema: villageStats },
        400: errorAnswer('Invalid query'),
        403: errorAnswer('Not your area'),
      },
    }) as const satisfies RouteDefinition,
);

export const getVillage = pure(
  () =>
    ({
      id: 'getVillage',
      method: 'GET',
      path: '/v1/villages/{code}',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/get-village.ts',
      summary: "One village's public board: the village, who signs its letters, and its announcements.",
      tags: ['catalog'],
      // villageDirectory().get: the village record (VILLAGE#<code>, sk META).
      needs: [{ table: ['GetItem'], partitions: ['VILLAGE#'] }],
      params: villageCodeParams,
      responses: {
        200: { description: 'The village', schema: villageBoard },
        404: errorAnswer('Unknown village'),
      },
    }) as const satisfies RouteDefinition,
);

export const listMyRequests = pure(
  () =>
    ({
      id: 'listMyRequests',
      method: 'GET',
      path: '/v1/me/requests',
      access: ['citizen', ...STAFF_ROLES],
      rows: 'none',
      entry: 'functions/api/list-my-requests.ts',
      summary: "The caller's own requests (a citizen's, or an operator's counter submissions), newest first.",
      tags: ['requests'],
      needs: [
        // The account's own requests (gsi4 U#<subject>: an index of keys, not narrowable).
        { table: ['Query'], indexes: ['gsi4'] },
        // Its linked NIK (USER#), the requests about that NIK (Query of PERSON#<hash>), each request (a Query of
        // its META and META#DATA, REQ#) and its service (VILLAGE#, for a village's own service).
        { table: ['GetItem'], partitions: ['USER#', 'VILLAGE#'] },
        { table: ['Query'], partitions: ['PERSON#', 'REQ#'] },
        // Each request's service as it was submitted, when its definition changed since.
        TABLE_NEEDS.serviceVersions,
      ],
      query: myRequestsQuery,
      responses: {
        200: { description: 'A page of requests', schema: myRequestPage },
        400: errorAnswer('Invalid query'),
      },
    }) as const satisfies RouteDefinition,
);

/** The web front end's routes, appended to ROUTES. */
export const CONSOLE_ROUTES: readonly RouteDefinition[] = pure(() => [
  listTasks,
  getVillageStats,
  getVillage,
  listMyRequests,
]);
