import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { NotificationLog, NotificationRecord } from '../../core/notifications/notifications.js';
import { once } from '../clients.js';
import { dynamo, partitionPrefix, queryAll, writtenIf } from '../dynamo-client.js';
import { requiredEnv } from '../env.js';
import { keys } from '../keys.js';

/** The read side (API handlers): only DynamoDB, so their bundles carry neither SNS nor SES. */
export const notificationLog = once(() => new DynamoOutbox(requiredEnv('TABLE_NAME')));

/** Who holds an item for delivery right now, and since when. */
export interface Claim {
  readonly id: string;
  readonly at: string;
}

/** An item's key in the table: an outbox record's (keyOf), or anything delivered the same way (a digest). */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** Attributes of the item that are bookkeeping, not part of the record shown to people. */
const INTERNAL_ATTRIBUTES = ['pk', 'sk', 'claimId', 'claimedAt', 'updatedAt'];

/**
 * The outbox: every notification is an item under its request (pk REQ#<id>, sk NOTIFY#<at>#<id>, see
 * keys.ts), so a request's notifications are one Query by key prefix, no index and no Scan. It is the record
 * of what each person was told, in AWS as locally; delivery status moves only forward, by conditional
 * writes, so retries and concurrent workers cannot send a notification twice or undo a "sent":
 *
 *   pending ──claim──► sending ──► sent
 *      ▲                  │
 *      └── failed ◄───────┘   (claimed again while attempts < max; a stale "sending" may be re-claimed)
 *   undeliverable, sent-local: final when written.
 *   batched ──► digested (or failed, undeliverable): a reminder held for its decider's hourly digest, and
 *   settled by the digest job once the digest was delivered (or could not be).
 * The same claim and its endings deliver any item with a `status`: the digest job delivers reminder digests
 * (notifications/digests.ts) through them.
 */
export class DynamoOutbox implements NotificationLog {
  constructor(private readonly tableName: string) {}

  /** Writes the record unless its id is already there (a retried task): true when this call wrote it. */
  async add(record: NotificationRecord, now: Date): Promise<boolean> {
    return writtenIf(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...this.keyOf(record), ...record, updatedAt: now.toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(
    record: Pick<NotificationRecord, 'requestId' | 'at' | 'id'>,
  ): Promise<NotificationRecord | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: this.keyOf(record), ConsistentRead: true }),
    );
    return result.Item ? fromItem(result.Item) : undefined;
  }

  /**
   * Takes the item for delivery: from pending, from failed while attempts remain, or from a "sending" whose
   * worker vanished (claimed before `staleBefore`). Returns undefined when it is not this caller's to send.
   * `record`: what this delivery sends, written with the claim on items composed only when sent (a digest's
   * channel, address and message), so the item says what its person was told.
   */
  async claim(
    key: ItemKey,
    now: Date,
    options: {
      readonly maxAttempts: number;
      readonly staleBefore: Date;
      readonly record?: Pick<NotificationRecord, 'channel' | 'to' | 'message'>;
    },
  ): Promise<Claim | undefined> {
    const claim = { id: randomUUID(), at: now.toISOString() };
    const { record } = options;
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: `SET #status = :sending, claimId = :claim, claimedAt = :at, updatedAt = :at, attempts = if_not_exists(attempts, :zero) + :one${record ? ', channel = :channel, #to = :to, message = :message' : ''}`,
          ConditionExpression:
            'attribute_exists(pk) AND (#status = :pending OR (#status = :failed AND (attribute_not_exists(attempts) OR attempts < :max)) OR (#status = :sending AND claimedAt < :stale))',
          ExpressionAttributeNames: { '#status': 'status', ...(record ? { '#to': 'to' } : {}) },
          ExpressionAttributeValues: {
            ...(record ? { ':channel': record.channel, ':to': record.to, ':message': record.message } : {}),
            ':sending': 'sending',
            ':pending': 'pending',
            ':failed': 'failed',
            ':claim': claim.id,
            ':at': claim.at,
            ':zero': 0,
            ':one': 1,
            ':max': options.maxAttempts,
            ':stale': options.staleBefore.toISOString(),
          },
        }),
      );
      return claim;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /** SNS/SES accepted it. Only the holder of the claim may say so; false when the claim was lost. */
  markSent(key: ItemKey, claim: Claim, providerMessageId: string, now: Date): Promise<boolean> {
    const update =
      'SET #status = :status, sentAt = :now, updatedAt = :now, providerMessageId = :provider REMOVE reason';
    return this.finish(key, claim, now, update, {
      ':status': 'sent',
      ':provider': providerMessageId,
    });
  }

  /** SNS/SES refused it: the error's name is kept (never its message, which may repeat the address). */
  markFailed(key: ItemKey, claim: Claim, errorName: string, now: Date): Promise<boolean> {
    return this.finish(key, claim, now, 'SET #status = :status, reason = :reason, updatedAt = :now', {
      ':status': 'failed',
      ':reason': errorName,
    });
  }

  /**
   * Ends a claim without SNS or SES: 'sent-local' where the outbox is the delivery (the local runtime), or
   * 'undeliverable' with its reason (no sender configured for the channel).
   */
  markUnsent(
    key: ItemKey,
    claim: Claim,
    ending: { readonly status: 'sent-local' } | { readonly status: 'undeliverable'; readonly reason: string },
    now: Date,
  ): Promise<boolean> {
    return ending.status === 'sent-local'
      ? this.finish(key, claim, now, 'SET #status = :status, sentAt = :now, updatedAt = :now REMOVE reason', {
          ':status': ending.status,
        })
      : this.finish(key, claim, now, 'SET #status = :status, reason = :reason, updatedAt = :now', {
          ':status': ending.status,
          ':reason': ending.reason,
        });
  }

  /**
   * A reminder held for its decider's digest ('batched') gets the digest's outcome: 'digested' when the
   * digest was delivered, else failed or undeliverable with the digest's reason. Only from 'batched': a
   * record settled before, or not written (yet), is left alone; false then.
   */
  async settleBatched(
    key: ItemKey,
    outcome:
      | { readonly status: 'digested'; readonly sentAt: string }
      | { readonly status: 'failed' | 'undeliverable'; readonly reason: string },
    now: Date,
  ): Promise<boolean> {
    const [update, values] =
      outcome.status === 'digested'
        ? ['SET #status = :status, sentAt = :sentAt, updatedAt = :now', { ':sentAt': outcome.sentAt }]
        : ['SET #status = :status, reason = :reason, updatedAt = :now', { ':reason': outcome.reason }];
    return writtenIf(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: update,
        ConditionExpression: '#status = :batched',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ...values,
          ':status': outcome.status,
          ':batched': 'batched',
          ':now': now.toISOString(),
        },
      }),
    );
  }

  /** A request's notifications, newest first (the sort key starts with the instant). */
  async list(requestId: string): Promise<NotificationRecord[]> {
    const { pk, sk } = keys.notification(requestId);
    const items = await queryAll({
      ...partitionPrefix(this.tableName, pk, sk),
      ScanIndexForward: false,
      ConsistentRead: true,
    });
    return items.map(fromItem);
  }

  private async finish(
    key: ItemKey,
    claim: Claim,
    now: Date,
    update: string,
    values: Record<string, unknown>,
  ): Promise<boolean> {
    return writtenIf(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: update,
        ConditionExpression: '#status = :sending AND claimId = :claim',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ...values,
          ':now': now.toISOString(),
          ':sending': 'sending',
          ':claim': claim.id,
        },
      }),
    );
  }

  /** The outbox item of a notification. */
  keyOf(record: Pick<NotificationRecord, 'requestId' | 'at' | 'id'>): ItemKey {
    return keys.notification(record.requestId, record.at, record.id);
  }
}

function fromItem(item: Record<string, unknown>): NotificationRecord {
  const record = { ...item };
  for (const attribute of INTERNAL_ATTRIBUTES) delete record[attribute];
  return record as unknown as NotificationRecord;
}
