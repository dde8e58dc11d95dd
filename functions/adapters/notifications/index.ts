import { destinationLimits, type NotificationRecord, notificationId } from '../../core/notifications.js';
import { pseudonym } from '../../core/person-pseudonym.js';
import type { Clock, Notification, Notifier } from '../../core/ports.js';
import { consume, type RateCounter, type RateTicket, refund } from '../../core/rate-limit.js';
import { once } from '../clients.js';
import { DynamoRateCounter } from '../dynamo-rate-limit.js';
import { optionalCountEnv, requiredEnv, systemClock } from '../env.js';
import { redactingLogger } from '../log-redaction.js';
import { loadPseudonymKey } from '../pseudonym-key.js';
import type { DeliveryChannel } from './channel.js';
import { DynamoOutbox } from './outbox.js';
import { SesEmail } from './ses-email.js';
import { SnsSms } from './sns-sms.js';

export type { DeliveryChannel } from './channel.js';
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
    const { reason: _composed, ...composed } = notification;
    const counted = await this.countDestination(notification, now);
    const record: NotificationRecord = {
      ...composed,
      id: notificationId(notification),
      ...(counted && !counted.allowed
        ? { status: 'suppressed', reason: 'rate-limited' }
        : this.initialStatus(notification)),
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

  private initialStatus(notification: Notification): Pick<NotificationRecord, 'status' | 'reason'> {
    // Nobody to send it to, in every mode: the applicant or a decider left no contact ('no-contact'), or the
    // composer says why (no staff decides the stage, the staff directory could not be read).
    if (!notification.to) return { status: 'undeliverable', reason: notification.reason ?? 'no-contact' };
    // Locally the outbox is the delivery: the console shows the applicant's and the deciders' messages.
    if (this.options.mode === 'outbox') return { status: 'sent-local' };
    if (!this.channel(notification.channel)) return { status: 'undeliverable', reason: 'no-sender' };
    return { status: 'pending' };
  }

  private async deliver(record: NotificationRecord, now: Date): Promise<void> {
    const { outbox } = this.options;
    const channel = this.channel(record.channel);
    if (!channel || !record.to) return;
    const claim = await outbox.claim(record, now, {
      maxAttempts: this.options.maxAttempts ?? 3,
      staleBefore: new Date(now.getTime() - (this.options.staleClaimMs ?? 5 * 60_000)),
    });
    if (!claim) return; // sent, being sent, or out of attempts
    let providerMessageId: string;
    try {
      providerMessageId = await channel.deliver(record.to, record.message);
    } catch (error) {
      const name = error instanceof Error ? error.name : 'UnknownError';
      // Never the address or the text: the id finds the item, which holds both.
      logger.warn('Notification not delivered', {
        notificationId: record.id,
        requestId: record.requestId,
        channel: record.channel,
        error: name,
      });
      await outbox.markFailed(record, claim, name, this.clock.now());
      return;
    }
    await outbox.markSent(record, claim, providerMessageId, this.clock.now());
  }

  private channel(kind: Notification['channel']): DeliveryChannel | undefined {
    return kind === 'sms' ? this.options.sms : this.options.email;
  }
}

/**
 * Builds the notifier from the function's environment: TABLE_NAME; NOTIFY_DELIVERY 'aws' or 'outbox'
 * (default 'outbox': nothing leaves a machine that was not configured to send); in 'aws' mode SENDER_EMAIL
 * (optional: without it e-mails are recorded as undeliverable) and SMS_SENDER_ID (optional).
 */
export function createNotifier(
  env: Readonly<Record<string, string | undefined>> = process.env,
): OutboxNotifier {
  const tableName = env.TABLE_NAME ?? requiredEnv('TABLE_NAME');
  const outbox = new DynamoOutbox(tableName);
  const destinations = new DynamoRateCounter(tableName);
  const mode = env.NOTIFY_DELIVERY ?? 'outbox';
  if (mode === 'outbox') return new OutboxNotifier({ outbox, mode, destinations });
  if (mode !== 'aws') throw new Error(`NOTIFY_DELIVERY must be 'aws' or 'outbox', not '${mode}'`);
  return new OutboxNotifier({
    outbox,
    mode,
    destinations,
    sms: new SnsSms(env.SMS_SENDER_ID ? { senderId: env.SMS_SENDER_ID } : {}),
    ...(env.SENDER_EMAIL ? { email: new SesEmail(env.SENDER_EMAIL) } : {}),
  });
}

/** One notifier per container, built on first use. */
export const notifier = once((): Notifier => createNotifier());
