import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DEMO_BSRE_SIGNERS } from '../../config/demo-bsre.js';
import { DEMO_EMBLEM_REGENCIES, demoEmblem } from '../../config/demo-emblem.js';
import { DEMO_USERS } from '../../config/demo-users.js';
import { demoSiteItems } from '../../config/site-demo.js';
import { DEMO_VILLAGES } from '../../config/villages.js';
import { DynamoBudgetStore } from '../../functions/adapters/dynamo-budgets.js';
import { DynamoDesilStore } from '../../functions/adapters/dynamo-desil.js';
import { DynamoDocumentRegistry } from '../../functions/adapters/dynamo-document-registry.js';
import { DynamoLegalProductStore } from '../../functions/adapters/dynamo-legal-products.js';
import { DynamoSiteItems } from '../../functions/adapters/dynamo-site-items.js';
import { DynamoVillageDirectory } from '../../functions/adapters/dynamo-villages.js';
import { systemClock } from '../../functions/adapters/env.js';
import { ensureLocalPseudonymKey } from '../../functions/adapters/pseudonym-key.js';
import { shippedResidentOfRegency } from '../../functions/adapters/registries/population-data.js';
import { S3DocumentStore } from '../../functions/adapters/s3-document-store.js';
import { S3EmblemStore } from '../../functions/adapters/s3-emblems.js';
import { ORIGIN_VERIFY_ENV } from '../../functions/api/actor.js';
import type { ResourceNeed } from '../../functions/api/route-types.js';
import { ROUTES } from '../../functions/api/routes.js';
import type { Actor } from '../../functions/core/identity/roles.js';
import { auditEntry } from '../../functions/core/privacy/audit.js';
import type { ReconcileSummary } from '../../functions/workflow/reconcile.js';
import type { ReminderDigestSummary } from '../../functions/workflow/reminder-digest.js';
import type { RenderSitesSummary } from '../../functions/workflow/render-sites.js';
import { SCHEDULED_JOBS } from '../../functions/workflow/scheduled-jobs.js';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks.js';
import { buildWeb } from '../../scripts/build-web.js';
import { synthesizeTemplate } from '../app.js';
import { type BsreStandIn, startBsreStandIn } from './bsre-stand-in.js';
import { type LocalCognito, startLocalCognito } from './cognito-idp.js';
import { seedDemoBudgets } from './demo-budgets.js';
import { seedDemoDesil } from './demo-desil.js';
import { seedDemoLegalProducts } from './demo-legal-products.js';
import { ensureTableFromTemplate, startDynamoDbLocal } from './dynamodb.js';
import { type FaultProxy, type ProxiedService, runAsCaller, startFaultProxy } from './fault-proxy.js';
import { createGateway, type SiteObject } from './gateway.js';
import { createLocalIssuer, type LocalIssuer } from './issuer.js';
import { invokeLambda, loadLambda } from './lambda.js';
import { onFreePort } from './net.js';
import { startLocalSchedule } from './reconciler.js';
import { S3RVER_CREDENTIALS, startS3 } from './s3.js';
import { resolveStateMachine } from './stepfunctions/definition.js';
import { LocalStepFunctions } from './stepfunctions/server.js';
import { deniedTableAccesses, describeAccess } from './table-grants.js';

/**
 * The whole system on one machine (DESIGN.md §2): DynamoDB Local, s3rver, the local Step Functions running
 * the state machine definition taken from the synthesized CDK stack, a local Cognito user pool (admin API,
 * cognito-idp.ts) with its token issuer, and a gateway that serves the API (same route table, same
 * handlers) and the front end on one port. Everything lives under `dataDir`.
 */
export interface LocalRuntimeOptions {
  readonly dataDir: string;
  /** Port of the gateway (API + web); 0 picks a free one. */
  readonly port: number;
  /** Multiplies every stage deadline (e.g. 1/3600 turns hours into seconds to see escalations locally). */
  readonly deadlineScale?: number;
  /**
   * Replaces the state machine's TimeoutSeconds (30 days in the stack), so that tests can see an execution
   * time out: the local Step Functions ends it TIMED_OUT as AWS would, and the reconciler is told the same
   * limit (EXECUTION_TIMEOUT_SECONDS).
   * @default - the synthesized TimeoutSeconds
   */
  readonly executionTimeoutSeconds?: number;
  /**
   * The abuse limits a deployment may set (SUBMISSIONS_PER_ACCOUNT_PER_DAY, MESSAGES_PER_DESTINATION_PER_DAY).
   * Functional and load tests play a handful of accounts and one sample phone for hundreds of requests, and
   * raise them; the limits themselves are tested with the deployment's defaults.
   * @default - the deployment's defaults (submit-request.ts, notifications.ts)
   */
  readonly limits?: {
    readonly submissionsPerAccountPerDay?: number;
    readonly messagesPerDestinationPerDay?: number;
  };
  /** Shortens Step Functions retry pauses (tests). */
  readonly retryIntervalMs?: number;
  /** Changes the synthesized template before use (tests prove the runtime runs what the stack defines). */
  readonly transformTemplate?: (template: SynthesizedTemplate) => SynthesizedTemplate;
  /**
   * The built front end to serve.
   * @default - built now (scripts/build-web.ts) into `<dataDir>/web`
   */
  readonly webRoot?: string;
  /** Logs a line per step of the start-up. */
  readonly log?: (line: string) => void;
  /**
   * Puts a fault proxy (fault-proxy.ts) in front of DynamoDB Local, s3rver and the local Step Functions, so
   * tests can inject throttling and failures and benchmarks can count calls and capacity units.
   * @default false
   */
  readonly proxies?: boolean;
  /**
   * Holds every function to the table grants its route, task or job declares (table-grants.ts): a request
   * outside them is refused with AccessDeniedException, as IAM does in AWS, and listed by
   * `deniedTableAccess()`. Requests not made by a function (the runtime's seeding, a test's own client) pass.
   * @default 'enforce'
   */
  readonly tableGrants?: 'enforce' | 'off';
  /**
   * How often the reconciler runs (closing requests whose execution ended, re-sending lost signals,
   * restarting requests left in SUBMITTED, as the scheduled function does in AWS); 0: only when
   * `reconcile()` is called.
   * @default 30_000
   */
  readonly reconcileEveryMs?: number;
  /**
   * How often the reminder digest job runs (hourly in AWS, a few minutes past the hour; each run sends the
   * digests of the hours closed by then, so running it more often only finds nothing more to do); 0: only
   * when `sendReminderDigests()` is called.
   * @default 300_000
   */
  readonly digestEveryMs?: number;
  /**
   * How often the site render job runs for the village websites marked stale (every five minutes in AWS);
   * 0: only when `renderStaleSites()` is called. Every site is rendered at the start, and then daily, as
   * the job's daily run does in AWS.
   * @default 60_000
   */
  readonly siteRenderEveryMs?: number;
  /**
   * Regencies (codes) whose letters are signed through BSrE, played by the local stand-in
   * (bsre-stand-in.ts, demo signers in config/demo-bsre.ts). The stand-in runs either way, and its root is
   * trusted by verification.
   * @default - none: every letter is signed with the platform's key (as the tests expect)
   */
  readonly bsreRegencies?: readonly string[];
  /** Called after every function invocation (benchmarks count and time them). */
  readonly onInvoke?: (entry: string, milliseconds: number, failed: boolean) => void;
}

export interface LocalRuntime {
  readonly url: string;
  readonly stepFunctions: LocalStepFunctions;
  readonly issuer: LocalIssuer;
  /** The local user pool: demo users and the staff created through the API. */
  readonly identity: LocalCognito;
  readonly env: Readonly<Record<string, string>>;
  /** The local BSrE stand-in (bsre-stand-in.ts): tests play it down and count its signatures. */
  readonly bsre: BsreStandIn;
  /** Present with `proxies: true`. */
  readonly proxies?: Readonly<Record<ProxiedService, FaultProxy>>;
  /** The table requests refused for want of a grant (see `tableGrants`), as `<handler>: <accesses>`. */
  deniedTableAccess(): readonly string[];
  /** Runs the reconciler now (after a run in progress); the event's fields override its defaults. */
  reconcile(event?: {
    olderThanSeconds?: number;
    stuckAfterSeconds?: number;
    executionTimeoutSeconds?: number;
    /** Also count the open requests (as the hourly schedule's runs do), as of `at` (ISO, default now). */
    measure?: boolean;
    at?: string;
  }): Promise<ReconcileSummary>;
  /**
   * Runs the reminder digest job now (after a run in progress). `at` plays the time of the run: the digests
   * of every hour closed by then are sent.
   */
  sendReminderDigests(event?: { at?: string; lookbackHours?: number }): Promise<ReminderDigestSummary>;
  /**
   * Runs the site render job now (after a run in progress): the websites marked stale are rendered again
   * and their marks cleared; with `all`, every village's (the daily run).
   */
  renderStaleSites(event?: { all?: boolean }): Promise<RenderSitesSummary>;
  stop(): Promise<void>;
}

export type SynthesizedTemplate = Parameters<typeof ensureTableFromTemplate>[1];

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const TABLE_NAME = 'desa-digital';
const BUCKET = 'desa-digital-documents';
const SITES_BUCKET = 'desa-digital-sites';
const REGION = 'ap-southeast-3';
const USER_POOL_ID = `${REGION}_DesaLocal`;

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
    let identity: LocalCognito | undefined;
    // Each invocation is marked with its handler module, so a fault proxy can tell the functions apart.
    const { onInvoke } = options;
    const invoke = (entry: string, event: unknown): Promise<unknown> => {
      const started = performance.now();
      const result = runAsCaller(entry, () => invokeLambda(REPO_ROOT, entry, event));
      if (!onInvoke) return result;
      const report = (failed: boolean) => onInvoke(entry, performance.now() - started, failed);
      return result.then(
        (value) => {
          report(false);
          return value;
        },
        (error: unknown) => {
          report(true);
          throw error;
        },
      );
    };
    let ready = false;
    let readSite: ((key: string) => Promise<SiteObject | undefined>) | undefined;
    const gateway = createGateway({
      ready: () => ready,
      routes: ROUTES,
      invoke,
      issuer: () => {
        if (!issuer) throw new Error('issuer not ready');
        return issuer;
      },
      users: () => {
        if (!identity) throw new Error('user pool not ready');
        return identity;
      },
      webRoot: options.webRoot ?? buildWeb(join(dataDir, 'web')).outdir,
      sites: (key) => {
        if (!readSite) throw new Error('sites bucket not ready');
        return readSite(key);
      },
    });
    const url = await listen(gateway, options.port);
    stops.push(() => closeServer(gateway));
    issuer = await createLocalIssuer(dataDir, `${url}/local`);

    log('synthesizing the CDK stack (for the table schema and the state machine definition)');
    const synthesized = synthesizeTemplate() as SynthesizedTemplate;
    const template = options.transformTemplate ? options.transformTemplate(synthesized) : synthesized;

    log('starting DynamoDB Local, s3rver and the local user pool');
    const [dynamo, s3, cognito] = await Promise.all([
      onFreePort((port) => startDynamoDbLocal(join(dataDir, 'dynamodb'), port)),
      onFreePort((port) => startS3(join(dataDir, 's3'), port, BUCKET, [SITES_BUCKET])),
      startLocalCognito({
        dataDir: join(dataDir, 'cognito'),
        userPoolId: USER_POOL_ID,
        port: 0,
        demoUsers: DEMO_USERS,
      }),
    ]);
    identity = cognito;
    stops.push(dynamo.stop, s3.stop, cognito.stop);
    await ensureTableFromTemplate(dynamo.endpoint, template, TABLE_NAME);

    const resolved = resolveStateMachine(template, { region: REGION });
    const machine =
      options.executionTimeoutSeconds === undefined
        ? resolved
        : {
            ...resolved,
            definition: { ...resolved.definition, TimeoutSeconds: options.executionTimeoutSeconds },
          };
    const stepFunctions = new LocalStepFunctions({
      ...machine,
      invoke,
      dataDir: join(dataDir, 'stepfunctions'),
      ...(options.retryIntervalMs !== undefined ? { retryIntervalMs: options.retryIntervalMs } : {}),
    });
    const sfnPort = (await onFreePort((port) => stepFunctions.start(port))).port;
    stops.push(() => stepFunctions.stop());

    const endpoints = { dynamodb: dynamo.endpoint, s3: s3.endpoint, sfn: `http://127.0.0.1:${sfnPort}` };
    let proxies: Record<ProxiedService, FaultProxy> | undefined;
    const authorize = options.tableGrants === 'off' ? undefined : authorizeTableRequest;
    if (options.proxies) {
      log('starting the fault proxies');
      const [dynamodbProxy, s3Proxy, sfnProxy] = await Promise.all(
        (['dynamodb', 's3', 'sfn'] as const).map((service) =>
          startFaultProxy({
            service,
            target: endpoints[service],
            ...(service === 'dynamodb' ? { authorize } : {}),
          }),
        ),
      );
      proxies = { dynamodb: dynamodbProxy, s3: s3Proxy, sfn: sfnProxy } as Record<ProxiedService, FaultProxy>;
      for (const proxy of Object.values(proxies)) stops.push(() => proxy.stop());
    }
    // Without the fault proxies, the table grants are still held by a proxy of their own.
    const grantsProxy =
      proxies?.dynamodb ??
      (authorize
        ? await startFaultProxy({ service: 'dynamodb', target: endpoints.dynamodb, authorize })
        : undefined);
    if (grantsProxy && !proxies) stops.push(() => grantsProxy.stop());

    const bsre = await startBsreStandIn({ dataDir, signers: DEMO_BSRE_SIGNERS });
    stops.push(() => bsre.stop());

    // One process plays every function: the union of what the stack gives each one.
    const env = {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: grantsProxy?.endpoint ?? endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: proxies?.s3.endpoint ?? endpoints.s3,
      AWS_ENDPOINT_URL_SFN: proxies?.sfn.endpoint ?? endpoints.sfn,
      // Staff accounts (AdminCreateUser…) go to the local user pool, which /local/token signs in from.
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
      USER_POOL_ID,
      S3_FORCE_PATH_STYLE: 'true',
      TABLE_NAME,
      DOCUMENTS_BUCKET: BUCKET,
      SITES_BUCKET,
      STATE_MACHINE_ARN: machine.stateMachineArn,
      PUBLIC_BASE_URL: url,
      POWERTOOLS_DEV: 'true',
      // Notifications are written to the outbox (the table) only: nothing leaves this machine (differs from AWS).
      NOTIFY_DELIVERY: 'outbox',
      // Letters are signed with a local P-256 key kept under the data directory (KMS in AWS; see
      // functions/adapters/signing/local-signer.ts), created on first use, so signatures survive a restart.
      LOCAL_SIGNING_KEY_FILE: join(dataDir, 'signing', 'document-signing-key.pem'),
      // The regency certificate authority's key (PAdES certificates; a KMS key in AWS: CA_KEY_ID).
      LOCAL_CA_KEY_FILE: join(dataDir, 'signing', 'certificate-authority-key.pem'),
      // Locally nothing sits in front of the gateway, so, as at the execute-api endpoint, CloudFront-Viewer-
      // Address is not believed unless a call carries X-Origin-Verify with this value (new at every start;
      // tests that play CloudFront send it).
      [ORIGIN_VERIFY_ENV]: randomBytes(24).toString('hex'),
      // NIKs and contacts are pseudonymised with a local key file (a KMS HMAC key in AWS; see
      // functions/adapters/pseudonym-key.ts), created at the first start, kept across restarts.
      PSEUDONYM_KEY_FILE: join(dataDir, 'pseudonym', 'pseudonym.key'),
      // BSrE (issue 14): the regencies that sign through it, here through the local stand-in; its root is
      // trusted by verification whichever regencies use it. Always set, so a runtime never inherits another's.
      BSRE_REGENCIES: JSON.stringify(
        Object.fromEntries(
          (options.bsreRegencies ?? []).map((code) => [
            code,
            { baseUrl: bsre.url, credentials: bsre.credentials },
          ]),
        ),
      ),
      SIGNING_SERVICE_ROOTS: bsre.rootCertificate,
      ...(options.deadlineScale ? { STAGE_DEADLINE_SCALE: String(options.deadlineScale) } : {}),
      // Always set (empty: the defaults), so a runtime never inherits another's limits in the same process.
      SUBMISSIONS_PER_ACCOUNT_PER_DAY: String(options.limits?.submissionsPerAccountPerDay ?? ''),
      MESSAGES_PER_DESTINATION_PER_DAY: String(options.limits?.messagesPerDestinationPerDay ?? ''),
      ...(machine.definition.TimeoutSeconds !== undefined
        ? { EXECUTION_TIMEOUT_SECONDS: String(machine.definition.TimeoutSeconds) }
        : {}),
    };
    Object.assign(process.env, env);
    await ensureLocalPseudonymKey(env.PSEUDONYM_KEY_FILE);

    log('seeding demo villages');
    const directory = new DynamoVillageDirectory(TABLE_NAME);
    await Promise.all(DEMO_VILLAGES.map((village) => directory.add(village)));
    log('seeding demo emblems');
    await seedDemoEmblems(new S3EmblemStore(BUCKET));
    log('seeding demo legal products');
    await seedDemoLegalProducts({
      legalProducts: new DynamoLegalProductStore(TABLE_NAME),
      villages: directory,
      registry: new DynamoDocumentRegistry(TABLE_NAME),
      files: new S3DocumentStore(BUCKET),
      now: systemClock.now(),
    });
    log('seeding demo budgets');
    await seedDemoBudgets({
      budgets: new DynamoBudgetStore(TABLE_NAME),
      villages: directory,
      clock: systemClock,
    });
    log('seeding the demo DTSEN desil ranking');
    await seedDemoDesil({
      desil: new DynamoDesilStore(TABLE_NAME),
      clock: systemClock,
      residentOf: shippedResidentOfRegency,
    });
    readSite = siteReader(env.AWS_ENDPOINT_URL_S3, SITES_BUCKET);
    log('seeding demo news and agenda');
    await seedSiteItems();

    // A stage's timer runs from when the workflow enters it, while the task's function runs: a cold import
    // (seconds here, with TypeScript compiled on the fly) would eat into the short deadlines of a scaled
    // run. Lambda's own cold starts are far below any real stage deadline.
    log('loading the workflow task handlers');
    await Promise.all(Object.values(WORKFLOW_TASKS).map((task) => loadLambda(REPO_ROOT, task.entry)));

    log('resuming workflows that were waiting when the runtime last stopped');
    await stepFunctions.resume();

    const reconciler = startLocalSchedule({
      run: (event) => invoke(SCHEDULED_JOBS.Reconcile.entry, event) as Promise<ReconcileSummary>,
      everyMs: options.reconcileEveryMs ?? 30_000,
      warn: (message) => console.warn(`[local reconciler] ${message}`),
    });
    stops.push(() => reconciler.stop());
    const digests = startLocalSchedule({
      run: (event) => invoke(SCHEDULED_JOBS.ReminderDigest.entry, event) as Promise<ReminderDigestSummary>,
      everyMs: options.digestEveryMs ?? 300_000,
      warn: (message) => console.warn(`[local reminder digests] ${message}`),
    });
    stops.push(() => digests.stop());
    // The job's two schedules share one queue, so their runs never overlap (EventBridge may let them).
    const renderSites = (event: Record<string, unknown>) =>
      invoke(SCHEDULED_JOBS.RenderSites.entry, event) as Promise<RenderSitesSummary>;
    const siteRenders = startLocalSchedule({
      run: renderSites,
      everyMs: options.siteRenderEveryMs ?? 60_000,
      warn: (message) => console.warn(`[local site renders] ${message}`),
    });
    stops.push(() => siteRenders.stop());
    // Every village's website, as onboarding renders a new one, then daily (dates and the agenda roll over).
    log("rendering the villages' websites");
    const first = await siteRenders.runNow({ all: true });
    log(
      `rendered ${first.rendered} village websites, ${first.renderMs.mean} ms each (slowest ${first.renderMs.max} ms)`,
    );
    const daily = setInterval(() => {
      siteRenders
        .runNow({ all: true })
        .catch((error: Error) => console.warn(`[local site renders] daily run failed: ${error.message}`));
    }, 24 * 3600_000);
    daily.unref();
    stops.push(async () => clearInterval(daily));
    ready = true;
    return {
      url,
      stepFunctions,
      bsre,
      issuer,
      identity: cognito,
      env,
      ...(proxies ? { proxies } : {}),
      deniedTableAccess: () => grantsProxy?.stats().denied ?? [],
      reconcile: (event = {}) => reconciler.runNow(event),
      sendReminderDigests: (event = {}) => digests.runNow(event),
      renderStaleSites: (event = {}) => siteRenders.runNow(event),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The demo regencies' letterhead emblem, unless their regency admin has uploaded one since. */
async function seedDemoEmblems(emblems: S3EmblemStore): Promise<void> {
  await Promise.all(
    DEMO_EMBLEM_REGENCIES.map(async (regency) => {
      if (!(await emblems.get(regency))) await emblems.put(regency, demoEmblem(), 'image/png', 'local-seed');
    }),
  );
}

/** Tampo's and Sawoo's news and agenda (config/site-demo.ts); the site render job renders them. */
async function seedSiteItems(): Promise<void> {
  const now = new Date();
  const seeder: Actor = { subject: 'local-seed', name: 'Demo data', roles: [], areas: [] };
  const items = new DynamoSiteItems(TABLE_NAME);
  await Promise.all(
    demoSiteItems(now).map((item) =>
      items.create(item, auditEntry(seeder, 'site.seed', { kind: 'site', id: item.villageCode }, now)),
    ),
  );
}

/** The gateway's view of the sites bucket (s3rver), as CloudFront reads it through its origin in AWS. */
function siteReader(endpoint: string, bucket: string) {
  const client = new S3Client({
    endpoint,
    region: REGION,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });
  return async (key: string): Promise<SiteObject | undefined> => {
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return {
        body: await (object.Body?.transformToByteArray() ?? new Uint8Array()),
        contentType: object.ContentType ?? 'application/octet-stream',
        ...(object.CacheControl ? { cacheControl: object.CacheControl } : {}),
      };
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  };
}

/** What each function may do to the table: its route's, task's or job's declared needs, by handler module. */
const FUNCTION_NEEDS = new Map<string, readonly ResourceNeed[]>([
  ...ROUTES.map((route) => [route.entry, route.needs] as const),
  ...Object.values(WORKFLOW_TASKS).map((task) => [task.entry, task.needs] as const),
  ...Object.values(SCHEDULED_JOBS).map((job) => [job.entry, job.needs] as const),
]);

/** IAM's answer to one table request: a reason to refuse it, or undefined. */
function authorizeTableRequest(
  caller: string | undefined,
  operation: string,
  input: Record<string, unknown>,
): string | undefined {
  if (caller === undefined) return undefined;
  const needs = FUNCTION_NEEDS.get(caller);
  if (!needs) return `${operation} (no route, task or job declares ${caller})`;
  const denied = deniedTableAccesses(needs, operation, input);
  return denied.length > 0 ? denied.map(describeAccess).join(', ') : undefined;
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
