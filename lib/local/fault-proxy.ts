/**
 * A small HTTP proxy in front of a local AWS stand-in (DynamoDB Local, s3rver, the local Step Functions)
 * that can answer a fraction of requests with the service's real throttling or failure responses, and that
 * counts what passes through it (and, for DynamoDB, the capacity units each call consumed).
 *
 * Faults are answered before anything is forwarded, so an injected failure never did the work: the SDK's
 * own retries and then the state machine's TransientError retries see exactly what AWS would send.
 *
 * Who is calling: the local runtime plays every Lambda function in one process, so the proxy cannot tell
 * them apart by connection. `runAsCaller(entry, fn)` marks an invocation (AsyncLocalStorage), and once a
 * proxy has started, every HTTP request created inside a marked invocation carries the handler module in
 * CALLER_HEADER (set through the `http.client.request.created` diagnostics channel, before the request is
 * sent; the header is not signed, and the stand-ins ignore it). Rules can then target, e.g., only the
 * workflow's task handlers. A request sent with `Expect: 100-continue` (S3 bodies ≥ 2 MiB) cannot be marked
 * and counts as an unknown caller.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import {
  Agent,
  type ClientRequest,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsCapacityMeter, type MeteredUnits } from './aws-capacity-meter.js';

export type ProxiedService = 'dynamodb' | 's3' | 'sfn';

export const CALLER_HEADER = 'x-desa-local-caller';

export interface FaultRule {
  /** Fraction of matching requests answered with an injected fault, 0 to 1. */
  readonly rate: number;
  /**
   * Whose requests may fail, by the handler module making them (`undefined`: not made by a handler, e.g. a
   * test's own client).
   * @default - every caller
   */
  readonly callers?: (entry: string | undefined) => boolean;
  /**
   * Operations that may fail: DynamoDB and Step Functions action names (`PutItem`, `StartExecution`), S3
   * `PutObject` (copies too), `PostObject`, `GetObject`, `HeadObject`, `DeleteObject` or `Other`.
   * @default - every operation
   */
  readonly operations?: readonly string[];
  /** At most this many faults, then the rule is spent. @default - no limit */
  readonly times?: number;
  /**
   * Which of the service's fault responses to send, one at random each time.
   * @default - the service's throttling and internal errors (not TransactionConflict)
   */
  readonly faults?: readonly FaultName[];
}

export type FaultName =
  /**
   * DynamoDB TransactWriteItems only: the transaction is cancelled because another one on the same item is
   * in flight, as DynamoDB answers under contention (DynamoDB Local serializes transactions and never does).
   * The last item with a condition is named as the conflicting one.
   */
  | 'TransactionConflict'
  | 'ProvisionedThroughputExceededException'
  | 'ThrottlingException'
  | 'InternalServerError'
  | 'SlowDown'
  | 'InternalError'
  | 'ServiceUnavailable';

export interface ProxyStats {
  /** By `<caller or "-"> <operation>`. */
  readonly calls: Record<string, { forwarded: number; injected: number }>;
  /**
   * DynamoDB only, while metering: capacity units the forwarded calls consumed by DynamoDB Local's own
   * account (ConsumedCapacity), by caller. Not AWS's bill: see `awsCapacity`.
   */
  readonly capacity: Record<string, { read: number; write: number }>;
  /** DynamoDB only, with `authorize`: the refused requests, as `<caller>: <what was refused>`. */
  readonly denied: readonly string[];
  /**
   * DynamoDB only, while metering: capacity units by AWS's billing rules, computed from the items the calls
   * read and wrote (aws-capacity.ts), by caller: reads, writes (table and indexes), the index writes by index,
   * and the writes that were charged but failed their condition.
   */
  readonly awsCapacity: Record<string, MeteredUnits>;
}

export interface FaultProxy {
  readonly service: ProxiedService;
  /** Point the SDK here (AWS_ENDPOINT_URL_<SERVICE>). */
  readonly endpoint: string;
  /** The stand-in behind the proxy (for checks that must not see faults). */
  readonly target: string;
  /**
   * Starts injecting faults by `rules`, replacing any previous ones; `undefined` stops. For each request the
   * first rule that matches and is not spent decides.
   */
  inject(rules: FaultRule | readonly FaultRule[] | undefined): void;
  /**
   * DynamoDB: asks every data-plane call for its consumed capacity (ReturnConsumedCapacity=INDEXES, added to
   * the request) and sums it in `stats().capacity`, and computes what AWS would bill for it into
   * `stats().awsCapacity` (aws-capacity-meter.ts: reads the items before and after each write). Off by
   * default: it buffers bodies and adds reads.
   */
  meter(on: boolean): void;
  stats(): ProxyStats;
  resetStats(): void;
  stop(): Promise<void>;
}

export interface FaultProxyOptions {
  readonly service: ProxiedService;
  /** The stand-in's endpoint, e.g. http://127.0.0.1:8000. */
  readonly target: string;
  /** @default 0 (any free port) */
  readonly port?: number;
  /** @default Math.random */
  readonly random?: () => number;
  /**
   * DynamoDB only: judges each data-plane request by its caller (the handler module) before it is forwarded,
   * as IAM would; a returned reason is answered with AWS's AccessDeniedException and nothing is done.
   * @default - every request passes
   */
  readonly authorize?: (
    caller: string | undefined,
    operation: string,
    input: Record<string, unknown>,
  ) => string | undefined;
}

// --- Who is calling ---

const callers = new AsyncLocalStorage<string>();

/** Runs `fn` as the handler module `entry`: HTTP requests it makes are marked with CALLER_HEADER. */
export const runAsCaller = <T>(entry: string, fn: () => T): T => callers.run(entry, fn);

let marking = false;
function markRequestsWithCaller(): void {
  if (marking) return;
  marking = true;
  subscribe('http.client.request.created', (message) => {
    const entry = callers.getStore();
    const request = (message as { request: ClientRequest }).request;
    if (!entry || request.headersSent) return;
    try {
      request.setHeader(CALLER_HEADER, entry);
    } catch {
      // headers already rendered (Expect: 100-continue): this request stays unmarked
    }
  });
}

// --- The services' fault responses, as AWS sends them ---

interface Fault {
  readonly status: number;
  readonly contentType: string;
  /** `input`: the request's JSON body (JSON-protocol services). */
  readonly body: (requestId: string, input: Record<string, unknown>) => string;
  /** Only sent for these operations. */
  readonly only?: readonly string[];
  /** Sent only when the rule asks for it by name. */
  readonly explicit?: boolean;
}

const json10 = 'application/x-amz-json-1.0';
const dynamoError =
  (type: string, message: string): Fault['body'] =>
  () =>
    JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message });
const s3Error =
  (code: string, message: string): Fault['body'] =>
  (requestId) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId><HostId>local</HostId></Error>`;

const FAULTS: Record<ProxiedService, Partial<Record<FaultName, Fault>>> = {
  dynamodb: {
    TransactionConflict: {
      status: 400,
      contentType: json10,
      only: ['TransactWriteItems'],
      explicit: true,
      body: (_requestId, input) => {
        const items = Array.isArray(input.TransactItems)
          ? (input.TransactItems as Record<string, unknown>[])
          : [];
        const conditional = items.map((item) =>
          Object.values(item).some((action) =>
            Boolean((action as { ConditionExpression?: string })?.ConditionExpression),
          ),
        );
        const conflicting = conditional.lastIndexOf(true);
        const reasons = items.map((_item, index) =>
          index === conflicting
            ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
            : { Code: 'None' },
        );
        return JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
          CancellationReasons: reasons,
          Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((reason) => reason.Code).join(', ')}]`,
        });
      },
    },
    ProvisionedThroughputExceededException: {
      status: 400,
      contentType: json10,
      body: dynamoError(
        'ProvisionedThroughputExceededException',
        'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
      ),
    },
    ThrottlingException: {
      status: 400,
      contentType: json10,
      body: dynamoError(
        'ThrottlingException',
        'Throughput exceeds the current capacity for one or more global secondary indexes. DynamoDB is automatically scaling your index so please try again shortly.',
      ),
    },
    InternalServerError: {
      status: 500,
      contentType: json10,
      body: dynamoError('InternalServerError', 'Internal server error'),
    },
  },
  s3: {
    SlowDown: {
      status: 503,
      contentType: 'application/xml',
      body: s3Error('SlowDown', 'Please reduce your request rate.'),
    },
    InternalError: {
      status: 500,
      contentType: 'application/xml',
      body: s3Error('InternalError', 'We encountered an internal error. Please try again.'),
    },
  },
  sfn: {
    ThrottlingException: {
      status: 400,
      contentType: json10,
      body: () =>
        JSON.stringify({
          __type: 'com.amazonaws.swf.base.model#ThrottlingException',
          message: 'Rate exceeded',
        }),
    },
    ServiceUnavailable: {
      status: 503,
      contentType: json10,
      body: () =>
        JSON.stringify({
          __type: 'com.amazonaws.swf.base.model#ServiceUnavailable',
          message: 'Service unavailable',
        }),
    },
  },
};

/** Action of a JSON-protocol call (`DynamoDB_20120810.PutItem` → PutItem), or S3's by method and path. */
function operationOf(service: ProxiedService, req: IncomingMessage): string {
  if (service !== 's3')
    return (
      String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .pop() || 'Other'
    );
  const path = new URL(req.url ?? '/', 'http://local').pathname.split('/').filter(Boolean);
  const isObject = path.length >= 2; // path-style: /bucket/key
  if (!isObject) return req.method === 'POST' ? 'PostObject' : 'Other'; // a browser upload (presigned POST)
  switch (req.method) {
    case 'PUT':
      return 'PutObject';
    case 'GET':
      return 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'DELETE':
      return 'DeleteObject';
    default:
      return 'Other';
  }
}

const DYNAMODB_DATA_PLANE = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);
const DYNAMODB_READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  markRequestsWithCaller();
  const { service } = options;
  const target = new URL(options.target);
  const random = options.random ?? Math.random;
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  let rules: { rule: FaultRule; spent: number }[] = [];
  let metering = false;
  let calls: ProxyStats['calls'] = {};
  let capacity: ProxyStats['capacity'] = {};
  let denied: string[] = [];
  let awsCapacity: ProxyStats['awsCapacity'] = {};
  let faultCount = 0;
  const { authorize } = options;
  const meter = service === 'dynamodb' ? new AwsCapacityMeter(options.target) : undefined;

  const countFor = (caller: string | undefined, operation: string) => {
    const key = `${caller ?? '-'} ${operation}`;
    calls[key] ??= { forwarded: 0, injected: 0 };
    return calls[key];
  };

  const faultFor = (caller: string | undefined, operation: string): Fault | undefined => {
    const available = FAULTS[service];
    const applicable = (rule: FaultRule) =>
      (
        rule.faults ?? (Object.keys(available) as FaultName[]).filter((name) => !available[name]?.explicit)
      ).filter((name) => available[name] && (available[name].only?.includes(operation) ?? true));
    const active = rules.find(
      ({ rule, spent }) =>
        spent < (rule.times ?? Number.POSITIVE_INFINITY) &&
        (!rule.operations || rule.operations.includes(operation)) &&
        (!rule.callers || rule.callers(caller)) &&
        applicable(rule).length > 0,
    );
    if (!active || random() >= active.rule.rate) return undefined;
    const names = applicable(active.rule);
    const name = names[Math.floor(random() * names.length)] ?? names[0];
    if (!name) return undefined;
    active.spent += 1;
    return available[name];
  };

  /** `beforeAnswer` (buffered bodies only) runs after the stand-in answered and before the caller hears it. */
  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    body?: Buffer,
    beforeAnswer?: (status: number, output: Buffer) => Promise<void>,
  ) =>
    new Promise<Buffer | undefined>((resolve) => {
      const headers = { ...req.headers };
      if (body) headers['content-length'] = String(body.length);
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers, // Host unchanged: s3rver checks signatures (and presigned links) against it
          agent,
        },
        (response) => {
          if (!body) {
            res.writeHead(response.statusCode ?? 502, response.headers);
            response.pipe(res);
            response.on('end', () => resolve(undefined));
            return;
          }
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', async () => {
            const buffered = Buffer.concat(chunks);
            await beforeAnswer?.(response.statusCode ?? 502, buffered).catch((error: unknown) => {
              console.warn(`[fault proxy] capacity not metered: ${String(error)}`);
            });
            res.writeHead(response.statusCode ?? 502, {
              ...response.headers,
              'content-length': String(buffered.length),
            });
            res.end(buffered);
            resolve(buffered);
          });
        },
      );
      upstream.on('error', () => {
        // the stand-in is gone (stopping): drop the connection as a dead endpoint would
        res.destroy();
        resolve(undefined);
      });
      if (body) upstream.end(body);
      else req.pipe(upstream);
    });

  const server: Server = createServer((req, res) => {
    const caller = headerOf(req, CALLER_HEADER);
    const operation = operationOf(service, req);
    const count = countFor(caller, operation);
    const fault = faultFor(caller, operation);
    if (fault) {
      count.injected += 1;
      void readAll(req).then((raw) => {
        const requestId = `fault-${++faultCount}`;
        const body =
          req.method === 'HEAD' ? '' : fault.body(requestId, service === 's3' ? {} : parseObject(raw));
        res.writeHead(fault.status, {
          'content-type': fault.contentType,
          'x-amzn-requestid': requestId,
          'x-amz-request-id': requestId,
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      });
      return;
    }
    if (!((metering || authorize) && service === 'dynamodb' && DYNAMODB_DATA_PLANE.has(operation))) {
      count.forwarded += 1;
      void forward(req, res);
      return;
    }
    void readAll(req).then(async (raw) => {
      const input = parseObject(raw);
      const refusal = authorize?.(caller, operation, input);
      if (refusal) {
        denied.push(`${caller ?? '-'}: ${refusal}`);
        const body = JSON.stringify({
          __type: 'com.amazon.coral.service#AccessDeniedException',
          Message: `${caller ?? 'the caller'} is not authorized to perform: ${refusal} because no identity-based policy allows it`,
        });
        res.writeHead(400, { 'content-type': json10, 'content-length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      count.forwarded += 1;
      if (!metering) {
        await forward(req, res, raw);
        return;
      }
      const measure = await meter
        ?.prepare(operation, structuredClone(input), headerOf(req, 'authorization'))
        .catch((error: unknown) => {
          console.warn(`[fault proxy] capacity not metered: ${String(error)}`);
          return undefined;
        });
      input.ReturnConsumedCapacity ??= 'INDEXES';
      const output = await forward(req, res, Buffer.from(JSON.stringify(input)), async (status, buffered) => {
        if (measure) addAwsCapacity(caller, await measure({ status, body: parseObject(buffered) }));
      });
      if (output) addCapacity(caller, operation, output);
    });
  });

  const addAwsCapacity = (caller: string | undefined, units: MeteredUnits) => {
    const key = caller ?? '-';
    const before = awsCapacity[key] ?? { read: 0, write: 0, indexWrites: {}, failedWrites: 0 };
    const indexWrites = { ...before.indexWrites };
    for (const [index, value] of Object.entries(units.indexWrites))
      indexWrites[index] = (indexWrites[index] ?? 0) + value;
    awsCapacity[key] = {
      read: before.read + units.read,
      write: before.write + units.write,
      indexWrites,
      failedWrites: before.failedWrites + units.failedWrites,
    };
  };

  const addCapacity = (caller: string | undefined, operation: string, output: Buffer) => {
    let consumed: unknown;
    try {
      consumed = (JSON.parse(output.toString('utf8')) as { ConsumedCapacity?: unknown }).ConsumedCapacity;
    } catch {
      return;
    }
    const units = [consumed]
      .flat()
      .reduce<number>(
        (sum, entry) => sum + Number((entry as { CapacityUnits?: number })?.CapacityUnits ?? 0),
        0,
      );
    const key = caller ?? '-';
    capacity[key] ??= { read: 0, write: 0 };
    if (DYNAMODB_READS.has(operation)) capacity[key].read += units;
    else capacity[key].write += units;
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    service,
    endpoint: `http://127.0.0.1:${port}`,
    target: options.target,
    inject: (next) => {
      rules = next === undefined ? [] : [next].flat().map((rule) => ({ rule, spent: 0 }));
    },
    meter: (on) => {
      metering = on;
    },
    stats: () => structuredClone({ calls, capacity, awsCapacity, denied }),
    resetStats: () => {
      calls = {};
      capacity = {};
      awsCapacity = {};
      denied = [];
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}

function parseObject(raw: Buffer): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
