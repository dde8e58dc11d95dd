import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { LegalProduct } from '../core/legal/legal-products.js';
import type { LegalProductStore } from '../core/legal/ports.js';
import { once } from './clients.js';
import { dynamo, partitionPrefix, queryAll } from './dynamo-client.js';
import { fromItem } from './dynamo-request-store.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const legalProductStore = once(() => new DynamoLegalProductStore(requiredEnv('TABLE_NAME')));

/** A regency's feed is read in pages of this many entries (each a few KB at most). */
const FEED_PAGE = 200;

/** The register entry by its id (LAW#) and its copy in the regency's register (LAWREG#), always written together. */
export class DynamoLegalProductStore implements LegalProductStore {
  constructor(private readonly tableName: string) {}

  async get(id: string): Promise<LegalProduct | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.legalProduct(id) }),
    );
    return result.Item ? fromItem<LegalProduct>(result.Item) : undefined;
  }

  async create(product: LegalProduct): Promise<boolean> {
    try {
      await this.write(product, 'attribute_not_exists(pk)');
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      }
      throw error;
    }
  }

  async replace(product: LegalProduct): Promise<void> {
    await this.write(product, 'attribute_exists(pk)');
  }

  async listVillage(villageCode: string): Promise<LegalProduct[]> {
    const regency = villageCode.split('.').slice(0, 2).join('.');
    const items = await queryAll(
      partitionPrefix(this.tableName, keys.legalRegister(regency), `${villageCode}#`),
    );
    return items.map((item) => fromItem<LegalProduct>(item));
  }

  async listRegency(regencyCode: string, cursor?: string) {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.legalRegister(regencyCode) },
        Limit: FEED_PAGE,
        ...(cursor ? { ExclusiveStartKey: { pk: keys.legalRegister(regencyCode), sk: cursor } } : {}),
      }),
    );
    const next = page.LastEvaluatedKey?.sk;
    return {
      items: (page.Items ?? []).map((item) => fromItem<LegalProduct>(item)),
      ...(typeof next === 'string' ? { nextCursor: next } : {}),
    };
  }

  private async write(product: LegalProduct, condition: string): Promise<void> {
    const entry = keys.legalRegisterEntry(
      product.regencyCode,
      product.villageCode,
      product.year,
      product.type,
      product.number,
      product.id,
    );
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...keys.legalProduct(product.id), ...product },
              ConditionExpression: condition,
            },
          },
          { Put: { TableName: this.tableName, Item: { ...entry, ...product } } },
        ],
      }),
    );
  }
}
