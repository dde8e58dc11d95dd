import {
  type AttributeValue,
  type IndexSchema,
  type Item,
  itemSize,
  readCost,
  type TableSchema,
  type WriteCost,
  writeCost,
} from './aws-capacity.js';

/**
 * Meters DynamoDB requests on their way through the fault proxy with AWS's rules (aws-capacity.ts), from
 * the requests' own items. A write's cost depends on the item before and after it, which the handlers do
 * not ask for (and must not be made to: ReturnValues would change what they send). Instead the meter reads
 * the item straight from DynamoDB Local (not through the proxy, so nothing is counted twice) before the
 * write is forwarded and, for updates, again after it, before the caller gets its answer: the caller's next
 * write cannot slip in between. A concurrent writer to the same item between the first read and the write
 * could still make the before-image stale; the benchmarks drive one document at a time, where that does not
 * happen. Reads are sized the same way: a GetItem by reading the whole item again (a projection does not
 * make a read cheaper), a Query or Scan by running it again without its filter and projection (AWS bills
 * the items evaluated, before the filter).
 */
export interface MeteredUnits {
  readonly read: number;
  /** Table and index write units together. */
  readonly write: number;
  readonly indexWrites: Readonly<Record<string, number>>;
  /** Writes whose condition failed or whose transaction was cancelled (charged, nothing written). */
  readonly failedWrites: number;
}

type Json = Record<string, unknown>;
type Answer = { readonly status: number; readonly body: Json };

const SYNTHETIC_AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=local/20260101/ap-southeast-3/dynamodb/aws4_request, SignedHeaders=host, Signature=0';

export class AwsCapacityMeter {
  private readonly schemas = new Map<string, Promise<TableSchema>>();

  constructor(private readonly target: string) {}

  /**
   * Reads what must be read before `operation` is forwarded; the returned function, called with the
   * stand-in's answer (before it is passed on), gives the units. Undefined for operations that cost nothing.
   */
  async prepare(
    operation: string,
    input: Json,
    authorization: string | undefined,
  ): Promise<((answer: Answer) => Promise<MeteredUnits>) | undefined> {
    const auth = authorization ?? SYNTHETIC_AUTHORIZATION;
    const get = (table: string, key: Item) => this.get(table, key, auth);
    switch (operation) {
      case 'GetItem':
        return async ({ status }) => {
          if (!ok(status)) return none;
          const item = await get(String(input.TableName), input.Key as Item);
          return reads(readCost(itemSize(item), input.ConsistentRead ? 'strong' : 'eventual'));
        };
      case 'Query':
      case 'Scan':
        return async ({ status }) => {
          if (!ok(status)) return none;
          const bytes = await this.evaluatedBytes(operation, input, auth);
          return reads(readCost(bytes, input.ConsistentRead ? 'strong' : 'eventual'));
        };
      case 'BatchGetItem':
        return async ({ status }) => {
          if (!ok(status)) return none;
          let units = 0;
          for (const [table, request] of Object.entries(input.RequestItems as Record<string, Json>)) {
            for (const key of request.Keys as Item[]) {
              units += readCost(
                itemSize(await get(table, key)),
                request.ConsistentRead ? 'strong' : 'eventual',
              );
            }
          }
          return reads(units);
        };
      case 'TransactGetItems':
        return async ({ status }) => {
          if (!ok(status)) return none;
          let units = 0;
          for (const { Get } of input.TransactItems as { Get: Json }[]) {
            units += readCost(itemSize(await get(String(Get.TableName), Get.Key as Item)), 'transactional');
          }
          return reads(units);
        };
      case 'PutItem':
      case 'UpdateItem':
      case 'DeleteItem': {
        const table = String(input.TableName);
        const schema = await this.schema(table, auth);
        const key = operation === 'PutItem' ? keyOf(schema, input.Item as Item) : (input.Key as Item);
        const before = await get(table, key);
        return async ({ status, body }) => {
          const failed = conditionFailed(status, body);
          if (!ok(status) && !failed) return none;
          const after = failed
            ? before
            : operation === 'PutItem'
              ? (input.Item as Item)
              : operation === 'UpdateItem'
                ? await get(table, key)
                : undefined;
          return writes([writeCost(schema, before, after, { transactional: false, failed })], failed ? 1 : 0);
        };
      }
      case 'TransactWriteItems': {
        const actions = await Promise.all(
          (input.TransactItems as Record<string, Json>[]).map(async (entry) => {
            const [kind, action] = Object.entries(entry)[0] as [string, Json];
            const table = String(action.TableName);
            const schema = await this.schema(table, auth);
            const key = kind === 'Put' ? keyOf(schema, action.Item as Item) : (action.Key as Item);
            return { kind, action, table, schema, key, before: await get(table, key) };
          }),
        );
        return async ({ status, body }) => {
          const cancelled =
            status === 400 && String(body.__type ?? '').endsWith('TransactionCanceledException');
          if (!ok(status) && !cancelled) return none;
          const costs: WriteCost[] = [];
          for (const { kind, action, table, schema, key, before } of actions) {
            if (cancelled || kind === 'ConditionCheck') {
              costs.push(writeCost(schema, before, before, { transactional: true, failed: true }));
              continue;
            }
            const after =
              kind === 'Put' ? (action.Item as Item) : kind === 'Update' ? await get(table, key) : undefined;
            costs.push(writeCost(schema, before, after, { transactional: true }));
          }
          return writes(costs, cancelled ? actions.length : 0);
        };
      }
      case 'BatchWriteItem': {
        const requests: {
          table: string;
          schema: TableSchema;
          after: Item | undefined;
          before: Item | undefined;
        }[] = [];
        for (const [table, entries] of Object.entries(input.RequestItems as Record<string, Json[]>)) {
          const schema = await this.schema(table, auth);
          for (const entry of entries) {
            const put = (entry.PutRequest as { Item: Item } | undefined)?.Item;
            const key = put ? keyOf(schema, put) : (entry.DeleteRequest as { Key: Item }).Key;
            requests.push({ table, schema, after: put, before: await get(table, key) });
          }
        }
        return async ({ status }) =>
          ok(status)
            ? writes(
                requests.map(({ schema, before, after }) =>
                  writeCost(schema, before, after, { transactional: false }),
                ),
                0,
              )
            : none;
      }
      default:
        return undefined;
    }
  }

  /** The key schema and indexes of a table, from DynamoDB Local itself (made from the synthesized stack). */
  private schema(table: string, auth: string): Promise<TableSchema> {
    let schema = this.schemas.get(table);
    if (!schema) {
      schema = this.call('DescribeTable', { TableName: table }, auth).then(({ body }) => {
        const description = body.Table as {
          KeySchema: { AttributeName: string; KeyType: string }[];
          GlobalSecondaryIndexes?: {
            IndexName: string;
            KeySchema: { AttributeName: string; KeyType: string }[];
            Projection?: { ProjectionType?: IndexSchema['projection']; NonKeyAttributes?: string[] };
          }[];
        };
        const ordered = (keys: { AttributeName: string; KeyType: string }[]) =>
          [...keys]
            .sort((a, b) => Number(b.KeyType === 'HASH') - Number(a.KeyType === 'HASH'))
            .map((key) => key.AttributeName);
        return {
          keys: ordered(description.KeySchema),
          indexes: (description.GlobalSecondaryIndexes ?? []).map((index) => ({
            name: index.IndexName,
            keys: ordered(index.KeySchema),
            projection: index.Projection?.ProjectionType ?? 'ALL',
            ...(index.Projection?.NonKeyAttributes ? { include: index.Projection.NonKeyAttributes } : {}),
          })),
        };
      });
      schema.catch(() => this.schemas.delete(table));
      this.schemas.set(table, schema);
    }
    return schema;
  }

  private async get(table: string, key: Item, auth: string): Promise<Item | undefined> {
    const { body } = await this.call('GetItem', { TableName: table, Key: key, ConsistentRead: true }, auth);
    return body.Item as Item | undefined;
  }

  /** The bytes a Query or Scan evaluated: the same page again, without filter, projection or Select. */
  private async evaluatedBytes(operation: string, input: Json, auth: string): Promise<number> {
    const {
      FilterExpression,
      ProjectionExpression,
      Select,
      AttributesToGet,
      QueryFilter,
      ScanFilter,
      ...rest
    } = input;
    // Only the placeholders the key condition uses: DynamoDB refuses unused ones.
    const kept = new Set(String(rest.KeyConditionExpression ?? '').match(/[#:][A-Za-z0-9_]+/g) ?? []);
    const used = (names: unknown) =>
      names && typeof names === 'object'
        ? Object.fromEntries(Object.entries(names).filter(([placeholder]) => kept.has(placeholder)))
        : undefined;
    const names = used(rest.ExpressionAttributeNames);
    const values = used(rest.ExpressionAttributeValues);
    const {
      ExpressionAttributeNames: _names,
      ExpressionAttributeValues: _values,
      ReturnConsumedCapacity,
      ...base
    } = rest;
    const { body } = await this.call(
      operation,
      {
        ...base,
        ...(names && Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ...(values && Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
      },
      auth,
    );
    return ((body.Items as Item[] | undefined) ?? []).reduce((sum, item) => sum + itemSize(item), 0);
  }

  private async call(operation: string, input: Json, authorization: string): Promise<Answer> {
    const response = await fetch(this.target, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation}`,
        authorization,
      },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as Json;
    if (!response.ok)
      throw new Error(`capacity meter: ${operation} answered ${response.status} ${String(body.__type)}`);
    return { status: response.status, body };
  }
}

const ok = (status: number) => status >= 200 && status < 300;
const conditionFailed = (status: number, body: Json) =>
  status === 400 && String(body.__type ?? '').endsWith('ConditionalCheckFailedException');
const none: MeteredUnits = { read: 0, write: 0, indexWrites: {}, failedWrites: 0 };
const reads = (read: number): MeteredUnits => ({ ...none, read });

function writes(costs: readonly WriteCost[], failedWrites: number): MeteredUnits {
  const indexWrites: Record<string, number> = {};
  let write = 0;
  for (const cost of costs) {
    write += cost.table;
    for (const [index, units] of Object.entries(cost.indexes)) {
      indexWrites[index] = (indexWrites[index] ?? 0) + units;
      write += units;
    }
  }
  return { read: 0, write, indexWrites, failedWrites };
}

function keyOf(schema: TableSchema, item: Item): Item {
  return Object.fromEntries(schema.keys.map((name) => [name, item[name] as AttributeValue]));
}
