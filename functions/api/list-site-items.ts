import { siteItems } from '../adapters/dynamo-site-items.js';
import { listSiteItems as list } from '../core/website/site-items.js';
import { apiHandler } from './http.js';
import { view } from './website-handlers.js';
import { listSiteItems } from './website-routes.js';

export const handler = apiHandler(listSiteItems, async ({ actor, params }) => ({
  status: 200,
  body: { items: (await list({ items: siteItems() }, actor, params.code)).map(view) },
}));
