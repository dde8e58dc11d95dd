import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

/**
 * Runs a Lambda handler module in this process, as the Lambda service would: the same module the stack
 * bundles (its `DesaDigital:Entry`), called with an event and a context. Modules load once and stay warm.
 * Differences from AWS: no per-function environment or memory limit, no isolation between functions.
 */
type Handler = (event: unknown, context: Context) => Promise<unknown>;

const loaded = new Map<string, Promise<Handler>>();
let invocation = 0;

export function invokeLambda(root: string, entry: string, event: unknown): Promise<unknown> {
  return loadLambda(root, entry).then((run) => run(event, lambdaContext(entry)));
}

/** Imports a handler module once (the first call pays the import, as a cold start does in AWS). */
export function loadLambda(root: string, entry: string): Promise<Handler> {
  let handler = loaded.get(entry);
  if (!handler) {
    handler = import(pathToFileURL(resolve(root, entry)).href).then((module: { handler?: Handler }) => {
      if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
      return module.handler;
    });
    loaded.set(entry, handler);
  }
  return handler;
}

function lambdaContext(entry: string): Context {
  const functionName = entry
    .replace(/^functions\//, '')
    .replace(/\.ts$/, '')
    .replaceAll('/', '-');
  invocation += 1;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: `local-${Date.now()}-${invocation}`,
    logGroupName: `/local/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
