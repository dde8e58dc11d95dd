import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ConsoleReads, Page, StatRow } from '../core/requests/console-reads.js';
import type { RequestStatus } from '../core/requests/requests.js';
import { ValidationError } from '../core/shared/errors.js';
import { text } from '../core/shared/text.js';
import { once } from './clients.js';
import { dynamo, queryAll } from './dynamo-client.js';
import { DynamoRequestStore, requestIdOf } from './dynamo-request-store.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const consoleReads = once(() => new DynamoConsoleReads(requiredEnv('TABLE_NAME')));

/** The console's read patterns on the single table's indexes (key design in keys.ts). */
export class DynamoConsoleReads implements ConsoleReads {
  private readonly requests: DynamoRequestStore;

  constructor(private readonly tableName: string) {
    this.requests = new DynamoRequestStore(tableName);
  }

  async waitingFor(villageCode: string, role: string, limit: number): Promise<Page> {
    return this.page('gsi3', keys.task(villageCode, role), { limit, forward: true });
  }

  async byApplicant(subject: string, limit: number, cursor?: string): Promise<Page> {
    return this.page('gsi4', keys.applicant(subject), { limit, forward: false, cursor });
  }

  /** From the index alone: it projects what a row needs (the id is in the table key, the status in the query). */
  async createdSince(villageCode: string, status: RequestStatus, fromIso: string): Promise<StatRow[]> {
    const items = await queryAll({
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :from',
      ExpressionAttributeValues: { ':pk': keys.villageStatus(villageCode, status), ':from': fromIso },
      ProjectionExpression: 'pk, serviceCode, createdAt, #document.issuedAt',
      ExpressionAttributeNames: { '#document': 'document' },
    });
    return items.map((item) => ({
      id: requestIdOf(item),
      status,
      serviceCode: String(item.serviceCode),
      createdAt: String(item.createdAt),
      ...(item.document ? { document: item.document as StatRow['document'] } : {}),
    }));
  }

  private async page(
    index: 'gsi3' | 'gsi4',
    partition: string,
    options: { limit: number; forward: boolean; cursor?: string },
  ): Promise<Page> {
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index,
      KeyConditionExpression: `${index}pk = :pk`,
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: options.forward,
      Limit: options.limit,
      ExclusiveStartKey: options.cursor ? decodeCursor(options.cursor, `${index}pk`, partition) : undefined,
    };
    const result = await dynamo().send(new QueryCommand(input));
    return {
      // The index holds keys: the requests are read by their ids.
      items: await this.requests.getMany((result.Items ?? []).map(requestIdOf)),
      ...(result.LastEvaluatedKey ? { cursor: encodeCursor(result.LastEvaluatedKey) } : {}),
    };
  }
}

const encodeCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

/** A cursor only continues the listing it came from. */
function decodeCursor(cursor: string, attribute: string, partition: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (key && typeof key === 'object' && key[attribute] === partition) return key;
  } catch {
    // fall through
  }
  throw new ValidationError(text('Parameter cursor tidak valid.', 'The cursor parameter is not valid.'), [
    { field: 'cursor', message: text('cursor tidak valid', 'cursor is not valid') },
  ]);
}
