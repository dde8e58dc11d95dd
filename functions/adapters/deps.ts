import type { Clock } from '../core/ports.js';
import { DynamoDocumentRegistry } from './dynamo-document-registry.js';
import { DynamoRequestStore } from './dynamo-request-store.js';
import { DynamoVillageDirectory } from './dynamo-villages.js';
import { requiredEnv } from './env.js';
import { S3DocumentStore } from './s3-document-store.js';
import { StepFunctionsWorkflow } from './sfn-workflow.js';

/**
 * Adapters wired from the function's environment. Each is created on first use, so a function only needs
 * the variables of the resources it was granted (the stack sets exactly those).
 */
const once = <T>(create: () => T): (() => T) => {
  let value: T | undefined;
  return () => {
    value ??= create();
    return value;
  };
};

export const requestStore = once(() => new DynamoRequestStore(requiredEnv('TABLE_NAME')));
export const villageDirectory = once(() => new DynamoVillageDirectory(requiredEnv('TABLE_NAME')));
export const documentRegistry = once(() => new DynamoDocumentRegistry(requiredEnv('TABLE_NAME')));
export const documentStore = once(() => new S3DocumentStore(requiredEnv('DOCUMENTS_BUCKET')));
export const workflow = once(() => new StepFunctionsWorkflow(requiredEnv('STATE_MACHINE_ARN')));
export const systemClock: Clock = { now: () => new Date() };
