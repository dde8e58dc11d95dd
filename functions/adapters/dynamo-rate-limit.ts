import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateCounter } from '../core/privacy/rate-limit.js';
import { once } from './clients.js';
import { dynamo } from './dynamo-client.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const rateCounter = once(() => new DynamoRateCounter(requiredEnv('TABLE_NAME')));

/**
 * Window counters in the single table: pk RATE#<rule>#<hash>, sk W#<window start>; one UpdateItem with ADD
 * is atomic, so concurrent hits each read back a distinct count. The item holds only its key, the count and
 * `expiresAt` (the table's TTL attribute): DynamoDB deletes it some time after its window has ended, and as
 * the window is part of the key a late deletion never carries an old count into a new window.
 */
export class DynamoRateCounter implements RateCounter {
  constructor(private readonly tableName: string) {}

  async add(key: string, windowStart: number, delta: number, expiresAt: number): Promise<number> {
    const result = await dynamo().send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.rateWindow(key, windowStart),
        UpdateExpression: 'ADD hits :delta SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
        ExpressionAttributeValues: { ':delta': delta, ':expiresAt': expiresAt },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.hits ?? 0);
  }
}
