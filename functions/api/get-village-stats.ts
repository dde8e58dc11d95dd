import { consoleReads } from '../adapters/dynamo-console-reads.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { systemClock } from '../adapters/env.js';
import { villageStats } from '../core/requests/stats.js';
import { getVillageStats } from './console-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(getVillageStats, async ({ actor, query }) => ({
  status: 200,
  body: await villageStats({ reads: consoleReads(), catalog: catalog(), now: systemClock.now }, actor, query),
}));
