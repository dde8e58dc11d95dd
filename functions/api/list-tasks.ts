import { consoleReads } from '../adapters/dynamo-console-reads.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { systemClock } from '../adapters/env.js';
import { listTasks as list } from '../core/requests/tasks.js';
import { listTasks } from './console-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(listTasks, async ({ actor, query }) => ({
  status: 200,
  body: await list({ reads: consoleReads(), catalog: catalog(), now: systemClock.now }, actor, query),
}));
