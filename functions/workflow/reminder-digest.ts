import * as z from 'zod/mini';
import { systemClock } from '../adapters/env.js';
import { oneLineLogger } from '../adapters/log-redaction.js';
import { digestSender } from '../adapters/notifications/index.js';

/**
 * The scheduler's event (EventBridge sends its own fields too, ignored), or a manual run's: `at` plays the
 * time of the run (tests send the digests of the hour they are in), `lookbackHours` how many closed hours
 * it looks at.
 */
const eventSchema = z.looseObject({
  at: z.optional(z.iso.datetime()),
  lookbackHours: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(48))),
});

/** Hours looked at by a run: a run that failed or was missed is made up by the next ones. */
const LOOKBACK_HOURS = 6;

const logger = oneLineLogger('desa-digital-reminder-digest');

/**
 * Sends the hourly reminder digests (issue 11, goal 7): one message per decider for the reminders held for
 * them in an hour (notifications/index.ts DigestSender). Logs counts only, one line when it sent or failed.
 */
export const handler = async (event: unknown) => {
  const options = eventSchema.parse(event ?? {});
  const run = await digestSender().sendDue(
    options.at ? new Date(options.at) : systemClock.now(),
    options.lookbackHours ?? LOOKBACK_HOURS,
  );
  if (run.failed > 0) logger.warn('Reminder digests not delivered', { ...run });
  else if (run.sent > 0) logger.info('Reminder digests sent', { ...run });
  return run;
};

export type ReminderDigestSummary = Awaited<ReturnType<typeof handler>>;
