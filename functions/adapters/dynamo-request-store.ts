import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../core/errors.js';
import type {
  CreateResult,
  IdempotencyRecord,
  RequestChange,
  RequestStore,
  VillageQuery,
} from '../core/ports.js';
import type { RequestEvent, ServiceRequest } from '../core/requests.js';
import { text } from '../core/text.js';
import { once } from './clients.js';
import { dynamo } from './dynamo-client.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const requestStore = once(() => new DynamoRequestStore(requiredEnv('TABLE_NAME')));

const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Requests and their events in the single table (key design in keys.ts). */
export class DynamoRequestStore implements RequestStore {
  constructor(private readonly tableName: string) {}

  async create(
    request: ServiceRequest,
    event: RequestEvent,
    idempotency?: IdempotencyRecord,
  ): Promise<CreateResult> {
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
      {
        Put: {
          TableName: this.tableName,
          Item: requestItem(request),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.tableName, Item: eventItem(event, 0) } },
    ];
    if (idempotency) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.idempotency(idempotency.subject, idempotency.key),
            ...idempotency,
            expiresAt: Math.floor(Date.parse(request.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
      return { created: true };
    } catch (error) {
      if (!idempotency || !isConditionFailure(error, 2)) throw error;
      const existing = await this.getItem<IdempotencyRecord>(
        keys.idempotency(idempotency.subject, idempotency.key),
      );
      if (!existing) throw error;
      return { created: false, existing };
    }
  }

  async get(id: string): Promise<ServiceRequest | undefined> {
    const item = await this.getItem<Record<string, unknown>>(keys.request(id));
    return item ? fromItem(item) : undefined;
  }

  async events(id: string): Promise<RequestEvent[]> {
    const result = await dynamo().send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.request(id).pk, ':prefix': keys.eventPrefix },
      }),
    );
    return (result.Items ?? []).map((item) => fromItem<RequestEvent>(item));
  }

  async update({ request, expectedVersion, event }: RequestChange): Promise<boolean> {
    try {
      await dynamo().send(
        new TransactWriteCommand({ TransactItems: this.updateItems({ request, expectedVersion, event }) }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error, 0)) return false;
      throw error;
    }
  }

  /** The transaction items of a conditional request update, shared with writes that add more items. */
  updateItems({ request, expectedVersion, event }: RequestChange) {
    const put = {
      Put: {
        TableName: this.tableName,
        Item: requestItem(request),
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': expectedVersion },
      },
    };
    return event
      ? [put, { Put: { TableName: this.tableName, Item: eventItem(event, request.version) } }]
      : [put];
  }

  async listByVillage({ villageCode, status, limit, cursor }: VillageQuery) {
    const [index, partition] = status
      ? ['gsi1', keys.villageStatus(villageCode, status)]
      : ['gsi2', keys.villageAll(villageCode)];
    const result = await dynamo().send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: cursor ? decodeCursor(cursor, `${index}pk`, partition) : undefined,
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => fromItem<ServiceRequest>(item)),
      cursor: result.LastEvaluatedKey ? encodeCursor(result.LastEvaluatedKey) : undefined,
    };
  }

  private async getItem<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return result.Item ? fromItem<T>(result.Item) : undefined;
  }
}

function requestItem(request: ServiceRequest) {
  const sortKey = `${request.createdAt}#${request.id}`;
  const { awaiting } = request;
  return {
    ...keys.request(request.id),
    ...request,
    gsi1pk: keys.villageStatus(request.villageCode, request.status),
    gsi1sk: sortKey,
    gsi2pk: keys.villageAll(request.villageCode),
    gsi2sk: sortKey,
    gsi4pk: keys.applicant(request.applicant.subject),
    gsi4sk: sortKey,
    ...(awaiting
      ? { gsi3pk: keys.task(request.villageCode, awaiting.role), gsi3sk: `${awaiting.dueAt}#${request.id}` }
      : {}),
  };
}

function eventItem(event: RequestEvent, n: number) {
  return { ...keys.event(event.requestId, event.at, n), ...event };
}

const KEY_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
  'expiresAt',
];

/** Strips the table's key attributes so only the domain record leaves the adapter. */
export function fromItem<T>(item: Record<string, unknown>): T {
  const record = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete record[attribute];
  return record as T;
}

/** True when the transaction was cancelled because item `index` failed its condition. */
export function isConditionFailure(error: unknown, index: number): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  return error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
}

const encodeCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

/** A cursor only continues the listing it came from: another village's or status's cursor is refused. */
function decodeCursor(
  cursor: string,
  partitionAttribute: string,
  partition: string,
): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (key && typeof key === 'object' && key[partitionAttribute] === partition) return key;
  } catch {
    // fall through to the validation error below
  }
  throw new ValidationError(text('Parameter cursor tidak valid.', 'The cursor parameter is not valid.'), [
    { field: 'cursor', message: text('cursor tidak valid', 'cursor is not valid') },
  ]);
}
