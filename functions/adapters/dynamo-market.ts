import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ProductStore } from '../core/market/market.js';
import type { Product } from '../core/market/products.js';
import { once } from './clients.js';
import { dynamo, partitionPrefix, queryAll, writtenIf } from './dynamo-client.js';
import { fromItem } from './dynamo-request-store.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const productStore = once(() => new DynamoProducts(requiredEnv('TABLE_NAME')));

/** The UMKM market's products: pk MARKET#<regency>, sk P#<village>-<ulid> (keys.ts). */
export class DynamoProducts implements ProductStore {
  constructor(private readonly tableName: string) {}

  async get(id: string): Promise<Product | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.marketProduct(id) }),
    );
    return result.Item ? fromItem<Product>(result.Item) : undefined;
  }

  async create(product: Product): Promise<void> {
    await dynamo().send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.marketProduct(product.id), ...product },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  replace(product: Product, expectedStatus: Product['status']): Promise<boolean> {
    return writtenIf(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.marketProduct(product.id), ...product },
        ConditionExpression: '#status = :expected',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':expected': expectedStatus },
      }),
    );
  }

  async list(regencyCode: string, villageCode?: string): Promise<Product[]> {
    const { pk, sk } = keys.marketProducts(regencyCode, villageCode);
    return (await queryAll(partitionPrefix(this.tableName, pk, sk))).map((item) => fromItem<Product>(item));
  }

  /**
   * One UpdateItem: the count grows and the reason is kept while fewer than `keep` are; past that only the
   * count grows (a second UpdateItem). Either only while the product is published.
   */
  async addReport(id: string, report: Product['reports'][number], keep: number): Promise<boolean> {
    const update = (expression: string, condition: string, values: Record<string, unknown>) =>
      writtenIf(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.marketProduct(id),
          UpdateExpression: expression,
          ConditionExpression: `#status = :published${condition}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':published': 'published', ...values },
        }),
      );
    return (
      (await update(
        'ADD reportCount :one SET reports = list_append(reports, :report)',
        ' AND size(reports) < :keep',
        {
          ':report': [report],
          ':keep': keep,
        },
      )) || update('ADD reportCount :one', '', {})
    );
  }
}
