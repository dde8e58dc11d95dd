import { randomUUID } from 'node:crypto';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type StaleMark, type StaleSiteStore, siteChanged } from '../core/website/stale-sites.js';
import { once } from './clients.js';
import { dynamo, queryAll, writtenIf } from './dynamo-client.js';
import { requiredEnv, systemClock } from './env.js';
import { keys } from './keys.js';
import { oneLineLogger } from './log-redaction.js';

export const staleSites = once(() => new DynamoStaleSites(requiredEnv('TABLE_NAME')));

const logger = oneLineLogger('desa-digital-website');

/**
 * What a function whose change shows on a village's site calls after writing it (need TABLE_NEEDS.siteStale):
 * a mark that could not be written is logged, and the change stands (the daily render catches up).
 */
export const siteChangeMarker = once(() =>
  siteChanged({
    marks: staleSites(),
    clock: systemClock,
    failed: (villageCode, error) =>
      logger.warn('Site not marked stale: it catches up at the daily render', {
        villageCode,
        error: error instanceof Error ? error.name : String(error),
      }),
  }),
);

/** The stale site marks: pk SITESTALE#, sk <village> (keys.ts). */
export class DynamoStaleSites implements StaleSiteStore {
  constructor(private readonly tableName: string) {}

  /** One update, whatever the item holds (no condition to fail): the first time stays, the id is new. */
  async mark(villageCode: string, at: Date): Promise<void> {
    await dynamo().send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.staleSite(villageCode),
        UpdateExpression: 'SET staleSince = if_not_exists(staleSince, :at), markId = :id',
        ExpressionAttributeValues: { ':at': at.toISOString(), ':id': `${at.toISOString()}#${randomUUID()}` },
      }),
    );
  }

  async list(): Promise<StaleMark[]> {
    const items = await queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.staleSites },
      ProjectionExpression: 'sk, staleSince, markId',
    });
    return items.map((item) => ({
      villageCode: String(item.sk),
      staleSince: String(item.staleSince),
      markId: String(item.markId),
    }));
  }

  clear(mark: StaleMark): Promise<boolean> {
    return writtenIf(
      new DeleteCommand({
        TableName: this.tableName,
        Key: keys.staleSite(mark.villageCode),
        // Gone already (cleared by an overlapping run) counts as cleared; marked again since does not.
        ConditionExpression: 'attribute_not_exists(pk) OR markId = :markId',
        ExpressionAttributeValues: { ':markId': mark.markId },
      }),
    );
  }
}
