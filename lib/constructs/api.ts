import { Duration, RemovalPolicy } from 'aws-cdk-lib';
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
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../functions/api/route-types.js';
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
}

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
  /** The deployed routes that take no token (route access 'public'): the catalog, villages, verification. */
  readonly publicRoutes: readonly HttpRoute[];

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

    // The gateway only proves the token (signature, issuer, audience, expiry). Role and area checks
    // (RouteDefinition.access) happen in the handler, which knows the request's village.
    const jwt = new HttpJwtAuthorizer('CognitoJwt', props.jwtIssuer, {
      jwtAudience: [...props.jwtAudience],
      identitySource: ['$request.header.Authorization'],
    });
    const none = new HttpNoneAuthorizer();

    const handlers = new Construct(this, 'Handlers');
    const functions: Record<string, ServiceFunction> = {};
    const publicRoutes: HttpRoute[] = [];
    for (const route of props.routes) {
      const handler = new ServiceFunction(handlers, route.id, {
        entry: route.entry,
        needs: route.needs,
        description: `${route.method} ${route.path}`,
        logRetention: props.logRetention,
      });
      const deployed = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.id}Integration`, handler.function),
        authorizer: route.access === 'public' ? none : jwt,
      });
      if (route.access === 'public') publicRoutes.push(...deployed);
      functions[route.id] = handler;
    }
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
