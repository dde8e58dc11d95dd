import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Village } from '../core/places.js';
import type { VillageDirectory } from '../core/ports.js';
import { once } from './clients.js';
import { dynamo } from './dynamo-client.js';
import { fromItem } from './dynamo-request-store.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const villageDirectory = once(() => new DynamoVillageDirectory(requiredEnv('TABLE_NAME')));

/** Villages are rows, so a regency onboards one without a deploy. */
export class DynamoVillageDirectory implements VillageDirectory {
  constructor(private readonly tableName: string) {}

  async get(code: string): Promise<Village | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.village(code) }),
    );
    return result.Item ? fromItem<Village>(result.Item) : undefined;
  }

  async list(): Promise<Village[]> {
    const villages: Village[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.villageDirectory },
          ExclusiveStartKey: start,
        }),
      );
      villages.push(...(page.Items ?? []).map((item) => fromItem<Village>(item)));
      start = page.LastEvaluatedKey;
    } while (start);
    return villages;
  }

  /** Adds a village unless it exists (seeding is safe to repeat). */
  async add(village: Village): Promise<void> {
    await dynamo()
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.village(village.code),
            gsi2pk: keys.villageDirectory,
            gsi2sk: village.code,
            ...village,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((error: unknown) => {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      });
  }
}
