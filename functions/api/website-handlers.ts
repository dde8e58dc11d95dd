import { siteItems } from '../adapters/dynamo-site-items.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import type { SiteItem, SiteItemKind } from '../core/website/content.js';
import { draftSiteItem } from '../core/website/site-items.js';
import { apiHandler } from './http.js';
import type { draftAgenda, draftNews } from './website-routes.js';

/** What staff get back: the item without who wrote or published it (that stays in the audit trail). */
export const view = ({ createdBy: _by, publishedBy: _publisher, ...item }: SiteItem) => item;

/** The handler of a draft route (news or agenda): 201 with the draft. */
export const draftHandler = (route: typeof draftNews | typeof draftAgenda, kind: SiteItemKind) =>
  apiHandler(route, async ({ actor, params, body }) => {
    const deps = { items: siteItems(), villages: villageDirectory(), clock: systemClock };
    return { status: 201, body: view(await draftSiteItem(deps, actor, params.code, kind, body)) };
  });
