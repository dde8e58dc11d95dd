import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../core/privacy/audit.js';
import type { Village, VillageSummary } from '../core/villages/places.js';
import type { VillageRegistry } from '../core/villages/tenants.js';
import { once } from './clients.js';
import { putAudited } from './dynamo-audit.js';
import { dynamo, queryAll } from './dynamo-client.js';
import { fromItem } from './dynamo-request-store.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const villageDirectory = once(() => new DynamoVillageDirectory(requiredEnv('TABLE_NAME')));

/**
 * Villages are rows, so a regency onboards one without a deploy. Every read goes to the table: nothing is
 * cached across invocations, so a village onboarded or changed is live for the very next request (the local
 * runtime runs every handler in one process, where a module-level cache would hide changes for good).
 */
export class DynamoVillageDirectory implements VillageRegistry {
  constructor(private readonly tableName: string) {}

  async get(code: string): Promise<Village | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.village(code) }),
    );
    return result.Item ? fromItem<Village>(result.Item) : undefined;
  }

  /** From the directory index alone: it projects the summary's fields (lib/constructs/data.ts). */
  async list(): Promise<VillageSummary[]> {
    const items = await queryAll({
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.villageDirectory },
    });
    return items.map((item) => fromItem<VillageSummary>(item));
  }

  /** The village and its audit entry in one transaction (see VillageRegistry.save). */
  async save(village: Village, audit: AuditEntry, expect: 'new' | 'existing'): Promise<boolean> {
    const put = {
      TableName: this.tableName,
      Item: this.item(village),
      ConditionExpression: expect === 'new' ? 'attribute_not_exists(pk)' : 'attribute_exists(pk)',
    };
    return (await putAudited(this.tableName, [put], audit)) === undefined;
  }

  /** Adds a village unless it exists (seeding is safe to repeat). */
  async add(village: Village): Promise<void> {
    await dynamo()
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(village),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((error: unknown) => {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      });
  }

  private item(village: Village) {
    return { ...keys.village(village.code), gsi2pk: keys.villageDirectory, gsi2sk: village.code, ...village };
  }
}
