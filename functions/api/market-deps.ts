import { citizenProfiles } from '../adapters/citizen-profiles.js';
import { documentRegistry } from '../adapters/dynamo-document-registry.js';
import { productStore } from '../adapters/dynamo-market.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import type { MarketDeps } from '../core/market/market.js';

/** What the market routes that list and check products run on (the seller's IUMK look-up included). */
export const marketDeps = (): MarketDeps => ({
  products: productStore(),
  profiles: citizenProfiles(),
  villages: villageDirectory(),
  requests: requestStore(),
  registry: documentRegistry(),
  clock: systemClock,
});
