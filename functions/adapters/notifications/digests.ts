import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type DeliveryStatus,
  type DigestEntry,
  type DigestHead,
  digestClosesAt,
} from '../../core/notifications/notifications.js';
import type { Notification } from '../../core/shared/ports.js';
import { dynamo, queryAll, writtenIf } from '../dynamo-client.js';
import { keys } from '../keys.js';

/** A reminder held in a digest: what the digest says of it, where its outbox record is, where it went. */
export interface HeldReminder extends DigestEntry {
  /** Its notification id: with requestId and at, the key of its outbox record. */
  readonly id: string;
  readonly channel: Notification['channel'];
  readonly to: string;
}

/** A decider's digest of one hour as the job reads it: its delivery state and the reminders it holds. */
export interface HourDigest extends DigestHead {
  readonly hour: string;
  readonly username: string;
  readonly attempts: number;
  readonly reason?: string;
  readonly sentAt?: string;
  /** Set once every held reminder's outbox record has the digest's outcome: nothing is left to do. */
  readonly settledAt?: string;
  readonly held: readonly HeldReminder[];
}

/** Digest items stay a week for whoever looks into a complaint, then DynamoDB's TTL removes them. */
const KEEP_SECONDS = 7 * 24 * 3600;

/**
 * Reminder digests in the table (keys.ts: DIGEST#<hour>): per decider and hour, a head item (created by the
 * hour's first reminder, with a conditional write so that exactly one reminder is first, then delivered like
 * an outbox item) and one item per later reminder held for it. Writes stay one small item each however many
 * reminders a person gets in an hour.
 */
export class DynamoDigests {
  constructor(private readonly tableName: string) {}

  /** The person's digest of the hour, read consistently; undefined when there is none yet. */
  async head(hour: string, username: string): Promise<DigestHead | undefined> {
    const result = await dynamo().send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.digestHead(hour, username),
        ConsistentRead: true,
        ProjectionExpression: 'firstId, #status',
        ExpressionAttributeNames: { '#status': 'status' },
      }),
    );
    return result.Item ? (result.Item as DigestHead) : undefined;
  }

  /** Creates the person's digest of the hour with `firstId` as its first reminder; false when one exists. */
  async open(hour: string, username: string, firstId: string, now: Date): Promise<boolean> {
    return writtenIf(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.digestHead(hour, username),
          username,
          firstId,
          status: 'pending' satisfies DeliveryStatus,
          createdAt: now.toISOString(),
          expiresAt: expiry(hour),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** Holds a reminder in the person's digest of its hour; the same reminder again changes nothing. */
  async hold(hour: string, username: string, reminder: HeldReminder): Promise<void> {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.heldReminder(hour, username, reminder.id),
            username,
            ...reminder,
            expiresAt: expiry(hour),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Every person's digest of an hour, with the reminders held in it: one query of the hour's partition. */
  async ofHour(hour: string): Promise<HourDigest[]> {
    const items = await queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.digestHour(hour) },
      ConsistentRead: true,
    });
    const held = new Map<string, HeldReminder[]>();
    for (const item of items) {
      if (!String(item.sk).startsWith('E#')) continue;
      const username = String(item.username);
      held.set(username, [...(held.get(username) ?? []), toHeld(item)]);
    }
    return items
      .filter((item) => String(item.sk).startsWith('H#'))
      .map((item) => {
        const username = String(item.username);
        return {
          hour,
          username,
          firstId: String(item.firstId),
          status: item.status as DeliveryStatus,
          attempts: Number(item.attempts ?? 0),
          ...(item.reason ? { reason: String(item.reason) } : {}),
          ...(item.sentAt ? { sentAt: String(item.sentAt) } : {}),
          ...(item.settledAt ? { settledAt: String(item.settledAt) } : {}),
          held: held.get(username) ?? [],
        };
      });
  }

  /** Every held reminder of the digest has the digest's outcome in the outbox. */
  async settle(digest: Pick<HourDigest, 'hour' | 'username'>, now: Date): Promise<void> {
    await dynamo().send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.digestHead(digest.hour, digest.username),
        UpdateExpression: 'SET settledAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
  }
}

const expiry = (hour: string): number => Math.floor(digestClosesAt(hour).getTime() / 1000) + KEEP_SECONDS;

function toHeld(item: Record<string, unknown>): HeldReminder {
  const { pk: _pk, sk: _sk, username: _username, expiresAt: _expiresAt, ...held } = item;
  return held as unknown as HeldReminder;
}
