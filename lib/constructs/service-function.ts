import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { SigningServiceSetting } from '../../config/deployments.js';
import { type ResourceNeed, TABLE_NEEDS, type TableNeed } from '../../functions/api/route-types.js';
import type { Notifications } from './notifications.js';
import { grantPseudonyms } from './pseudonym-key.js';
import { grantSign, grantVerify } from './signing-key.js';

/** The repository root: handler entries and the lock file are resolved against it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * CloudFormation metadata key on every function: the handler module relative to the repository root. The
 * local runtime maps synthesized Task states back to handler modules with it.
 */
export const ENTRY_METADATA_KEY = 'DesaDigital:Entry';

/**
 * How every Lambda bundle is built (esbuild, through NodejsFunction). Exported so the benchmark builds its
 * DynamoDB-client-only baseline with exactly these settings (like with like).
 */
export const LAMBDA_ESBUILD = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  /** The SDK's ES module builds (dist-es) instead of its CommonJS ones: smaller and tree-shakeable. */
  mainFields: ['module', 'main'],
  /** ESM bundles may still contain CommonJS dependencies that call `require`: give them one. */
  banner:
    "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  minify: true,
  sourcemap: true,
  sourcesContent: false, // stack traces need the mappings only; keeps the bundle small
  /**
   * Environment-only credentials: the SDK's default chain is replaced by its environment step
   * (functions/adapters/lambda-credentials.ts). Resolved against the repository root (esbuild's working
   * directory when NodejsFunction bundles).
   */
  alias: { '@aws-sdk/credential-provider-node': './functions/adapters/lambda-credentials.ts' },
} as const;

/** Bundling hooks that copy files from the repository to the bundle's directory once esbuild is done. */
const copyBeside = (files: readonly string[]): ICommandHooks => ({
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir: string, outputDir: string) =>
    files.map((file) => `cp "${path.posix.join(inputDir, file)}" "${outputDir}/"`),
});

export interface ServiceFunctionProps {
  /** Handler module relative to the repository root, exporting `handler` (e.g. functions/api/list-services.ts). */
  readonly entry: string;
  /**
   * What the handler needs from the stack; `bind()` turns these into grants and environment variables.
   * @default - no access to the table, the documents bucket or the workflow
   */
  readonly needs?: readonly ResourceNeed[];
  /**
   * Files (relative to the repository root) copied beside the bundle, for a handler that reads them at run
   * time (see RouteDefinition.bundledFiles).
   * @default - none
   */
  readonly bundledFiles?: readonly string[];
  /** @default 512 */
  readonly memorySize?: number;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Powertools service name (the `service` key of every log line). @default 'desa-digital' */
  readonly serviceName?: string;
  /** @default - no description */
  readonly description?: string;
  /** @default - none: the function shares the account's unreserved concurrency */
  readonly reservedConcurrentExecutions?: number;
  /**
   * 'active': the function traces the invocations it is handed a sampled decision for, and samples the rest
   * at Lambda's own rate; 'pass-through': it only follows a caller's decision (see trace-sampling.ts).
   * @default 'active'
   */
  readonly tracing?: 'active' | 'pass-through';
}

/** The stateful resources a function may be granted access to. */
export interface ServiceResources {
  readonly table?: ITable;
  readonly documents?: IBucket;
  readonly stateMachine?: IStateMachine;
  /** Delivery of notifications (need 'notify'). */
  readonly notifications?: Notifications;
  /** The document signing key (needs 'documents:sign' and 'documents:verify'). */
  readonly signingKey?: IKey;
  /** The regency certificate authority's key, which certifies each letter's signer (need 'documents:sign'). */
  readonly certificateAuthorityKey?: IKey;
  /** The Cognito user pool staff accounts live in (needs 'staff:manage' and 'staff:read'). */
  readonly userPool?: IUserPool;
  /** The KMS HMAC key behind NIK and contact pseudonyms (need 'pseudonym:key'). */
  readonly pseudonymKey?: IKey;
  /** The villages' websites bucket and the origin it is served from (need 'site:publish'). */
  readonly sites?: { readonly bucket: IBucket; readonly baseUrl: string };
  /** The regencies that sign through BSrE (needs 'signing:service', 'signing:regencies', 'documents:verify'). */
  readonly signingServices?: Readonly<Record<string, SigningServiceSetting>>;
}

/**
 * What 'staff:manage' may do in the user pool: exactly the calls CognitoStaffDirectory makes (a test
 * compares the two): create a staff account (its area is set at creation), put it in its role's group, and
 * read an existing one (to tell a repeated creation from a clash). No attribute updates, no pool-wide
 * listing, no deletion, password reset or group removal: those stay with the regency's AWS administrators.
 */
export const STAFF_MANAGE_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminGetUser',
  // Tells a repeated staff creation (same account, same group) from a clash with another account.
  'cognito-idp:AdminListGroupsForUser',
] as const;

/**
 * What 'staff:read' may do in the user pool: list a group's members with their attributes (contacts, area,
 * agency), to tell a stage's deciders that it waits for them. Nothing that changes an account, and no
 * AdminGetUser either: the workflow never looks up one person by name.
 */
export const STAFF_READ_ACTIONS = ['cognito-idp:ListUsersInGroup'] as const;

/**
 * The house Lambda: a Node.js 24 ESM bundle on arm64 with source maps, tracing and its own log group with a
 * retention, granted by intent (`needs`) instead of hand-written policies. Its role starts empty (no AWS
 * managed policy): it may write to its own log group and nothing else until `needs` say so.
 */
export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;
  readonly entry: string;
  readonly needs: readonly ResourceNeed[];
  private bound = false;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.entry = props.entry.split(path.sep).join('/');
    this.needs = props.needs ?? [];

    // An explicit log group (instead of the implicit /aws/lambda/<name>) so retention is set and the group is
    // part of the stack. Logs are operational only (the audit trail lives in the table), hence DESTROY.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Instead of AWSLambdaBasicExecutionRole (logs:CreateLogGroup and PutLogEvents on every log group): the
    // function writes to its own group only, which the stack creates.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Desa Digital function ${this.entry}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(REPO_ROOT, this.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: props.tracing === 'pass-through' ? Tracing.PASS_THROUGH : Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role,
      description: props.description,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName ?? 'desa-digital',
        LOG_LEVEL: props.logLevel ?? 'INFO',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_ESBUILD.target,
        mainFields: [...LAMBDA_ESBUILD.mainFields],
        banner: LAMBDA_ESBUILD.banner,
        minify: LAMBDA_ESBUILD.minify,
        sourceMap: LAMBDA_ESBUILD.sourcemap,
        sourcesContent: LAMBDA_ESBUILD.sourcesContent,
        esbuildArgs: {
          '--alias': Object.entries(LAMBDA_ESBUILD.alias).map(([from, to]) => `${from}=${to}`),
        },
        externalModules: [], // bundle AWS SDK v3: pinned versions and a faster cold start than the runtime's copy
        ...(props.bundledFiles?.length ? { commandHooks: copyBeside(props.bundledFiles) } : {}),
      },
    });
    (this.function.node.defaultChild as CfnFunction).addMetadata(ENTRY_METADATA_KEY, this.entry);
    // A function that needs resources but was never bound would deploy fine and fail on its first call.
    this.node.addValidation({
      validate: () =>
        this.needs.length > 0 && !this.bound
          ? [`needs ${this.needs.map(describeNeed).join(', ')}, but bind() was never called`]
          : [],
    });
  }

  /**
   * Grants what `needs` asks for, and only that, and tells the handler where to find it through environment
   * variables (TABLE_NAME, DOCUMENTS_BUCKET, STATE_MACHINE_ARN; NOTIFY_DELIVERY, SENDER_EMAIL for 'notify';
   * SIGNING_KEY_ID, the key's ARN, for 'documents:sign' and 'documents:verify'; USER_POOL_ID for
   * 'staff:manage' and 'staff:read'; PSEUDONYM_KEY_ID for 'pseudonym:key'; SITES_BUCKET and PUBLIC_BASE_URL
   * for 'site:publish').
   * Throws when a needed resource is missing.
   */
  bind(resources: ServiceResources): this {
    const fn = this.function;
    this.bound = true;
    for (const need of this.needs) {
      if (typeof need === 'object') {
        this.grantTable(this.table(resources), need);
        continue;
      }
      switch (need) {
        case 'documents:read':
          this.documents(resources).grantRead(fn);
          break;
        case 'documents:write':
          this.documents(resources).grantPut(fn);
          break;
        case 'emblems:read':
          // Not the letters and attachments beside them: the emblems' prefix only (List* lets a missing one
          // answer NoSuchKey, a regency without an emblem, rather than AccessDenied).
          this.documents(resources).grantRead(fn, 'emblems/*');
          break;
        case 'emblems:write':
          this.documents(resources).grantPut(fn, 'emblems/*');
          break;
        case 'market-photos:upload':
          // The presigned POST's policy names the key; the ticket is written beside it.
          this.documents(resources).grantPut(fn, 'uploads/market/*');
          break;
        case 'market-photos:attach':
          this.documents(resources).grantRead(fn, 'uploads/market/*');
          this.documents(resources).grantDelete(fn, 'uploads/market/*');
          this.documents(resources).grantPut(fn, 'market-photos/*');
          this.documents(resources).grantDelete(fn, 'market-photos/*');
          break;
        case 'market-photos:read':
          this.documents(resources).grantRead(fn, 'market-photos/*');
          break;
        case 'uploads:accept':
          // Attachments are read (size, first bytes), copied under their request and the upload deleted.
          this.documents(resources).grantReadWrite(fn);
          this.documents(resources).grantDelete(fn);
          break;
        case 'documents:sign':
          // The letter's hash and its PAdES signature (document key), under a certificate the authority issues.
          grantSign(this.signingKey(resources), fn);
          grantSign(this.certificateAuthorityKey(resources), fn);
          break;
        case 'documents:verify':
          // The hash signature (document key) and an embedded signature's chain (the authority's public key,
          // or a signing service's root).
          grantVerify(this.signingKey(resources), fn);
          grantVerify(this.certificateAuthorityKey(resources), fn);
          this.function.addEnvironment('SIGNING_SERVICE_ROOTS', signingRoots(resources.signingServices));
          break;
        case 'signing:regencies':
          this.function.addEnvironment('BSRE_REGENCIES', signingRegencies(resources.signingServices));
          break;
        case 'signing:service': {
          const settings = Object.values(resources.signingServices ?? {});
          this.function.addEnvironment('BSRE_REGENCIES', signingRegencies(resources.signingServices));
          this.function.addEnvironment('SIGNING_SERVICE_ROOTS', signingRoots(resources.signingServices));
          if (settings.length > 0) {
            fn.addToRolePolicy(
              new PolicyStatement({
                actions: ['secretsmanager:GetSecretValue'],
                resources: settings.map((setting) => setting.credentialsSecretArn),
              }),
            );
          }
          break;
        }
        case 'workflow:start':
          this.stateMachine(resources).grantStartExecution(fn);
          break;
        case 'workflow:signal':
          this.stateMachine(resources).grantTaskResponse(fn);
          break;
        case 'workflow:describe':
          this.stateMachine(resources).grantExecution(fn, 'states:DescribeExecution');
          break;
        case 'notify':
          // The outbox is written before anything is sent, and messages are counted per destination: notifying
          // without both grants cannot work.
          if (
            !grantsAll(this.needs, TABLE_NEEDS.requestWrites) ||
            !grantsAll(this.needs, TABLE_NEEDS.rateCounts)
          ) {
            throw new Error(
              `${this.node.path} (${this.entry}) needs notify without the outbox (REQ# PutItem, UpdateItem) or message counts (RATE# UpdateItem)`,
            );
          }
          // Messages are counted per destination under a keyed pseudonym of the address (issue 10).
          if (!this.needs.includes('pseudonym:key')) {
            throw new Error(
              `${this.node.path} (${this.entry}) needs notify without pseudonym:key (destination limits)`,
            );
          }
          this.required(resources.notifications, 'notifications').grantDeliver(fn);
          break;
        case 'staff:manage':
          this.userPool(resources).grant(fn, ...STAFF_MANAGE_ACTIONS);
          break;
        case 'staff:read':
          this.userPool(resources).grant(fn, ...STAFF_READ_ACTIONS);
          break;
        case 'site:publish': {
          const sites = this.required(resources.sites, 'sites bucket');
          sites.bucket.grantPut(fn, 'desa/*');
          this.function.addEnvironment('SITES_BUCKET', sites.bucket.bucketName);
          this.function.addEnvironment('PUBLIC_BASE_URL', sites.baseUrl);
          break;
        }
        case 'pseudonym:key': {
          const key = this.required(resources.pseudonymKey, 'pseudonym key');
          this.function.addEnvironment('PSEUDONYM_KEY_ID', key.keyArn);
          grantPseudonyms(key, fn);
          break;
        }
      }
    }
    return this;
  }

  /**
   * A TableNeed as one statement: item actions on the table with a `dynamodb:LeadingKeys` condition on the
   * partition key prefixes, or Query on the named indexes (which LeadingKeys cannot narrow, see TableNeed).
   * `ForAllValues` holds vacuously for a request without a partition key (Scan): no TableNeed grants Scan,
   * and every action it can grant names one partition per item, so the condition always has a value.
   */
  private grantTable(table: ITable, need: TableNeed): void {
    const actions = need.table.map((action) => `dynamodb:${action}`);
    this.role.addToPrincipalPolicy(
      'indexes' in need
        ? new PolicyStatement({
            actions,
            resources: need.indexes.map((index) => `${table.tableArn}/index/${index}`),
          })
        : new PolicyStatement({
            actions,
            resources: [table.tableArn],
            conditions: {
              'ForAllValues:StringLike': {
                'dynamodb:LeadingKeys': need.partitions.map((prefix) => `${prefix}*`),
              },
            },
          }),
    );
  }

  private table(resources: ServiceResources): ITable {
    const table = this.required(resources.table, 'table');
    this.function.addEnvironment('TABLE_NAME', table.tableName);
    return table;
  }

  private documents(resources: ServiceResources): IBucket {
    const bucket = this.required(resources.documents, 'documents bucket');
    this.function.addEnvironment('DOCUMENTS_BUCKET', bucket.bucketName);
    return bucket;
  }

  /**
   * The ARN goes to signalling functions too: task tokens alone would do, but the shared workflow adapter is
   * configured with the ARN (and it is not a secret).
   */
  private stateMachine(resources: ServiceResources): IStateMachine {
    const stateMachine = this.required(resources.stateMachine, 'state machine');
    this.function.addEnvironment('STATE_MACHINE_ARN', stateMachine.stateMachineArn);
    return stateMachine;
  }

  /** The key's ARN, not its alias: signatures name the key that made them by ARN. */
  private signingKey(resources: ServiceResources): IKey {
    const key = this.required(resources.signingKey, 'signing key');
    this.function.addEnvironment('SIGNING_KEY_ID', key.keyArn);
    return key;
  }

  private certificateAuthorityKey(resources: ServiceResources): IKey {
    const key = this.required(resources.certificateAuthorityKey, 'certificate authority key');
    this.function.addEnvironment('CA_KEY_ID', key.keyArn);
    return key;
  }

  private userPool(resources: ServiceResources): IUserPool {
    const userPool = this.required(resources.userPool, 'user pool');
    this.function.addEnvironment('USER_POOL_ID', userPool.userPoolId);
    return userPool;
  }

  private required<T>(resource: T | undefined, what: string): T {
    if (resource === undefined) {
      throw new Error(`${this.node.path} (${this.entry}) needs ${what}, but bind() was not given it`);
    }
    return resource;
  }
}

const describeNeed = (need: ResourceNeed): string => (typeof need === 'string' ? need : JSON.stringify(need));

/** Whether the needs grant every action of `wanted` on every one of its partitions. */
function grantsAll(
  needs: readonly ResourceNeed[],
  wanted: TableNeed & { partitions: readonly string[] },
): boolean {
  return wanted.table.every((action) =>
    wanted.partitions.every((partition) =>
      needs.some(
        (need) =>
          typeof need === 'object' &&
          'partitions' in need &&
          (need.partitions as readonly string[]).includes(partition) &&
          (need.table as readonly string[]).includes(action),
      ),
    ),
  );
}

/** BSRE_REGENCIES: each signing regency's API and the name of its credentials secret (signing-services.ts). */
const signingRegencies = (settings: ServiceResources['signingServices'] = {}): string =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(settings).map(([regency, setting]) => [
        regency,
        { baseUrl: setting.baseUrl, credentials: setting.credentialsSecretArn },
      ]),
    ),
  );

/** SIGNING_SERVICE_ROOTS: the signing services' root certificates, base64 DER, comma-separated. */
const signingRoots = (settings: ServiceResources['signingServices'] = {}): string =>
  [...new Set(Object.values(settings).map((setting) => pemBody(setting.rootCertificate)))].join(',');

const pemBody = (pem: string): string => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
