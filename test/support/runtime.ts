import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../config/demo-users.js';
import { localClient } from '../../lib/local/dynamodb.js';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../lib/local/runtime.js';

/**
 * Tests play a handful of demo accounts and one sample phone for hundreds of requests: the deployment's abuse
 * limits (20 submissions per account and 10 messages per destination a day) are raised for them. The limits
 * themselves are tested with the defaults (test/integration/notifications/contact-flooding.test.ts).
 */
export const TEST_LIMITS = { submissionsPerAccountPerDay: 100_000, messagesPerDestinationPerDay: 100_000 };

/** Starts the whole local runtime on free ports with a throw-away data directory. */
export async function startTestRuntime(
  dataDir?: string,
  options: Pick<LocalRuntimeOptions, 'deadlineScale' | 'limits' | 'siteRenderEveryMs' | 'bsreRegencies'> = {},
): Promise<LocalRuntime & { dataDir: string; cleanup: () => Promise<void> }> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'desa-digital-')));
  const runtime = await startLocalRuntime({
    dataDir: dir,
    port: 0,
    retryIntervalMs: 10,
    limits: TEST_LIMITS,
    ...options,
  });
  return {
    ...runtime,
    dataDir: dir,
    cleanup: async () => {
      await runtime.stop();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
      assertTableGrantsHeld(runtime);
    },
  };
}

/**
 * Fails the test file when a function touched the table outside its declared grants during the run: the
 * refusal may have been swallowed (a best-effort write) or turned into an answer the test accepted, but
 * in AWS it would be the same AccessDeniedException.
 */
export function assertTableGrantsHeld(runtime: LocalRuntime): void {
  const denied = runtime.deniedTableAccess();
  if (denied.length > 0) {
    throw new Error(`table requests outside the functions' grants:\n${[...new Set(denied)].join('\n')}`);
  }
}

export interface ApiResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
  /** The answer's bytes when it is a file (CSV, PDF) rather than JSON. */
  readonly bytes?: Uint8Array;
}

const FILE_TYPES = /^(text\/csv|application\/pdf|image\/[a-z]+)\b/i;

/** A small HTTP client for the local API, signed in as a demo account (or anonymous). */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  static async signIn(runtime: LocalRuntime, username: string): Promise<ApiClient> {
    const response = await fetch(`${runtime.url}/local/token`, {
      method: 'POST',
      body: new URLSearchParams({ username, password: DEMO_PASSWORD }),
    });
    if (!response.ok) throw new Error(`sign-in failed for ${username}: ${response.status}`);
    return new ApiClient(runtime.url, await response.text());
  }

  get<T = Record<string, unknown>>(path: string): Promise<ApiResponse<T>> {
    return this.send<T>('GET', path);
  }

  post<T = Record<string, unknown>>(path: string, body: unknown, headers: Record<string, string> = {}) {
    return this.send<T>('POST', path, typeof body === 'string' ? body : JSON.stringify(body), headers);
  }

  async send<T>(
    method: string,
    path: string,
    body?: string | Uint8Array,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body } : {}),
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A file (a CSV download, a PDF) is kept as bytes; every other answer is JSON.
    if (FILE_TYPES.test(response.headers.get('content-type') ?? '')) {
      return { status: response.status, body: {} as T, headers: response.headers, bytes };
    }
    const text = new TextDecoder().decode(bytes);
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T, headers: response.headers };
  }
}

/** Signs in several demo accounts at once, in order. */
export async function signInAll<const N extends readonly string[]>(
  runtime: LocalRuntime,
  usernames: N,
): Promise<{ [K in keyof N]: ApiClient }> {
  return (await Promise.all(usernames.map((name) => ApiClient.signIn(runtime, name)))) as {
    [K in keyof N]: ApiClient;
  };
}

/** Polls until `check` returns a value (or the time is up): the workflow runs asynchronously. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Every item in the local table: lets tests prove that refused input wrote nothing. */
export async function tableItems(runtime: LocalRuntime): Promise<Record<string, unknown>[]> {
  const client = localClient(runtime.env.AWS_ENDPOINT_URL_DYNAMODB ?? '');
  const items: Record<string, unknown>[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: runtime.env.TABLE_NAME, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  client.destroy();
  return items;
}

/**
 * The table once the workflow has stopped writing (two reads 300 ms apart agree): a task's trailing writes
 * (a stage's reminders and digest, just after the stage opens) are done.
 */
export async function settledTable(runtime: LocalRuntime): Promise<Record<string, unknown>[]> {
  let previous = await tableItems(runtime);
  return eventually('the workflow to stop writing', async () => {
    await sleep(300);
    const current = await tableItems(runtime);
    const settled = JSON.stringify(current) === JSON.stringify(previous);
    previous = current;
    return settled ? current : undefined;
  });
}

/** Runs `act` and asserts the table holds exactly what it held once settled before (see settledTable). */
export async function expectNothingWritten(
  runtime: LocalRuntime,
  act: () => Promise<unknown>,
): Promise<void> {
  const before = await settledTable(runtime);
  await act();
  expect(await tableItems(runtime)).toEqual(before);
}

/**
 * Signs in an agency's system with the client-credentials grant (POST /local/oauth2/token, as Cognito's
 * /oauth2/token) and returns a client that calls the API with its access token.
 */
export async function signInMachine(
  runtime: LocalRuntime,
  clientId: string,
  clientSecret: string,
  scope?: string,
): Promise<ApiClient> {
  const response = await fetch(`${runtime.url}/local/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      ...(scope ? { scope } : {}),
    }),
  });
  if (!response.ok) throw new Error(`client credentials refused for ${clientId}: ${response.status}`);
  const { access_token: token } = (await response.json()) as { access_token: string };
  return new ApiClient(runtime.url, token);
}
