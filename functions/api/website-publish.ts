import { siteItems } from '../adapters/dynamo-site-items.js';
import { systemClock } from '../adapters/env.js';
import { siteRenderDeps } from '../adapters/website.js';
import type { SiteItemKind } from '../core/website/content.js';
import { renderVillageSite } from '../core/website/publish-site.js';
import { publishSiteItem } from '../core/website/site-items.js';
import { apiHandler } from './http.js';
import { view } from './website-handlers.js';
import type { publishAgenda, publishNews } from './website-routes.js';

/**
 * The handler of a publish route: publishes (or finds it published), then renders the village's site. Apart
 * from the draft handlers (website-handlers.ts): rendering counts the population register, which the draft
 * bundles do without.
 */
export const publishHandler = (route: typeof publishNews | typeof publishAgenda, kind: SiteItemKind) =>
  apiHandler(route, async ({ actor, params }) => {
    const item = await publishSiteItem(
      { items: siteItems(), clock: systemClock },
      actor,
      params.code,
      kind,
      params.id,
    );
    await renderVillageSite(siteRenderDeps(), params.code);
    return { status: 200, body: view(item) };
  });
