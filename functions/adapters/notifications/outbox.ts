import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { NotificationLog, NotificationRecord } from '../../core/notifications.js';
import { once } from '../clients.js';
import { dynamo, partitionPrefix, queryAll } from '../dynamo-client.js';
import { requiredEnv } from '../env.js';
import { keys } from '../keys.js';

/** The read side (API handlers): only DynamoDB, so their bundles carry neither SNS nor SES. */
export const notificationLog = once(() => new DynamoOutbox(requiredEnv('TABLE_NAME')));

/** Who holds an item for delivery right now, and since when. */
export interface Claim {
  readonly id: string;
  readonly at: string;
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
 */
export class DynamoOutbox implements NotificationLog {
  constructor(private readonly tableName: string) {}

  /** Writes the record unless its id is already there (a retried task): true when this call wrote it. */
  async add(record: NotificationRecord, now: Date): Promise<boolean> {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...this.key(record), ...record, updatedAt: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(
    record: Pick<NotificationRecord, 'requestId' | 'at' | 'id'>,
  ): Promise<NotificationRecord | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: this.key(record), ConsistentRead: true }),
    );
    return result.Item ? fromItem(result.Item) : undefined;
  }

  /**
   * Takes the item for delivery: from pending, from failed while attempts remain, or from a "sending" whose
   * worker vanished (claimed before `staleBefore`). Returns undefined when it is not this caller's to send.
   */
  async claim(
    record: NotificationRecord,
    now: Date,
    options: { readonly maxAttempts: number; readonly staleBefore: Date },
  ): Promise<Claim | undefined> {
    const claim = { id: randomUUID(), at: now.toISOString() };
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(record),
          UpdateExpression:
            'SET #status = :sending, claimId = :claim, claimedAt = :at, updatedAt = :at, attempts = if_not_exists(attempts, :zero) + :one',
          ConditionExpression:
            'attribute_exists(pk) AND (#status = :pending OR (#status = :failed AND (attribute_not_exists(attempts) OR attempts < :max)) OR (#status = :sending AND claimedAt < :stale))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
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
  markSent(record: NotificationRecord, claim: Claim, providerMessageId: string, now: Date): Promise<boolean> {
    const update =
      'SET #status = :status, sentAt = :now, updatedAt = :now, providerMessageId = :provider REMOVE reason';
    return this.finish(record, claim, now, update, {
      ':status': 'sent',
      ':provider': providerMessageId,
    });
  }

  /** SNS/SES refused it: the error's name is kept (never its message, which may repeat the address). */
  markFailed(record: NotificationRecord, claim: Claim, errorName: string, now: Date): Promise<boolean> {
    return this.finish(record, claim, now, 'SET #status = :status, reason = :reason, updatedAt = :now', {
      ':status': 'failed',
      ':reason': errorName,
    });
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
    record: NotificationRecord,
    claim: Claim,
    now: Date,
    update: string,
    values: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(record),
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
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private key(record: Pick<NotificationRecord, 'requestId' | 'at' | 'id'>) {
    return keys.notification(record.requestId, record.at, record.id);
  }
}

function fromItem(item: Record<string, unknown>): NotificationRecord {
  const record = { ...item };
  for (const attribute of INTERNAL_ATTRIBUTES) delete record[attribute];
  return record as unknown as NotificationRecord;
}
