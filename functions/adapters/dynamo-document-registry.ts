import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentRecord, DocumentRegistry, RequestChange } from '../core/ports.js';
import { once } from './clients.js';
import { dynamo } from './dynamo-client.js';
import { DynamoRequestStore, fromItem, isConditionFailure } from './dynamo-request-store.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const documentRegistry = once(() => new DynamoDocumentRegistry(requiredEnv('TABLE_NAME')));

/** Issued documents and the letter-number register. */
export class DynamoDocumentRegistry implements DocumentRegistry {
  private readonly requests: DynamoRequestStore;

  constructor(private readonly tableName: string) {
    this.requests = new DynamoRequestStore(tableName);
  }

  async get(documentId: string): Promise<DocumentRecord | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.document(documentId) }),
    );
    return result.Item ? fromItem<DocumentRecord>(result.Item) : undefined;
  }

  /** An atomic ADD on one counter item per village and year: concurrent signers never share a number. */
  async nextSequence(villageCode: string, year: number): Promise<number> {
    const result = await dynamo().send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.counter(villageCode, year),
        UpdateExpression: 'ADD #value :one',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.value);
  }

  async voidNumber(villageCode: string, year: number, sequence: number, reason: string): Promise<void> {
    await dynamo().send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.voidNumber(villageCode, year, sequence),
          sequence,
          reason,
          at: new Date().toISOString(),
        },
      }),
    );
  }

  async recordIssued(document: DocumentRecord, change: RequestChange): Promise<boolean> {
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            ...this.requests.updateItems(change),
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.document(document.documentId), ...document },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error, 0)) return false;
      throw error;
    }
  }
}
