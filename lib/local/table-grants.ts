/**
 * IAM for the table, played locally: what a function's declared needs (route-types.ts ResourceNeed) let it do
 * to the single table, judged per request the way AWS judges the statements ServiceFunction.bind makes of
 * them. The local runtime puts this in front of DynamoDB Local, so a function that reads or writes outside
 * its grants fails in every local test as it would in AWS (AccessDeniedException), instead of on the first
 * deployment.
 */
import type { ResourceNeed, TableNeed } from '../../functions/api/route-types.js';

/** One item-level (or index-level) action a DynamoDB request asks for, as IAM authorizes it. */
export interface TableAccess {
  /** The IAM action without its `dynamodb:` prefix (a transaction's items count as their own actions). */
  readonly action: string;
  /** The partition key value the item or query names; absent for a Scan or an index query. */
  readonly partition?: string;
  readonly index?: string;
}

const PARTITION_KEY = 'pk';

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const stringOf = (value: unknown): string | undefined => {
  const text = object(value).S;
  return typeof text === 'string' ? text : undefined;
};
const keyed = (action: string, item: unknown): TableAccess => {
  const partition = stringOf(object(item)[PARTITION_KEY]);
  return partition === undefined ? { action } : { action, partition };
};

/** The partition a base-table query names: the value compared with `pk` in its key condition. */
function queriedPartition(input: Json): string | undefined {
  const names = object(input.ExpressionAttributeNames) as Record<string, string>;
  const values = object(input.ExpressionAttributeValues);
  const condition = String(input.KeyConditionExpression ?? '');
  for (const [, name, value] of condition.matchAll(/(#?[\w]+)\s*=\s*(:[\w]+)/g)) {
    if ((names[name as string] ?? name) === PARTITION_KEY) return stringOf(values[value as string]);
  }
  return undefined;
}

/** What IAM checks for one DynamoDB request (JSON protocol body), item by item. */
export function tableAccesses(operation: string, input: Json): TableAccess[] {
  switch (operation) {
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem':
      return [keyed(operation, input.Key)];
    case 'PutItem':
      return [keyed(operation, input.Item)];
    case 'Query':
    case 'Scan': {
      if (typeof input.IndexName === 'string') return [{ action: operation, index: input.IndexName }];
      const partition = operation === 'Query' ? queriedPartition(input) : undefined;
      return [partition === undefined ? { action: operation } : { action: operation, partition }];
    }
    case 'BatchGetItem':
      return Object.values(object(input.RequestItems)).flatMap((table) =>
        [object(table).Keys ?? []].flat().map((key) => keyed(operation, key)),
      );
    case 'BatchWriteItem':
      return Object.values(object(input.RequestItems)).flatMap((requests) =>
        [requests ?? []]
          .flat()
          .map((request) =>
            keyed(
              operation,
              object(object(request).PutRequest).Item ?? object(object(request).DeleteRequest).Key,
            ),
          ),
      );
    case 'TransactWriteItems':
    case 'TransactGetItems': {
      const kinds: Record<string, [action: string, key: 'Key' | 'Item']> = {
        Put: ['PutItem', 'Item'],
        Update: ['UpdateItem', 'Key'],
        Delete: ['DeleteItem', 'Key'],
        ConditionCheck: ['ConditionCheckItem', 'Key'],
        Get: ['GetItem', 'Key'],
      };
      return [input.TransactItems ?? []].flat().flatMap((entry) =>
        Object.entries(object(entry)).flatMap(([kind, operand]) => {
          const known = kinds[kind];
          return known ? [keyed(known[0], object(operand)[known[1]])] : [];
        }),
      );
    }
    default:
      return [{ action: operation }];
  }
}

const grantsByNeed = (need: TableNeed, access: TableAccess): boolean => {
  if (!(need.table as readonly string[]).includes(access.action)) return false;
  if ('indexes' in need)
    return access.index !== undefined && (need.indexes as readonly string[]).includes(access.index);
  // ForAllValues:StringLike on LeadingKeys: the request must name a partition, under one of the prefixes.
  return (
    access.index === undefined &&
    access.partition !== undefined &&
    need.partitions.some((prefix) => access.partition?.startsWith(prefix))
  );
};

/** Whether a function with these needs may make this access. */
export function grantsTableAccess(needs: readonly ResourceNeed[], access: TableAccess): boolean {
  return needs.some((need) => typeof need === 'object' && grantsByNeed(need, access));
}

/** The accesses of one request that its caller's needs do not grant (empty: allowed). */
export function deniedTableAccesses(
  needs: readonly ResourceNeed[],
  operation: string,
  input: Json,
): TableAccess[] {
  return tableAccesses(operation, input).filter((access) => !grantsTableAccess(needs, access));
}

/** An access as a short line: `PutItem REQ#…`, `Query index gsi2`, `Scan`. */
export const describeAccess = (access: TableAccess): string =>
  [
    access.action,
    access.index ? `index ${access.index}` : undefined,
    access.partition ? `${access.partition.replace(/#.*/, '#')}…` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
