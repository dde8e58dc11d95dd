import { Duration, NestedStack, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import {
  type ILambdaDeploymentConfig,
  LambdaApplication,
  LambdaDeploymentConfig,
  LambdaDeploymentGroup,
} from 'aws-cdk-lib/aws-codedeploy';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { ApiDeployment } from '../../config/deployments.js';
import { ORIGIN_VERIFY_ENV } from '../../functions/api/actor.js';
import type { ResourceNeed, RouteDefinition } from '../../functions/api/route-types.js';
import { RUNBOOK, type RunbookKey } from './operations.js';
import { ServiceFunction, type ServiceResources } from './service-function.js';

export interface ApiProps {
  /** The route table: one function, integration and route each. */
  readonly routes: readonly RouteDefinition[];
  /** Issuer (`iss`) of the tokens non-public routes accept, e.g. https://cognito-idp.<region>.amazonaws.com/<poolId>. */
  readonly jwtIssuer: string;
  /** Accepted `aud` (ID tokens) or `client_id` (access tokens) values: the app client ids. */
  readonly jwtAudience: readonly string[];
  /**
   * Origins of the web front end.
   * @default - any origin (tokens travel in the Authorization header, never in cookies)
   */
  readonly allowedOrigins?: readonly string[];
  /**
   * Steady-state requests per second across the API; the burst allowance is twice this.
   * @default 100
   */
  readonly rateLimit?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /**
   * How CodeDeploy shifts a route's traffic to a new version of its function (Deployment.apiDeployment).
   * @default 'canary': 10 % for 5 minutes, then the rest
   */
  readonly deployment?: ApiDeployment;
}

export const API_DEPLOYMENT_CONFIGS: Record<ApiDeployment, ILambdaDeploymentConfig> = {
  canary: LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
  linear: LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE,
  'all-at-once': LambdaDeploymentConfig.ALL_AT_ONCE,
};

/** The alias every route's integration invokes; CodeDeploy moves it from version to version. */
export const LIVE_ALIAS = 'live';

/** Runbook entry of the alarms that roll back a route's gradual deployment. */
export const ROLLBACK_RUNBOOK: RunbookKey = 'api-rollback';

/**
 * Needs whose grant names the function's role in a key policy (signing-key.ts grantUse): KMS refuses a
 * policy naming a role that does not exist yet, so such a role must be created in the key's stack, before
 * the key's policy. A nested stack's roles are created after the parent's resources they refer to (here the
 * key itself), which would make a cycle: these functions stay in the parent stack.
 */
const KEY_POLICY_NEEDS: readonly ResourceNeed[] = ['documents:sign', 'documents:verify'];

/**
 * The nested stack a route's function lives in: its capability, the first OpenAPI tag; `undefined` for the
 * parent stack (KEY_POLICY_NEEDS). A new route joins its capability's stack and moves no other function (a
 * function that changed stacks would be replaced); a new capability gets a stack of its own. Each holds a
 * handful of routes at eight resources each, far from CloudFormation's 500.
 */
export const handlerGroupOf = (route: RouteDefinition): string | undefined => {
  if (route.needs.some((need) => KEY_POLICY_NEEDS.includes(need))) return undefined;
  const [tag] = route.tags;
  if (!tag) throw new Error(`Route ${route.id} has no tag: its tag names the nested stack of its function`);
  return tag
    .split(/[^a-zA-Z0-9]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
};

/** Access log line: who called which route and how it went. No paths or query strings: they may carry ids. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: AccessLogField.contextRequestId(),
    time: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    routeKey: '$context.routeKey',
    status: '$context.status',
    latency: '$context.responseLatency',
    integrationLatency: '$context.integration.latency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    userAgent: '$context.identity.userAgent',
  }),
);

/**
 * The public HTTP API: one ServiceFunction per route of the route table behind a JWT authorizer. Functions
 * are created with the API; `bind()` grants them what their routes need (so the API can exist before the
 * workflow, whose letters link back to the API).
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** Base URL of the API (the $default stage is served at the root), e.g. https://abc123.execute-api.<region>.amazonaws.com. */
  readonly endpoint: string;
  /** The function behind each route, by route id. */
  readonly functions: Readonly<Record<string, ServiceFunction>>;
  /** The `live` alias of each route's function, by route id: what the route invokes. */
  readonly aliases: Readonly<Record<string, Alias>>;
  /** The nested stacks holding the route functions, by capability (see handlerGroupOf). */
  readonly handlerStacks: Readonly<Record<string, NestedStack>>;
  /** The CodeDeploy application every route function's deployment group belongs to. */
  readonly deployments: LambdaApplication;
  /** CodeDeploy's service role, shared by every route's deployment group. */
  readonly deployer: Role;
  /** The deployed routes that take no token (route access 'public'): the catalog, villages, verification. */
  readonly publicRoutes: readonly HttpRoute[];
  /**
   * The shared secret CloudFront sends to the API in the X-Origin-Verify header (web.ts). The execute-api
   * endpoint stays open (agencies' systems call it directly), so anyone can send CloudFront-Viewer-Address
   * there: the functions trust that header only on calls carrying this secret (actor.ts originOf), and use
   * the source address otherwise. Generated by Secrets Manager at deploy time, never in the template; it
   * reaches CloudFront and the functions' environment as dynamic references, resolved at deploy time (a new
   * value takes effect at the next deploy).
   */
  readonly originVerifySecret: Secret;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const rateLimit = props.rateLimit ?? 100;

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Desa Digital API v1',
      createDefaultStage: false, // created below, with access logs and throttling
      corsPreflight: {
        allowOrigins: [...(props.allowedOrigins ?? ['*'])],
        allowMethods: unique(props.routes.map((route) => CorsHttpMethod[route.method])),
        allowHeaders: unique([
          'authorization',
          'content-type',
          ...props.routes.flatMap((route) => route.headers?.map((header) => header.name.toLowerCase()) ?? []),
        ]),
        maxAge: Duration.days(1),
      },
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit, burstLimit: rateLimit * 2 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, 'AccessLogs', {
            retention: props.logRetention ?? RetentionDays.ONE_MONTH,
            removalPolicy: RemovalPolicy.DESTROY,
          }),
        ),
        format: ACCESS_LOG_FORMAT,
      },
    });
    this.endpoint = this.httpApi.apiEndpoint;
    this.originVerifySecret = new Secret(this, 'OriginVerifySecret', {
      description: 'Desa Digital: the X-Origin-Verify value CloudFront sends to the API',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });

    // The gateway only proves the token (signature, issuer, audience, expiry). Role and area checks
    // (RouteDefinition.access) happen in the handler, which knows the request's village.
    const jwt = new HttpJwtAuthorizer('CognitoJwt', props.jwtIssuer, {
      jwtAudience: [...props.jwtAudience],
      identitySource: ['$request.header.Authorization'],
    });
    const none = new HttpNoneAuthorizer();

    // The functions live in nested stacks (CloudFormation's 500 resources per stack); the API, its routes,
    // integrations and permissions stay here, so the API's URL never depends on how functions are grouped.
    const handlers = new Construct(this, 'Handlers');
    const handlerStacks: Record<string, NestedStack> = {};
    this.deployments = new LambdaApplication(this, 'Deployments');
    const deployer = new Role(this, 'Deployer', {
      assumedBy: new ServicePrincipal('codedeploy.amazonaws.com'),
      description: "Desa Digital: CodeDeploy shifts the API functions' live aliases",
    });
    this.deployer = deployer;
    const deploymentConfig = API_DEPLOYMENT_CONFIGS[props.deployment ?? 'canary'];
    const functions: Record<string, ServiceFunction> = {};
    const aliases: Record<string, Alias> = {};
    const publicRoutes: HttpRoute[] = [];
    for (const route of props.routes) {
      const group = handlerGroupOf(route);
      if (group !== undefined && !handlerStacks[group]) {
        handlerStacks[group] = new NestedStack(handlers, group, {
          description: `Desa Digital API functions: ${group}`,
        });
      }
      const scope = group === undefined ? handlers : (handlerStacks[group] as NestedStack);
      const handler = new ServiceFunction(scope, route.id, {
        entry: route.entry,
        needs: route.needs,
        description: `${route.method} ${route.path}`,
        logRetention: props.logRetention,
        reservedConcurrentExecutions: route.reservedConcurrency,
        ...(route.timeoutSeconds ? { timeout: Duration.seconds(route.timeoutSeconds) } : {}),
        ...(route.memorySize ? { memorySize: route.memorySize } : {}),
        ...(route.bundledFiles ? { bundledFiles: route.bundledFiles } : {}),
        // The HTTP API does not trace, and Lambda would trace nearly every call at this volume: see TRACE_SAMPLING.
        tracing: 'pass-through',
      });
      // Tells the handler's originOf which calls came through the web distribution (see originVerifySecret).
      handler.function.addEnvironment(ORIGIN_VERIFY_ENV, this.originVerifySecret.secretValue.unsafeUnwrap());
      // The route invokes the alias; a deploy publishes a version and CodeDeploy shifts the alias to it
      // gradually, rolling back when the alias's errors raise its alarm.
      const alias = new Alias(handler, 'Live', {
        aliasName: LIVE_ALIAS,
        version: handler.function.currentVersion,
      });
      const rollback = new Alarm(handler, 'RollbackAlarm', {
        alarmDescription:
          `${route.id} (${route.method} ${route.path}) failed on its live alias: a deployment in progress rolls ` +
          `back. Runbook: ${RUNBOOK}#${ROLLBACK_RUNBOOK}`,
        metric: alias.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      new LambdaDeploymentGroup(handler, 'Deployment', {
        application: this.deployments,
        alias,
        deploymentConfig,
        role: deployer,
        alarms: [rollback],
        autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
      });
      const deployed = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.id}Integration`, alias),
        authorizer: route.access === 'public' ? none : jwt,
      });
      if (route.access === 'public') publicRoutes.push(...deployed);
      functions[route.id] = handler;
      aliases[route.id] = alias;
    }
    this.aliases = aliases;
    this.handlerStacks = handlerStacks;
    this.functions = functions;
    this.publicRoutes = publicRoutes;
  }

  /** Grants every route's function what its route needs (see ServiceFunction.bind). */
  bind(resources: ServiceResources): this {
    for (const handler of Object.values(this.functions)) handler.bind(resources);
    return this;
  }
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];
