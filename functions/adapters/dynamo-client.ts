import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  type UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { cachedClient } from './clients.js';

export const dynamo = cachedClient('AWS_ENDPOINT_URL_DYNAMODB', () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
);

/** Sends a conditional write: true when it was written, false when its condition did not hold. */
export async function writtenIf(command: PutCommand | UpdateCommand | DeleteCommand): Promise<boolean> {
  try {
    if (command instanceof PutCommand) await dynamo().send(command);
    else if (command instanceof DeleteCommand) await dynamo().send(command);
    else await dynamo().send(command);
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Every item a query matches, following its pages; for partitions known to stay small (one request, one person). */
export async function queryAll(
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** A query of one partition's items whose sort key starts with `prefix`. */
export const partitionPrefix = (tableName: string, pk: string, prefix: string) => ({
  TableName: tableName,
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
  ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
});

/** True when the transaction was cancelled because item `index` failed its condition. */
export function isConditionFailure(error: unknown, index: number): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  return error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
}

/** True when the transaction was cancelled because another transaction on one of its items was in flight. */
export function isTransactionConflict(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const reasons = error.CancellationReasons ?? [];
  return (
    reasons.some((reason) => reason.Code === 'TransactionConflict') &&
    reasons.every((reason) => reason.Code === 'TransactionConflict' || reason.Code === 'None')
  );
}
