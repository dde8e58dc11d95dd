import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../core/privacy/audit.js';
import { SITE_ITEM_KINDS, type SiteItem, type SiteItemKind } from '../core/website/content.js';
import type { SiteItemStore } from '../core/website/site-items.js';
import { once } from './clients.js';
import { putAudited } from './dynamo-audit.js';
import { dynamo, partitionPrefix, queryAll } from './dynamo-client.js';
import { fromItem } from './dynamo-request-store.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const siteItems = once(() => new DynamoSiteItems(requiredEnv('TABLE_NAME')));

/** The village website's news and agenda: pk SITE#<village>, sk NEWS#<id> / AGENDA#<id> (keys.ts). */
export class DynamoSiteItems implements SiteItemStore {
  constructor(private readonly tableName: string) {}

  async get(villageCode: string, kind: SiteItemKind, id: string): Promise<SiteItem | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.siteItem(villageCode, kind, id) }),
    );
    return result.Item ? fromItem<SiteItem>(result.Item) : undefined;
  }

  /** Both kinds' items (not the partition's audit entries): two queries of one small partition. */
  async list(villageCode: string): Promise<SiteItem[]> {
    const pages = await Promise.all(
      SITE_ITEM_KINDS.map((kind) => {
        const { pk, sk } = keys.siteItem(villageCode, kind, '');
        return queryAll(partitionPrefix(this.tableName, pk, sk));
      }),
    );
    return pages.flat().map((item) => fromItem<SiteItem>(item));
  }

  async create(item: SiteItem, audit: AuditEntry): Promise<void> {
    await putAudited(
      this.tableName,
      [
        {
          TableName: this.tableName,
          Item: { ...keys.siteItem(item.villageCode, item.kind, item.id), ...item },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      ],
      audit,
    );
  }

  async publish(item: SiteItem, audit: AuditEntry): Promise<boolean> {
    const failed = await putAudited(
      this.tableName,
      [
        {
          TableName: this.tableName,
          Item: { ...keys.siteItem(item.villageCode, item.kind, item.id), ...item },
          ConditionExpression: '#status = :draft',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':draft': 'draft' },
        },
      ],
      audit,
    );
    return failed === undefined;
  }
}
