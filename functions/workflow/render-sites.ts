import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { staleSites } from '../adapters/dynamo-stale-sites.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import { oneLineLogger } from '../adapters/log-redaction.js';
import { siteRenderDeps } from '../adapters/website.js';
import { renderVillageSite } from '../core/website/publish-site.js';
import { renderStaleSites } from '../core/website/stale-sites.js';

/**
 * The scheduler's event (EventBridge sends its own fields too, ignored), or a manual run's: `all` marks
 * every village first (the daily run), otherwise only the villages marked stale are rendered.
 */
const eventSchema = z.looseObject({ all: z.optional(z.boolean()) });

/** Runs every five minutes: one line per run that rendered something, or failed to. */
const logger = oneLineLogger('desa-digital-site-renders');

/** Fails the invocation (so the Lambda Errors metric and its alarm see it) when some site could not be rendered. */
export class RenderIncompleteError extends Error {
  override readonly name = 'RenderIncompleteError';
}

/**
 * Renders again the village websites that fell behind a change they show (core/website/stale-sites.ts),
 * with the same render as publishing an item (publish-site.ts). Logs counts, village codes and timings only.
 */
export const handler = async (event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>) => {
  const options = eventSchema.parse(event ?? {});
  const render = siteRenderDeps();
  const summary = await renderStaleSites(
    {
      marks: staleSites(),
      villages: villageDirectory(),
      render: (villageCode) => renderVillageSite(render, villageCode),
      clock: systemClock,
      ...(context ? { timeLeftMs: () => context.getRemainingTimeInMillis() } : {}),
    },
    { all: options.all ?? false },
  );
  if (summary.failed.length > 0) {
    logger.error('Village sites not rendered', { ...summary });
    throw new RenderIncompleteError(`${summary.failed.length} village sites could not be rendered`);
  }
  if (summary.stale > 0) logger.info('Village sites rendered', { ...summary });
  return summary;
};

export type RenderSitesSummary = Awaited<ReturnType<typeof handler>>;
