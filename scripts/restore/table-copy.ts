import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import {
  type AttributeDefinition,
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  type KeySchemaElement,
  type Projection,
  RestoreTableToPointInTimeCommand,
  ScanCommand,
  type WriteRequest,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { TABLE_PARTITIONS } from '../../functions/api/route-types.js';

/**
 * Restoring the single table into a new one, and checking the copy (issue 15, item 4; docs/runbook.md
 * "Restoring data"). In AWS: point-in-time recovery (RestoreTableToPointInTime). DynamoDB Local keeps no
 * history, so locally the same restore is an export (a Scan, page by page, into a JSON Lines file) and an
 * import (a new table with the source's keys and indexes, BatchWriteItem). Both end with the same
 * comparison: item counts per partition prefix, and a sample of records equal item by item.
 * A restore only ever creates a table: the source is read, never written, and an existing target is refused.
 */
type Item = Record<string, AttributeValue>;

/** What a new table needs to hold the same items and serve the same queries (from DescribeTable). */
export interface TableSchema {
  readonly keySchema: KeySchemaElement[];
  readonly attributeDefinitions: AttributeDefinition[];
  readonly indexes: { indexName: string; keySchema: KeySchemaElement[]; projection: Projection }[];
}

/** The first line of an export file. */
export interface ExportHeader {
  readonly table: string;
  /** When the scan started: the export holds every item written before, and may hold later writes. */
  readonly takenAt: string;
  readonly schema: TableSchema;
}

export async function describeSchema(client: DynamoDBClient, tableName: string): Promise<TableSchema> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  if (!Table?.KeySchema || !Table.AttributeDefinitions) throw new Error(`${tableName}: no key schema`);
  return {
    keySchema: Table.KeySchema,
    attributeDefinitions: Table.AttributeDefinitions,
    indexes: (Table.GlobalSecondaryIndexes ?? []).map((index) => ({
      indexName: String(index.IndexName),
      keySchema: index.KeySchema ?? [],
      projection: index.Projection ?? { ProjectionType: 'ALL' },
    })),
  };
}

/** Every item of a table (or only the attributes named), page by page. */
async function* scan(client: DynamoDBClient, tableName: string, attributes?: readonly string[]) {
  let start: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ExclusiveStartKey: start,
        ...(attributes
          ? {
              ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
              ExpressionAttributeNames: Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name])),
            }
          : {}),
      }),
    );
    yield* page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

// JSON has no bytes: binary attributes (B, BS) are written as base64 and read back as bytes.
const toJson = (_key: string, value: unknown) =>
  value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
const fromJson = (key: string, value: unknown) => {
  if (key === 'B' && typeof value === 'string') return Buffer.from(value, 'base64');
  if (key === 'BS' && Array.isArray(value)) return value.map((text) => Buffer.from(String(text), 'base64'));
  return value;
};

/** Writes the table to a JSON Lines file: a header (table, time, schema), then one item per line. */
export async function exportTable(
  client: DynamoDBClient,
  tableName: string,
  file: string,
): Promise<ExportHeader & { readonly items: number }> {
  const header: ExportHeader = {
    table: tableName,
    takenAt: new Date().toISOString(),
    schema: await describeSchema(client, tableName),
  };
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  let items = 0;
  try {
    await write(JSON.stringify(header));
    for await (const item of scan(client, tableName)) {
      await write(JSON.stringify(item, toJson));
      items++;
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { ...header, items };
}

const BATCH_SIZE = 25; // BatchWriteItem's limit
const BATCH_ATTEMPTS = 8;

/** Writes items, retrying the ones DynamoDB leaves unprocessed (throttling) with a growing pause. */
async function batchWrite(client: DynamoDBClient, tableName: string, items: Item[]): Promise<void> {
  let pending: WriteRequest[] = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt === BATCH_ATTEMPTS)
      throw new Error(`${pending.length} items still unprocessed after retries`);
    if (attempt > 0) await sleep(Math.min(50 * 2 ** attempt, 5_000));
    const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
    pending = result.UnprocessedItems?.[tableName] ?? [];
  }
}

/** Creates a table (on demand) and waits until it is ACTIVE; fails if it exists already. */
async function createTable(client: DynamoDBClient, tableName: string, schema: TableSchema) {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: schema.keySchema,
      AttributeDefinitions: schema.attributeDefinitions,
      ...(schema.indexes.length > 0
        ? {
            GlobalSecondaryIndexes: schema.indexes.map((index) => ({
              IndexName: index.indexName,
              KeySchema: index.keySchema,
              Projection: index.projection,
            })),
          }
        : {}),
    }),
  );
  await waitUntilTableExists(
    { client, maxWaitTime: 600, minDelay: 1, maxDelay: 10 },
    { TableName: tableName },
  );
}

/** Creates `tableName` from an export file and writes its items back; the number of items written. */
export async function importTable(client: DynamoDBClient, file: string, tableName: string): Promise<number> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let header: ExportHeader | undefined;
  let batch: Item[] = [];
  let written = 0;
  for await (const line of lines) {
    if (!line) continue;
    if (!header) {
      header = JSON.parse(line) as ExportHeader;
      await createTable(client, tableName, header.schema);
      continue;
    }
    batch.push(JSON.parse(line, fromJson) as Item);
    if (batch.length === BATCH_SIZE) {
      await batchWrite(client, tableName, batch);
      written += batch.length;
      batch = [];
    }
  }
  if (!header) throw new Error(`${file} is not an export: it has no header`);
  if (batch.length > 0) await batchWrite(client, tableName, batch);
  return written + batch.length;
}

/** The listed partition prefix (route-types.ts) a partition key value starts with; the longest wins. */
export function partitionOf(partitionKey: string): string {
  let found = '';
  for (const prefix of TABLE_PARTITIONS) {
    if (partitionKey.startsWith(prefix) && prefix.length > found.length) found = prefix;
  }
  return found || 'other';
}

export interface Comparison {
  /** Items per partition prefix in each table, every prefix either holds. */
  readonly counts: readonly { readonly prefix: string; readonly source: number; readonly restored: number }[];
  readonly sampled: number;
  /** Sampled records missing from the restored table or different there, by key. */
  readonly mismatches: readonly { readonly key: string; readonly problem: 'missing' | 'different' }[];
  /** Equal counts everywhere and every sampled record equal. */
  readonly equal: boolean;
}

/** Items per partition prefix, and (from the source) a uniform random sample of keys. */
async function census(client: DynamoDBClient, tableName: string, keyNames: string[], sampleSize: number) {
  const counts = new Map<string, number>();
  const sample: Item[] = [];
  let seen = 0;
  for await (const key of scan(client, tableName, keyNames)) {
    const prefix = partitionOf(String(key[keyNames[0] as string]?.S ?? ''));
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
    // Reservoir sampling: each item ends in the sample with the same chance, in one pass.
    seen++;
    if (sample.length < sampleSize) sample.push(key);
    else {
      const slot = Math.floor(Math.random() * seen);
      if (slot < sampleSize) sample[slot] = key;
    }
  }
  return { counts, sample };
}

/** Items per partition prefix (a keys-only Scan). */
export async function partitionCounts(
  client: DynamoDBClient,
  tableName: string,
): Promise<Map<string, number>> {
  const keyNames = (await describeSchema(client, tableName)).keySchema.map((key) =>
    String(key.AttributeName),
  );
  return (await census(client, tableName, keyNames, 0)).counts;
}

/**
 * Compares a restored table with its source: item counts per partition prefix (a full Scan of each, keys
 * only) and `sampleSize` records chosen at random from the source, read from both with strongly consistent
 * reads and compared attribute by attribute.
 */
export async function compareTables(
  client: DynamoDBClient,
  source: string,
  restored: string,
  sampleSize = 50,
): Promise<Comparison> {
  const keyNames = (await describeSchema(client, source)).keySchema.map((key) => String(key.AttributeName));
  const [before, after] = await Promise.all([
    census(client, source, keyNames, sampleSize),
    census(client, restored, keyNames, 0),
  ]);
  const prefixes = [...new Set([...before.counts.keys(), ...after.counts.keys()])].sort();
  const counts = prefixes.map((prefix) => ({
    prefix,
    source: before.counts.get(prefix) ?? 0,
    restored: after.counts.get(prefix) ?? 0,
  }));
  const mismatches: { key: string; problem: 'missing' | 'different' }[] = [];
  for (const key of before.sample) {
    const read = (TableName: string) =>
      client.send(new GetItemCommand({ TableName, Key: key, ConsistentRead: true })).then((r) => r.Item);
    const [original, copy] = await Promise.all([read(source), read(restored)]);
    const name = keyNames.map((attribute) => key[attribute]?.S ?? JSON.stringify(key[attribute])).join(' ');
    if (!copy) mismatches.push({ key: name, problem: 'missing' });
    // Sets come back in any order: compared as sets.
    else if (!isDeepStrictEqual(normalized(original), normalized(copy)))
      mismatches.push({ key: name, problem: 'different' });
  }
  return {
    counts,
    sampled: before.sample.length,
    mismatches,
    equal: mismatches.length === 0 && counts.every((count) => count.source === count.restored),
  };
}

/** An item with its sets (SS, NS, BS) as JS Sets, so that their order does not count. */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalized);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        (key === 'SS' || key === 'NS' || key === 'BS') && Array.isArray(inner)
          ? new Set(inner.map(normalized))
          : normalized(inner),
      ]),
    );
  }
  return value;
}

/**
 * The local restore (no PITR in DynamoDB Local): export `source` to `file`, import it into `target`, compare.
 */
export async function restoreByExport(
  client: DynamoDBClient,
  options: { source: string; target: string; file: string; sampleSize?: number },
) {
  // Refused before the export, which takes the longest (import refuses it too, in CreateTable).
  const exists = await client.send(new DescribeTableCommand({ TableName: options.target })).then(
    () => true,
    (error: Error) => (error.name === 'ResourceNotFoundException' ? false : Promise.reject(error)),
  );
  if (exists) throw new Error(`${options.target} exists: a restore only ever creates a new table`);
  const exported = await exportTable(client, options.source, options.file);
  const imported = await importTable(client, options.file, options.target);
  const comparison = await compareTables(client, options.source, options.target, options.sampleSize);
  return { exported, imported, comparison };
}

/**
 * The restore in AWS: point-in-time recovery of `source` as it was at `to` into the new table `target`,
 * encrypted as the source is (the AWS managed key) and billed on demand; waits until it is ACTIVE (hours for
 * a large table), then compares. Writes after `to` show as differences.
 */
export async function restoreToPointInTime(
  client: DynamoDBClient,
  options: { source: string; target: string; to: Date; sampleSize?: number; maxWaitSeconds?: number },
) {
  await client.send(
    new RestoreTableToPointInTimeCommand({
      SourceTableName: options.source,
      TargetTableName: options.target,
      RestoreDateTime: options.to,
      BillingModeOverride: 'PAY_PER_REQUEST',
      SSESpecificationOverride: { Enabled: true, SSEType: 'KMS' },
    }),
  );
  await waitUntilTableExists(
    { client, maxWaitTime: options.maxWaitSeconds ?? 6 * 3600, minDelay: 20, maxDelay: 120 },
    { TableName: options.target },
  );
  return { comparison: await compareTables(client, options.source, options.target, options.sampleSize) };
}

/** The comparison as lines a person reads. */
export function describeComparison(comparison: Comparison): string {
  const width = Math.max(...comparison.counts.map((count) => count.prefix.length), 'prefix'.length);
  const rows = comparison.counts.map(
    (count) =>
      `  ${count.prefix.padEnd(width)}  ${String(count.source).padStart(9)}  ${String(count.restored).padStart(9)}${count.source === count.restored ? '' : '  ≠'}`,
  );
  const problems = comparison.mismatches.map((mismatch) => `  ${mismatch.problem}: ${mismatch.key}`);
  return [
    `  ${'prefix'.padEnd(width)}  ${'source'.padStart(9)}  ${'restored'.padStart(9)}`,
    ...rows,
    `${comparison.sampled} sampled records: ${comparison.sampled - comparison.mismatches.length} equal`,
    ...problems,
  ].join('\n');
}
