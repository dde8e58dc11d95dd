import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { LegalProduct } from '../core/legal/legal-products.js';
import type { LegalEntryOutcome, LegalProductStore } from '../core/legal/ports.js';
import type { AuditEntry } from '../core/privacy/audit.js';
import { once } from './clients.js';
import { auditPut } from './dynamo-audit.js';
import { dynamo, isConditionFailure, partitionPrefix, queryAll } from './dynamo-client.js';
import { fromItem } from './dynamo-request-store.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const legalProductStore = once(() => new DynamoLegalProductStore(requiredEnv('TABLE_NAME')));

/** A regency's feed is read in pages of this many entries (each a few KB at most). */
const FEED_PAGE = 200;

/**
 * The register entry by its id (LAW#) and its copy in the regency's register (LAWREG#), always written
 * together; a new entry also claims its numbers (LAWNO#), so no two products of a village share one.
 */
export class DynamoLegalProductStore implements LegalProductStore {
  constructor(private readonly tableName: string) {}

  async get(id: string): Promise<LegalProduct | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.legalProduct(id) }),
    );
    return result.Item ? fromItem<LegalProduct>(result.Item) : undefined;
  }

  async create(product: LegalProduct, audit?: AuditEntry): Promise<LegalEntryOutcome> {
    const claim = (scope: string, n: number) => ({
      Put: {
        TableName: this.tableName,
        Item: { ...keys.legalNumber(product.villageCode, scope, product.year, n), id: product.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    const items = [
      ...this.entryItems(product, 'attribute_not_exists(pk)'),
      claim(product.type, product.number),
      ...(product.gazette ? [claim(product.gazette.kind, product.gazette.number)] : []),
      ...(audit ? [{ Put: auditPut(this.tableName, audit) }] : []),
    ];
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
      return 'created';
    } catch (error) {
      if (isConditionFailure(error, 0)) return 'exists';
      if (isConditionFailure(error, 2)) return 'number-taken';
      if (product.gazette && isConditionFailure(error, 3)) return 'gazette-number-taken';
      throw error;
    }
  }

  async replace(product: LegalProduct): Promise<void> {
    await dynamo().send(
      new TransactWriteCommand({ TransactItems: this.entryItems(product, 'attribute_exists(pk)') }),
    );
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

  /** The entry by its id (on a condition) and its copy in the regency's register. */
  private entryItems(product: LegalProduct, condition: string) {
    const entry = keys.legalRegisterEntry(
      product.regencyCode,
      product.villageCode,
      product.year,
      product.type,
      product.number,
      product.id,
    );
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.legalProduct(product.id), ...product },
          ConditionExpression: condition,
        },
      },
      { Put: { TableName: this.tableName, Item: { ...entry, ...product } } },
    ];
  }
}
