import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { DEMO_VILLAGES } from '../../config/villages.js';
import { DynamoVillageDirectory } from '../../functions/adapters/dynamo-villages.js';
import { ROUTES } from '../../functions/api/routes.js';
import { synthesizeTemplate } from '../app.js';
import { ensureTableFromTemplate, startDynamoDbLocal } from './dynamodb.js';
import { createGateway } from './gateway.js';
import { createLocalIssuer, type LocalIssuer } from './issuer.js';
import { invokeLambda } from './lambda.js';
import { freePort } from './net.js';
import { S3RVER_CREDENTIALS, startS3 } from './s3.js';
import { resolveStateMachine } from './stepfunctions/definition.js';
import { LocalStepFunctions } from './stepfunctions/server.js';

/**
 * The whole system on one machine (DESIGN.md §2): DynamoDB Local, s3rver, the local Step Functions running
 * the state machine definition taken from the synthesized CDK stack, and a gateway that serves the API
 * (same route table, same handlers) and the front end on one port. Everything lives under `dataDir`.
 */
export interface LocalRuntimeOptions {
  readonly dataDir: string;
  /** Port of the gateway (API + web); 0 picks a free one. */
  readonly port: number;
  /** Shortens Step Functions retry pauses (tests). */
  readonly retryIntervalMs?: number;
  /** Changes the synthesized template before use (tests prove the runtime runs what the stack defines). */
  readonly transformTemplate?: (template: SynthesizedTemplate) => SynthesizedTemplate;
  /** Logs a line per step of the start-up. */
  readonly log?: (line: string) => void;
}

export interface LocalRuntime {
  readonly url: string;
  readonly stepFunctions: LocalStepFunctions;
  readonly issuer: LocalIssuer;
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export type SynthesizedTemplate = Parameters<typeof ensureTableFromTemplate>[1];

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const TABLE_NAME = 'desa-digital';
const BUCKET = 'desa-digital-documents';
const REGION = 'ap-southeast-3';

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    let issuer: LocalIssuer | undefined;
    const invoke = (entry: string, event: unknown) => invokeLambda(REPO_ROOT, entry, event);
    const gateway = createGateway({
      routes: ROUTES,
      invoke,
      issuer: () => {
        if (!issuer) throw new Error('issuer not ready');
        return issuer;
      },
      webRoot: join(REPO_ROOT, 'web'),
    });
    const url = await listen(gateway, options.port);
    stops.push(() => closeServer(gateway));
    issuer = await createLocalIssuer(dataDir, `${url}/local`);

    log('synthesizing the CDK stack (for the table schema and the state machine definition)');
    const synthesized = synthesizeTemplate() as SynthesizedTemplate;
    const template = options.transformTemplate ? options.transformTemplate(synthesized) : synthesized;

    log('starting DynamoDB Local and s3rver');
    const [dynamo, s3] = await Promise.all([
      freePort().then((port) => startDynamoDbLocal(join(dataDir, 'dynamodb'), port)),
      freePort().then((port) => startS3(join(dataDir, 's3'), port, BUCKET)),
    ]);
    stops.push(dynamo.stop, s3.stop);
    await ensureTableFromTemplate(dynamo.endpoint, template, TABLE_NAME);

    const machine = resolveStateMachine(template, { region: REGION });
    const stepFunctions = new LocalStepFunctions({
      ...machine,
      invoke,
      dataDir: join(dataDir, 'stepfunctions'),
      ...(options.retryIntervalMs !== undefined ? { retryIntervalMs: options.retryIntervalMs } : {}),
    });
    const sfnPort = (await stepFunctions.start(await freePort())).port;
    stops.push(() => stepFunctions.stop());

    // One process plays every function: the union of what the stack gives each one.
    const env = {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${sfnPort}`,
      S3_FORCE_PATH_STYLE: 'true',
      TABLE_NAME,
      DOCUMENTS_BUCKET: BUCKET,
      STATE_MACHINE_ARN: machine.stateMachineArn,
      PUBLIC_BASE_URL: url,
      POWERTOOLS_DEV: 'true',
    };
    Object.assign(process.env, env);

    log('seeding demo villages');
    const directory = new DynamoVillageDirectory(TABLE_NAME);
    await Promise.all(DEMO_VILLAGES.map((village) => directory.add(village)));

    log('resuming workflows that were waiting when the runtime last stopped');
    await stepFunctions.resume();
    return { url, stepFunctions, issuer, env, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolveUrl(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.closeAllConnections();
    server.close(() => resolveClose());
  });
}
