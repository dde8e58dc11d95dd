import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { SfnApiError } from './errors.js';
import type { HistoryEntry } from './history.js';
import type { LocalStepFunctions } from './server.js';
import type { ExecutionRecord, ExecutionStatus } from './store.js';

/**
 * The Step Functions wire protocol (awsJson1_0): `POST /` with `X-Amz-Target: AWSStepFunctions.<Action>`
 * and a JSON body; answers JSON, timestamps in epoch seconds, errors as HTTP 400 `{ __type, message }`.
 */

type Request = Record<string, unknown>;
type Action = (sfn: LocalStepFunctions, request: Request) => object | Promise<object>;

const MAX_BODY = 1_048_576;
const DEFAULT_PAGE = 100;

const seconds = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso) / 1000);

function field(request: Request, name: string): string {
  const value = request[name];
  if (typeof value === 'string' && value !== '') return value;
  throw new SfnApiError(
    'ValidationException',
    `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must not be null`,
  );
}

const optional = (request: Request, name: string) =>
  typeof request[name] === 'string' ? (request[name] as string) : undefined;

function checkStateMachine(sfn: LocalStepFunctions, request: Request): void {
  const arn = field(request, 'stateMachineArn');
  if (!arn.startsWith('arn:')) throw new SfnApiError('InvalidArn', `Invalid Arn: '${arn}'`);
  if (arn !== sfn.stateMachineArn) {
    throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  }
}

/** The execution name in an execution ARN of our state machine. */
function executionName(sfn: LocalStepFunctions, request: Request): string {
  const arn = field(request, 'executionArn');
  if (!/^arn:[^:]+:states:[^:]*:[^:]*:execution:[^:]+:[^:]+$/.test(arn)) {
    throw new SfnApiError('InvalidArn', `Invalid Arn: '${arn}'`);
  }
  const prefix = sfn.executionArn('');
  if (!arn.startsWith(prefix))
    throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  return arn.slice(prefix.length);
}

/** One page of `items` following the request's maxResults/nextToken (the token is the next offset). */
function page<T>(items: T[], request: Request): { items: T[]; nextToken?: string } {
  const size =
    typeof request.maxResults === 'number' && request.maxResults > 0 ? request.maxResults : DEFAULT_PAGE;
  const token = optional(request, 'nextToken');
  const offset = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
  if (!Number.isInteger(offset) || offset < 0)
    throw new SfnApiError('ValidationException', 'Invalid nextToken');
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    ...(end < items.length ? { nextToken: Buffer.from(String(end)).toString('base64url') } : {}),
  };
}

const listItem = (record: ExecutionRecord) => ({
  executionArn: record.executionArn,
  stateMachineArn: record.stateMachineArn,
  name: record.name,
  status: record.status,
  startDate: seconds(record.startDate),
  stopDate: seconds(record.stopDate),
});

const describeExecution = (record: ExecutionRecord) => ({
  ...listItem(record),
  input: record.input,
  inputDetails: { included: true },
  output: record.output,
  ...(record.output === undefined ? {} : { outputDetails: { included: true } }),
  error: record.error,
  cause: record.cause,
});

const historyEvents = (entries: HistoryEntry[]) =>
  entries.map((entry, index) => ({
    ...entry,
    timestamp: entry.timestamp / 1000,
    id: index + 1,
    previousEventId: index,
  }));

const ACTIONS: Record<string, Action> = {
  StartExecution: async (sfn, request) => {
    checkStateMachine(sfn, request);
    const record = await sfn.startExecution({
      name: optional(request, 'name'),
      input: optional(request, 'input'),
    });
    return { executionArn: record.executionArn, startDate: seconds(record.startDate) };
  },
  DescribeExecution: (sfn, request) => {
    const name = executionName(sfn, request);
    const record = sfn.describe(name);
    if (!record)
      throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${request.executionArn}'`);
    return describeExecution(record);
  },
  ListExecutions: (sfn, request) => {
    checkStateMachine(sfn, request);
    const status = optional(request, 'statusFilter') as ExecutionStatus | undefined;
    const { items, nextToken } = page(sfn.listExecutions(status), request);
    return { executions: items.map(listItem), nextToken };
  },
  StopExecution: (sfn, request) => {
    const record = sfn.stopExecution(
      executionName(sfn, request),
      optional(request, 'error'),
      optional(request, 'cause'),
    );
    return { stopDate: seconds(record.stopDate) };
  },
  SendTaskSuccess: (sfn, request) => {
    sfn.sendTaskSuccess(field(request, 'taskToken'), field(request, 'output'));
    return {};
  },
  SendTaskFailure: (sfn, request) => {
    sfn.sendTaskFailure(field(request, 'taskToken'), optional(request, 'error'), optional(request, 'cause'));
    return {};
  },
  SendTaskHeartbeat: (sfn, request) => {
    sfn.sendTaskHeartbeat(field(request, 'taskToken'));
    return {};
  },
  GetExecutionHistory: (sfn, request) => {
    const events = historyEvents(sfn.history(executionName(sfn, request)));
    const { items, nextToken } = page(request.reverseOrder === true ? events.reverse() : events, request);
    return { events: items, nextToken };
  },
  DescribeStateMachine: (sfn, request) => {
    checkStateMachine(sfn, request);
    return {
      stateMachineArn: sfn.stateMachineArn,
      name: sfn.stateMachineArn.split(':').at(-1),
      status: 'ACTIVE',
      definition: JSON.stringify(sfn.definition),
      roleArn: sfn.stateMachineArn.replace(/:states:[^:]*:(\d*):stateMachine:.*$/, '::iam::$1:role/local'),
      type: 'STANDARD',
      creationDate: 0,
    };
  },
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new SfnApiError('ValidationException', 'Request entity too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function answer(
  sfn: LocalStepFunctions,
  request: IncomingMessage,
): Promise<[status: number, body: object]> {
  const target = String(request.headers['x-amz-target'] ?? '');
  const action = ACTIONS[/^AWSStepFunctions\.(\w+)$/.exec(target)?.[1] ?? ''];
  if (request.method !== 'POST' || !action) {
    throw new SfnApiError('UnknownOperationException', `Unknown operation: '${target}'`);
  }
  const body = await readBody(request);
  let payload: unknown;
  try {
    payload = body === '' ? {} : JSON.parse(body);
  } catch {
    throw new SfnApiError('SerializationException', 'The request body is not JSON');
  }
  return [200, await action(sfn, payload as Request)];
}

function send(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(text);
}

/**
 * The HTTP handler. Requests are not authenticated: the SDK's SigV4 headers are accepted unverified (a
 * local server bound to 127.0.0.1). Unexpected errors answer 500 without details and go to `onError`.
 */
export function createApiHandler(
  sfn: LocalStepFunctions,
  onError: (error: unknown) => void,
): RequestListener {
  return (request, response) => {
    answer(sfn, request)
      .catch((error: unknown): [number, object] => {
        if (error instanceof SfnApiError) return [400, { __type: error.type, message: error.message }];
        onError(error);
        return [500, { __type: 'InternalFailure', message: 'Internal failure of the local Step Functions' }];
      })
      .then(([status, body]) => send(response, status, body));
  };
}
