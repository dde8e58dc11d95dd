import { siteItems } from '../adapters/dynamo-site-items.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import { siteRenderDeps } from '../adapters/website.js';
import type { SiteItem, SiteItemKind } from '../core/website/content.js';
import { renderVillageSite } from '../core/website/publish-site.js';
import { draftSiteItem, publishSiteItem } from '../core/website/site-items.js';
import { apiHandler } from './http.js';
import type { draftAgenda, draftNews, publishAgenda, publishNews } from './website-routes.js';

/** What staff get back: the item without who wrote or published it (that stays in the audit trail). */
const view = ({ createdBy: _by, publishedBy: _publisher, ...item }: SiteItem) => item;

/** The handler of a draft route (news or agenda): 201 with the draft. */
export const draftHandler = (route: typeof draftNews | typeof draftAgenda, kind: SiteItemKind) =>
  apiHandler(route, async ({ actor, params, body }) => {
    const deps = { items: siteItems(), villages: villageDirectory(), clock: systemClock };
    return { status: 201, body: view(await draftSiteItem(deps, actor, params.code, kind, body)) };
  });

/** The handler of a publish route: publishes (or finds it published), then renders the village's site. */
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
