import {
  closedDigestHours,
  type DeliveryStatus,
  destinationLimits,
  digestHour,
  type NotificationRecord,
  notificationId,
  placeReminder,
  reminderDigest,
} from '../../core/notifications/notifications.js';
import { pseudonym } from '../../core/privacy/person-pseudonym.js';
import { consume, type RateCounter, type RateTicket, refund } from '../../core/privacy/rate-limit.js';
import type { Clock, Notification, Notifier } from '../../core/shared/ports.js';
import { once } from '../clients.js';
import { DynamoRateCounter } from '../dynamo-rate-limit.js';
import { optionalCountEnv, requiredEnv, systemClock } from '../env.js';
import { keys } from '../keys.js';
import { redactingLogger } from '../log-redaction.js';
import { loadPseudonymKey } from '../pseudonym-key.js';
import type { DeliveryChannel } from './channel.js';
import { DynamoDigests, type HeldReminder, type HourDigest } from './digests.js';
import { DynamoOutbox, type ItemKey } from './outbox.js';
import { SesEmail } from './ses-email.js';
import { SnsSms } from './sns-sms.js';

export type { DeliveryChannel } from './channel.js';
export { DynamoDigests } from './digests.js';
export { DynamoOutbox, notificationLog } from './outbox.js';

const logger = redactingLogger('desa-digital-notifications');

/**
 * How notifications leave: 'aws' delivers through SNS (SMS) and SES (e-mail) after writing the outbox;
 * 'outbox' (the local runtime, tests) writes the outbox only, which the console and tests read.
 */
export type DeliveryMode = 'aws' | 'outbox';

export interface OutboxNotifierOptions {
  readonly outbox: DynamoOutbox;
  readonly mode: DeliveryMode;
  /** Required in 'aws' mode. */
  readonly sms?: DeliveryChannel;
  /** @default - no e-mail delivery: e-mail notifications are recorded as undeliverable ('no-sender') */
  readonly email?: DeliveryChannel;
  /** @default - the system clock */
  readonly clock?: Clock;
  /** Deliveries tried per notification before it stays failed. @default 3 */
  readonly maxAttempts?: number;
  /** A "sending" older than this is taken to belong to a worker that died. @default 5 minutes */
  readonly staleClaimMs?: number;
  /**
   * Counts the applicant's messages per destination (MESSAGES_PER_DESTINATION); past the limit they are
   * recorded as suppressed and not sent.
   * @default - no limit per destination
   */
  readonly destinations?: RateCounter;
  /**
   * Batches reminders to deciders per person and hour (placeReminder): the first of the hour is delivered,
   * the later ones are recorded as 'batched' and told in one digest (DigestSender).
   * @default - every reminder is delivered on its own
   */
  readonly digests?: DynamoDigests;
}

/**
 * The Notifier port: write the notification to the outbox (once: its id is derived from request, instant,
 * audience — a decider's username included — and channel, and the write is conditional), then deliver it
 * when this container delivers.
 * `notify` rejects only when the outbox cannot be written. A refused delivery (invalid number, throttling,
 * SES sandbox) is recorded as failed with the error's name and logged; it never fails the caller, because a
 * status change must not be undone or retried into FAILED over an SMS. The same notification composed again
 * (a retried task) retries a failed delivery, up to maxAttempts.
 */
export class OutboxNotifier implements Notifier {
  private readonly clock: Clock;

  constructor(private readonly options: OutboxNotifierOptions) {
    if (options.mode === 'aws' && !options.sms)
      throw new Error("OutboxNotifier in 'aws' mode needs an SMS channel");
    this.clock = options.clock ?? systemClock;
  }

  async notify(notification: Notification): Promise<void> {
    const now = this.clock.now();
    const { reason: _composed, reminder: _held, ...composed } = notification;
    const id = notificationId(notification);
    const counted = await this.countDestination(notification, now);
    const initial =
      counted && !counted.allowed
        ? ({ status: 'suppressed', reason: 'rate-limited' } as const)
        : this.initialStatus(notification);
    // Only a reminder that would go out now may wait for the digest instead.
    const sendable = initial.status === 'pending' || initial.status === 'sent-local';
    const batched = sendable && (await this.batch(notification, id, now));
    const record: NotificationRecord = {
      ...composed,
      id,
      ...(batched ? { status: 'batched' } : initial),
      attempts: 0,
    };
    const written = await this.options.outbox.add(record, now);
    // The same notification again (a retried task): it was counted when first written.
    if (!written && counted) await refund(this.options.destinations as RateCounter, counted.ticket);
    // Written now or by an earlier attempt: either way, the claim decides whether it still needs sending.
    if (record.status === 'pending') await this.deliver(record, now);
  }

  /**
   * One more message to the applicant's contact: counted under a keyed pseudonym of the address (the
   * counter never holds it). Deciders' messages go to staff accounts' own contacts and are not limited.
   */
  private async countDestination(
    notification: Notification,
    now: Date,
  ): Promise<{ allowed: boolean; ticket: RateTicket } | undefined> {
    const counter = this.options.destinations;
    if (!counter || !notification.to || notification.audience.kind !== 'applicant') return undefined;
    await loadPseudonymKey();
    const destination = pseudonym(notification.channel, notification.to.trim().toLowerCase());
    const limits = destinationLimits(optionalCountEnv('MESSAGES_PER_DESTINATION_PER_DAY'));
    return consume(counter, limits[notification.channel], destination, now);
  }

  /**
   * Whether a reminder to a decider waits for their digest of the hour (true) rather than going now: see
   * placeReminder. The hour's first reminder creates the digest, by a conditional write, and goes now. A
   * digest that cannot be read or written never holds a reminder back: it goes now, and the error is logged.
   */
  private async batch(notification: Notification, id: string, now: Date): Promise<boolean> {
    const { digests } = this.options;
    const username = notification.audience.kind === 'role' ? notification.audience.username : undefined;
    const { reminder, to } = notification;
    if (!digests || !reminder || !username || !to) return false;
    const hour = digestHour(notification.at);
    const self = { id, at: notification.at };
    try {
      let place = placeReminder(self, undefined, now); // a closed hour needs no read
      if (place === 'open') place = placeReminder(self, await digests.head(hour, username), now);
      if (place === 'open') {
        if (await digests.open(hour, username, id, now)) return false;
        place = placeReminder(self, await digests.head(hour, username), now); // another one was first
      }
      if (place !== 'batch') return false;
      const held: HeldReminder = {
        ...reminder,
        id,
        requestId: notification.requestId,
        villageCode: notification.villageCode,
        at: notification.at,
        channel: notification.channel,
        to,
      };
      await digests.hold(hour, username, held);
      return true;
    } catch (error) {
      logger.warn('Reminder digest unavailable: reminder sent on its own', {
        notificationId: id,
        requestId: notification.requestId,
        error: error instanceof Error ? error.name : 'UnknownError',
      });
      return false;
    }
  }

  private initialStatus(notification: Notification): Pick<NotificationRecord, 'status' | 'reason'> {
    // Nobody to send it to, in every mode: the applicant or a decider left no contact ('no-contact'), or the
    // composer says why (no staff decides the stage, the staff directory could not be read).
    if (!notification.to) return { status: 'undeliverable', reason: notification.reason ?? 'no-contact' };
    // Locally the outbox is the delivery: the console shows the applicant's and the deciders' messages.
    if (this.options.mode === 'outbox') return { status: 'sent-local' };
    if (!channelOf(this.options, notification.channel))
      return { status: 'undeliverable', reason: 'no-sender' };
    return { status: 'pending' };
  }

  private async deliver(record: NotificationRecord, now: Date): Promise<void> {
    if (!record.to) return;
    const delivery = { channel: record.channel, to: record.to, message: record.message };
    await deliverClaimed(this.options, this.options.outbox.keyOf(record), delivery, now, {
      notificationId: record.id,
      requestId: record.requestId,
    });
  }
}

const channelOf = (options: OutboxNotifierOptions, kind: Notification['channel']) =>
  kind === 'sms' ? options.sms : options.email;

/**
 * What a claimed item sends. `composedNow`: the item does not hold it yet (a digest, composed when sent), so
 * it is written with the claim and the item says what its person was told.
 */
interface Delivery extends Pick<Notification, 'channel' | 'message'> {
  readonly to: string;
  readonly composedNow?: boolean;
}

/** How a claimed delivery ended, and when; undefined when the item was not this caller's to deliver. */
type Delivered =
  | { readonly status: DeliveryStatus; readonly reason?: string; readonly at: string }
  | undefined;

/**
 * Claims an outbox-like item (an outbox record, a digest) and delivers its message: through SNS or SES in
 * 'aws' mode; in 'outbox' mode the outbox is the delivery ('sent-local'). The claim decides who sends, so a
 * retry or a concurrent worker cannot send it twice; a refusal is recorded as failed (retried while attempts
 * remain), never thrown. `context` names the item in the log: never the address or the text.
 */
async function deliverClaimed(
  options: OutboxNotifierOptions,
  key: ItemKey,
  delivery: Delivery,
  now: Date,
  context: Record<string, string>,
): Promise<Delivered> {
  const { outbox } = options;
  const clock = options.clock ?? systemClock;
  const { composedNow, ...record } = delivery;
  const claim = await outbox.claim(key, now, {
    maxAttempts: options.maxAttempts ?? 3,
    staleBefore: new Date(now.getTime() - (options.staleClaimMs ?? 5 * 60_000)),
    ...(composedNow ? { record } : {}),
  });
  if (!claim) return undefined; // sent, being sent, or out of attempts
  if (options.mode === 'outbox') {
    const at = clock.now();
    await outbox.markUnsent(key, claim, { status: 'sent-local' }, at);
    return { status: 'sent-local', at: at.toISOString() };
  }
  const channel = channelOf(options, record.channel);
  if (!channel) {
    const at = clock.now();
    await outbox.markUnsent(key, claim, { status: 'undeliverable', reason: 'no-sender' }, at);
    return { status: 'undeliverable', reason: 'no-sender', at: at.toISOString() };
  }
  let providerMessageId: string;
  try {
    providerMessageId = await channel.deliver(record.to, record.message);
  } catch (error) {
    const name = error instanceof Error ? error.name : 'UnknownError';
    logger.warn('Notification not delivered', { ...context, channel: record.channel, error: name });
    const at = clock.now();
    await outbox.markFailed(key, claim, name, at);
    return { status: 'failed', reason: name, at: at.toISOString() };
  }
  const at = clock.now();
  await outbox.markSent(key, claim, providerMessageId, at);
  return { status: 'sent', at: at.toISOString() };
}

/** What one run of the digest job did. */
export interface DigestRun {
  /** The hours it looked at, oldest first. */
  readonly hours: readonly string[];
  /** Digests delivered now (one message each). */
  readonly sent: number;
  /** Reminders told in them. */
  readonly reminders: number;
  /** Digests refused by SNS/SES (retried by the next run while attempts remain) or without a sender. */
  readonly failed: number;
}

/**
 * Sends the reminder digests of closed hours (the ReminderDigest job): for each decider with reminders held
 * in an hour, ONE message composed by reminderDigest, delivered like an outbox item (claimed, so a second
 * run or a concurrent one sends nothing; a claim left by a crashed run is taken over after staleClaimMs, as
 * in the outbox), then each held reminder's outbox record gets the digest's outcome ('digested'). A run that
 * stops between the two is finished by the next: the digest is not sent again.
 */
export class DigestSender {
  private readonly clock: Clock;

  constructor(private readonly options: OutboxNotifierOptions & { readonly digests: DynamoDigests }) {
    this.clock = options.clock ?? systemClock;
  }

  /** The digests of the `lookbackHours` latest hours closed at `now`. */
  async sendDue(now: Date = this.clock.now(), lookbackHours = 6): Promise<DigestRun> {
    const hours = closedDigestHours(now, lookbackHours);
    let sent = 0;
    let reminders = 0;
    let failed = 0;
    for (const hour of hours) {
      for (const digest of await this.options.digests.ofHour(hour)) {
        if (digest.settledAt || digest.held.length === 0) continue;
        const delivered = await this.send(digest, now);
        if (delivered?.status === 'sent' || delivered?.status === 'sent-local') {
          sent += 1;
          reminders += digest.held.length;
        } else if (delivered) failed += 1;
      }
    }
    return { hours, sent, reminders, failed };
  }

  /** Delivers one digest unless an earlier run did, and settles its reminders once its outcome is final. */
  private async send(digest: HourDigest, now: Date): Promise<Delivered> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    let ending = finalEnding(digest, digest.attempts, maxAttempts);
    let delivered: Delivered;
    if (!ending) {
      // The latest reminder's contact: the person's current phone or address.
      const latest = digest.held.reduce((a, b) => (b.at > a.at ? b : a));
      const message = reminderDigest(digest.held, latest.channel, now);
      delivered = await deliverClaimed(
        this.options,
        keys.digestHead(digest.hour, digest.username),
        { channel: latest.channel, to: latest.to, message, composedNow: true },
        now,
        { digest: digest.hour, reminders: String(digest.held.length) },
      );
      if (!delivered) return undefined; // another run holds it
      ending = finalEnding({ ...delivered, sentAt: delivered.at }, digest.attempts + 1, maxAttempts);
    }
    if (ending) await this.settle(digest, ending);
    return delivered;
  }

  /** The held reminders' records get the digest's outcome (a few at a time), then the digest is done. */
  private async settle(digest: HourDigest, ending: Settlement): Promise<void> {
    const { outbox, digests } = this.options;
    const now = this.clock.now();
    for (let start = 0; start < digest.held.length; start += SETTLE_AT_ONCE) {
      const batch = digest.held.slice(start, start + SETTLE_AT_ONCE);
      await Promise.all(batch.map((held) => outbox.settleBatched(outbox.keyOf(held), ending, now)));
    }
    await digests.settle(digest, now);
  }
}

type Settlement = Parameters<DynamoOutbox['settleBatched']>[1];

/** Outbox records settled in parallel: a busy decider's hour goes quickly without a burst of writes. */
const SETTLE_AT_ONCE = 10;

/** What a digest's held reminders become, once its delivery is over; undefined while it may still go. */
function finalEnding(
  state: { readonly status: DeliveryStatus; readonly reason?: string; readonly sentAt?: string },
  attempts: number,
  maxAttempts: number,
): Settlement | undefined {
  switch (state.status) {
    case 'sent':
    case 'sent-local':
      return { status: 'digested', sentAt: state.sentAt ?? '' };
    case 'undeliverable':
      return { status: 'undeliverable', reason: `digest:${state.reason ?? 'unknown'}` };
    case 'failed':
      return attempts >= maxAttempts
        ? { status: 'failed', reason: `digest:${state.reason ?? 'unknown'}` }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * What delivering needs, from the function's environment: TABLE_NAME; NOTIFY_DELIVERY 'aws' or 'outbox'
 * (default 'outbox': nothing leaves a machine that was not configured to send); in 'aws' mode SENDER_EMAIL
 * (optional: without it e-mails are recorded as undeliverable) and SMS_SENDER_ID (optional).
 */
function deliveryOptions(env: Readonly<Record<string, string | undefined>>) {
  const tableName = env.TABLE_NAME ?? requiredEnv('TABLE_NAME');
  const common = { outbox: new DynamoOutbox(tableName), digests: new DynamoDigests(tableName) };
  const mode = env.NOTIFY_DELIVERY ?? 'outbox';
  if (mode === 'outbox') return { tableName, options: { ...common, mode } as const };
  if (mode !== 'aws') throw new Error(`NOTIFY_DELIVERY must be 'aws' or 'outbox', not '${mode}'`);
  return {
    tableName,
    options: {
      ...common,
      mode,
      sms: new SnsSms(env.SMS_SENDER_ID ? { senderId: env.SMS_SENDER_ID } : {}),
      ...(env.SENDER_EMAIL ? { email: new SesEmail(env.SENDER_EMAIL) } : {}),
    } as const,
  };
}

/**
 * Builds the notifier from the function's environment (see deliveryOptions); the applicant's messages are
 * counted per destination and reminders to deciders are batched per person and hour.
 */
export function createNotifier(
  env: Readonly<Record<string, string | undefined>> = process.env,
): OutboxNotifier {
  const { tableName, options } = deliveryOptions(env);
  return new OutboxNotifier({ ...options, destinations: new DynamoRateCounter(tableName) });
}

/** The digest job's sender, from the same environment as the notifier. */
export function createDigestSender(
  env: Readonly<Record<string, string | undefined>> = process.env,
): DigestSender {
  return new DigestSender(deliveryOptions(env).options);
}

/** One notifier per container, built on first use. */
export const notifier = once((): Notifier => createNotifier());

/** One digest sender per container, built on first use. */
export const digestSender = once(() => createDigestSender());
