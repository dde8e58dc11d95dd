import { GetCommand, PutCommand, type TransactWriteCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  DocumentRecord,
  DocumentRegistry,
  DocumentRevocation,
  DocumentStatus,
  DocumentWriteResult,
  RequestChange,
} from '../core/shared/ports.js';
import { once } from './clients.js';
import { dynamo, isConditionFailure } from './dynamo-client.js';
import { DynamoRequestStore, fromItem } from './dynamo-request-store.js';
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
  async nextSequence(villageCode: string, year: number, scope?: string): Promise<number> {
    const result = await dynamo().send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.counter(villageCode, year, scope),
        UpdateExpression: 'ADD #value :one',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.value);
  }

  async voidNumber(
    villageCode: string,
    year: number,
    sequence: number,
    reason: string,
    scope?: string,
  ): Promise<void> {
    await dynamo().send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.voidNumber(villageCode, year, sequence, scope),
          sequence,
          reason,
          at: new Date().toISOString(),
        },
      }),
    );
  }

  async recordIssued(document: DocumentRecord, change: RequestChange): Promise<boolean> {
    return (await this.requests.writeChange(change, this.documentItems(document))) === 'written';
  }

  // --- verifiable documents (signing, revocation, reissue) ---

  async findByHash(sha256: string): Promise<string | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.documentHash(sha256) }),
    );
    return typeof result.Item?.documentId === 'string' ? result.Item.documentId : undefined;
  }

  async revoke(
    documentId: string,
    { at, ...revocation }: DocumentRevocation & { readonly at: string },
    change: RequestChange,
  ): Promise<DocumentWriteResult> {
    const items = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.document(documentId),
          UpdateExpression: 'SET #status = :revoked, revokedAt = :at, revocation = :revocation',
          ConditionExpression: 'attribute_exists(pk) AND #status = :valid',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':revoked': 'revoked',
            ':valid': 'valid',
            ':at': at,
            ':revocation': revocation,
          },
        },
      },
    ];
    return this.lifecycleWrite(items, change);
  }

  async recordReissued(
    document: DocumentRecord & { readonly supersedes: string },
    previousStatus: Exclude<DocumentStatus, 'superseded'>,
    change: RequestChange,
  ): Promise<DocumentWriteResult> {
    const items = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.document(document.supersedes),
          UpdateExpression: 'SET #status = :superseded, supersededBy = :next',
          ConditionExpression:
            'attribute_exists(pk) AND #status = :previous AND attribute_not_exists(supersededBy)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':superseded': 'superseded',
            ':next': document.documentId,
            ':previous': previousStatus,
          },
        },
      },
      ...this.documentItems(document),
    ];
    return this.lifecycleWrite(items, change);
  }

  /** The document and its hash lookup (DOCHASH#<sha256> → documentId), both new. */
  private documentItems(document: DocumentRecord) {
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.document(document.documentId), ...document },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.documentHash(document.sha256),
            documentId: document.documentId,
            villageCode: document.villageCode,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
  }

  /** The document's items (item 0 holds its condition) and the request's change, in one transaction. */
  private async lifecycleWrite(
    items: NonNullable<TransactWriteCommandInput['TransactItems']>,
    change: RequestChange,
  ): Promise<DocumentWriteResult> {
    try {
      return await this.requests.writeChange(change, items);
    } catch (error) {
      if (isConditionFailure(error, 0)) return 'document-changed';
      throw error;
    }
  }
}
