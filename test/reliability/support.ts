import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DEMO_USERS, type DemoUser } from '../../config/demo-users.js';
import { keys } from '../../functions/adapters/keys.js';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks.js';
import { localClient } from '../../lib/local/dynamodb.js';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../lib/local/runtime.js';
import { S3RVER_CREDENTIALS } from '../../lib/local/s3.js';
import { TAMPO, validBusinessApplication } from '../support/fixtures.js';
import { ApiClient, assertTableGrantsHeld, TEST_LIMITS } from '../support/runtime.js';
import { attachAll, requiredRequirements } from '../support/uploads.js';

export type ReliabilityRuntime = LocalRuntime & { readonly dataDir: string; cleanup(): Promise<void> };

/**
 * Where throw-away data directories go: memory-backed /dev/shm where there is one. DynamoDB Local syncs
 * every write to disk; on this project's CI-sized VMs that alone caps it near 60–90 writes/s, a third of what
 * it does on tmpfs. Restarts keep working: the files outlive the processes, not the machine.
 */
export const SCRATCH = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

/** The local runtime on free ports, a throw-away data directory, short retry pauses, no periodic reconciler. */
export async function startRuntime(
  options: Partial<LocalRuntimeOptions> & { dataDir?: string } = {},
): Promise<ReliabilityRuntime> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(SCRATCH, 'desa-reliability-')));
  const runtime = await startLocalRuntime({
    port: 0,
    retryIntervalMs: 10,
    reconcileEveryMs: 0,
    limits: TEST_LIMITS,
    ...options,
    dataDir,
  });
  return {
    ...runtime,
    dataDir,
    cleanup: async () => {
      await runtime.stop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
      assertTableGrantsHeld(runtime);
    },
  };
}

/** The workflow's task handlers (not the API, not the reconciler): where fault rules aim. */
const TASK_ENTRIES = new Set<string>(Object.values(WORKFLOW_TASKS).map((task) => task.entry));
export const isWorkflowTask = (entry: string | undefined) => entry !== undefined && TASK_ENTRIES.has(entry);

/** A client signed in as a demo account, or as any account the local issuer can sign (e.g. a second operator). */
export async function clientFor(runtime: LocalRuntime, user: string | DemoUser): Promise<ApiClient> {
  return new ApiClient(runtime.url, await tokenFor(runtime, user));
}

/** A token from the local issuer for a demo account (by username) or any account. */
export function tokenFor(runtime: LocalRuntime, user: string | DemoUser): Promise<string> {
  const demo = typeof user === 'string' ? DEMO_USERS.find((candidate) => candidate.username === user) : user;
  if (!demo) throw new Error(`no demo user ${String(user)}`);
  return runtime.issuer.sign(demo);
}

/**
 * A complete submission body, its required persyaratan uploaded by `client` (who must then submit it:
 * uploads are kept per uploader). Defaults: a business certificate (SKU) in Tampo.
 */
export async function submission(
  client: ApiClient,
  {
    serviceCode = 'SKU',
    villageCode = TAMPO,
    data = validBusinessApplication as Record<string, unknown>,
  } = {},
) {
  const attachments = await attachAll(client, serviceCode, requiredRequirements(serviceCode), villageCode);
  return { serviceCode, villageCode, data, attachments };
}

/** Runs `work` over `items` with at most `limit` in flight; results in the order of `items`. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Direct clients of the runtime's stand-ins (not through any fault proxy), for the tests' own checks. */
export function standIns(runtime: LocalRuntime) {
  const dynamoEndpoint = runtime.proxies?.dynamodb.target ?? runtime.env.AWS_ENDPOINT_URL_DYNAMODB ?? '';
  const s3Endpoint = runtime.proxies?.s3.target ?? runtime.env.AWS_ENDPOINT_URL_S3 ?? '';
  const dynamo = DynamoDBDocumentClient.from(localClient(dynamoEndpoint));
  const s3 = new S3Client({
    endpoint: s3Endpoint,
    region: 'ap-southeast-3',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });
  const table = runtime.env.TABLE_NAME ?? '';
  return {
    dynamo,
    s3,
    /**
     * Every request record of a village (the village listing index, not a Scan; it holds keys), each as its
     * two items (META and META#DATA) merged.
     */
    async requestsOf(villageCode: string): Promise<Record<string, unknown>[]> {
      const entries: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(
          new QueryCommand({
            TableName: table,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.villageAll(villageCode) },
            ExclusiveStartKey: start,
          }),
        );
        entries.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return Promise.all(
        entries.map(async ({ pk }) => {
          const { Items = [] } = await dynamo.send(
            new QueryCommand({
              TableName: table,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
              ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.requestPrefix },
              ConsistentRead: true,
            }),
          );
          return Object.assign({}, ...Items);
        }),
      );
    },
    /** The SHA-256 of a stored object, or undefined when there is no such object. */
    async objectSha256(key: string): Promise<string | undefined> {
      try {
        const object = await s3.send(
          new GetObjectCommand({ Bucket: runtime.env.DOCUMENTS_BUCKET, Key: key }),
        );
        const bytes = await object.Body?.transformToByteArray();
        return bytes ? createHash('sha256').update(bytes).digest('hex') : undefined;
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    destroy() {
      dynamo.destroy();
      s3.destroy();
    },
  };
}

/**
 * Sends `count` copies of one JSON POST all at once: every request is in flight together, over at most
 * `sockets` connections (the local gateway, one Node process, would otherwise overflow its accept queue
 * with a thousand simultaneous connection attempts: a limit of this machine, not of API Gateway).
 */
export async function postAll<T>(
  url: string,
  token: string,
  body: unknown,
  headers: Record<string, string>,
  count: number,
  sockets = 100,
): Promise<{ status: number; body: T }[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const text = JSON.stringify(body);
  const send = () =>
    new Promise<{ status: number; body: T }>((resolve, reject) => {
      const request = httpRequest(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
            authorization: `Bearer ${token}`,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
            }),
          );
        },
      );
      request.on('error', reject);
      request.end(text);
    });
  try {
    return await Promise.all(Array.from({ length: count }, send));
  } finally {
    agent.destroy();
  }
}

/** Deep equality on JSON with sorted keys: "identical" answers whatever the order DynamoDB kept map keys in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
