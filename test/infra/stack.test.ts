import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { agencySystemsOf, DEPLOYMENTS } from '../../config/deployments.js';
import { getOpenApi, ROUTES, VERIFY_RESERVED_CONCURRENCY } from '../../functions/api/routes.js';
import { WORKFLOW_ENDINGS } from '../../functions/core/approvals/approvals.js';
import { agencyScope, MACHINE_SCOPES } from '../../functions/core/identity/policy.js';
import { ROLES } from '../../functions/core/identity/roles.js';
import { SCHEDULED_JOBS } from '../../functions/workflow/scheduled-jobs.js';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks.js';
import { buildApp, stackIdOf, synthesizeTemplate } from '../../lib/app.js';
import { Api, LIVE_ALIAS } from '../../lib/constructs/api.js';
import { PRE_TOKEN_GENERATION_ENTRY } from '../../lib/constructs/identity.js';
import {
  ENTRY_METADATA_KEY,
  STAFF_MANAGE_ACTIONS,
  STAFF_READ_ACTIONS,
} from '../../lib/constructs/service-function.js';
import { HEAVY_SETUP_BUDGET_MS } from '../support/budgets.js';
import { unbundledStack } from '../support/cdk.js';
import { mergedTemplate, resourceCounts } from '../support/templates.js';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON; the assertions check its shape
type Json = any;
type Resource = {
  Type: string;
  Properties: Record<string, Json>;
  Metadata?: Record<string, unknown>;
  DeletionPolicy?: string;
};
type State = Record<string, Json>;

const SYNTH_TIMEOUT = HEAVY_SETUP_BUDGET_MS; // synthesis bundles every function: slow on a busy machine
const DEPLOYMENT = 'jatim';
/** CloudFormation's resources per template, nested stacks included. */
const STACK_RESOURCE_LIMIT = 500;

/** Turns intrinsic functions into readable placeholders: Ref → ${Id}, GetAtt → ${Id.Attr}, Join → joined. */
function resolve(value: unknown): string {
  if (typeof value === 'string') return value;
  const intrinsic = value as Record<string, Json>;
  if ('Ref' in intrinsic) return `\${${intrinsic.Ref}}`;
  if ('Fn::GetAtt' in intrinsic) return `\${${intrinsic['Fn::GetAtt'].join('.')}}`;
  if ('Fn::Join' in intrinsic) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map(resolve).join(separator);
  }
  throw new Error(`Cannot resolve ${JSON.stringify(value)}`);
}

describe('DesaDigitalStack', () => {
  let stack: Stack;
  let template: Template;
  let resources: Record<string, Resource>;
  let states: Record<string, State>;
  let definition: State;

  const ofType = (type: string): [string, Resource][] =>
    Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const only = (type: string, idPrefix = ''): [string, Resource] => {
    const [first, ...rest] = ofType(type).filter(([id]) => id.startsWith(idPrefix));
    if (!first || rest.length > 0) throw new Error(`Expected exactly one ${type}`);
    return first;
  };
  /** The project's functions (each carries its handler module); CDK's own helpers (the web deployment's) aside. */
  const serviceFunctions = (): [string, Resource][] =>
    ofType('AWS::Lambda::Function').filter(([, fn]) => fn.Metadata?.[ENTRY_METADATA_KEY] !== undefined);
  const functionByEntry = (entry: string): [string, Resource] => {
    const found = ofType('AWS::Lambda::Function').find(
      ([, fn]) => fn.Metadata?.[ENTRY_METADATA_KEY] === entry,
    );
    if (!found) throw new Error(`No function for ${entry}`);
    return found;
  };
  const routeFunction = (routeId: string) => {
    const route = ROUTES.find((candidate) => candidate.id === routeId);
    if (!route) throw new Error(`No route ${routeId}`);
    return functionByEntry(route.entry);
  };
  /** Every action any policy attached to the function's role allows. */
  const allowedActions = ([, fn]: [string, Resource]): string[] => {
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap((statement) => [statement.Action].flat());
  };
  const lambdaTasks = () => Object.entries(states).filter(([, state]) => state.Type === 'Task');
  const clients = () => ofType('AWS::Cognito::UserPoolClient');
  const webClient = () => {
    const [first, ...rest] = clients().filter(([, client]) => client.Properties.GenerateSecret === false);
    if (!first || rest.length > 0) throw new Error('Expected exactly one public client');
    return first;
  };
  const agencyClients = () => clients().filter(([, client]) => client.Properties.GenerateSecret === true);

  beforeAll(() => {
    // Prepare
    const app = buildApp({ deploymentId: DEPLOYMENT, bundling: false });
    stack = app.node.findChild(`DesaDigital-${DEPLOYMENT}`) as Stack;
    // Act
    template = Template.fromJSON(mergedTemplate(stack));
    resources = template.toJSON().Resources;
    const [, stateMachine] = only('AWS::StepFunctions::StateMachine');
    definition = JSON.parse(resolve(stateMachine.Properties.DefinitionString));
    states = definition.States;
  }, SYNTH_TIMEOUT);

  describe('functions', () => {
    it('run Node.js 24 on arm64 with source maps', () => {
      for (const [, fn] of serviceFunctions()) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps', LOG_LEVEL: 'INFO' } },
        });
      }
    });

    it("trace API calls only on a caller's decision (PassThrough), and everything else actively", () => {
      // Lambda samples the calls it starts at its own rate (nearly all at this volume): see trace-sampling.ts.
      const apiEntries = new Set(ROUTES.map((route) => route.entry));
      const functions = serviceFunctions();
      expect(functions.length).toBeGreaterThan(ROUTES.length);
      for (const [id, fn] of functions) {
        const api = apiEntries.has(String(fn.Metadata?.[ENTRY_METADATA_KEY]));
        expect({ id, mode: fn.Properties.TracingConfig?.Mode }).toEqual({
          id,
          mode: api ? 'PassThrough' : 'Active',
        });
      }
    });

    it('log to their own log group, which expires after a month', () => {
      for (const [, fn] of serviceFunctions()) {
        const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref;
        expect(resources[logGroupId]?.Properties.RetentionInDays).toBe(30);
      }
    });

    it('carry their handler module, relative to the repository root, as metadata', () => {
      const entries = serviceFunctions().map(([, fn]) => fn.Metadata?.[ENTRY_METADATA_KEY]);
      const expected = [
        ...ROUTES.map((route) => route.entry),
        ...Object.values(WORKFLOW_TASKS).map((task) => task.entry),
        ...Object.values(SCHEDULED_JOBS).map((job) => job.entry),
        PRE_TOKEN_GENERATION_ENTRY,
      ];
      expect(entries.sort()).toEqual(expected.sort());
    });

    it('get only the environment their needs call for', () => {
      const variables = (fn: [string, Resource]) => fn[1].Properties.Environment.Variables;
      expect(variables(routeFunction('getOpenApi'))).not.toHaveProperty('TABLE_NAME');
      expect(variables(routeFunction('verifyDocument'))).toHaveProperty('TABLE_NAME');
      expect(variables(routeFunction('verifyDocument'))).not.toHaveProperty('STATE_MACHINE_ARN');
      expect(variables(routeFunction('submitRequest'))).toHaveProperty('STATE_MACHINE_ARN');
      expect(variables(routeFunction('getRequestDocument'))).toHaveProperty('DOCUMENTS_BUCKET');
    });
  });

  describe('data', () => {
    it('keeps requests in an encrypted, on-demand table with point-in-time recovery that is retained', () => {
      const [, table] = only('AWS::DynamoDB::GlobalTable');
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        Replicas: [
          {
            Region: 'ap-southeast-3',
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          },
        ],
      });
    });

    it('indexes the table for inboxes, village listings, pending tasks, citizens and pending signals, projecting only what is read from the index', () => {
      const [, table] = only('AWS::DynamoDB::GlobalTable');
      const projections = [
        // the inbox by status; the dashboard counts from it alone
        { ProjectionType: 'INCLUDE', NonKeyAttributes: ['serviceCode', 'createdAt', 'document'] },
        // a village's requests (keys: requests have none of these), and the village directory's summaries
        {
          ProjectionType: 'INCLUDE',
          NonKeyAttributes: ['code', 'name', 'kind', 'district', 'regency', 'province', 'services'],
        },
        { ProjectionType: 'KEYS_ONLY' },
        { ProjectionType: 'KEYS_ONLY' },
        { ProjectionType: 'KEYS_ONLY' },
      ];
      expect(table.Properties.GlobalSecondaryIndexes).toEqual(
        projections.map((Projection, index) => ({
          IndexName: `gsi${index + 1}`,
          KeySchema: [
            { AttributeName: `gsi${index + 1}pk`, KeyType: 'HASH' },
            { AttributeName: `gsi${index + 1}sk`, KeyType: 'RANGE' },
          ],
          Projection,
        })),
      );
    });

    it('keeps documents in a private, versioned, encrypted bucket that is retained', () => {
      const [, bucket] = only('AWS::S3::Bucket', 'DataDocuments');
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
    });

    it('refuses documents bucket requests that are not over TLS', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });
  });

  describe('approval workflow', () => {
    it('is a Standard state machine with full logging (without execution data) and tracing', () => {
      const [, stateMachine] = only('AWS::StepFunctions::StateMachine');
      expect(stateMachine.Properties).toMatchObject({
        StateMachineType: 'STANDARD',
        LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
        TracingConfiguration: { Enabled: true },
      });
    });

    it('traces 5 % of executions with no reservoir, by a sampling rule scoped to this state machine', () => {
      const [stateMachineId] = only('AWS::StepFunctions::StateMachine');
      const [, rule] = only('AWS::XRay::SamplingRule');
      expect(rule.Properties.SamplingRule).toMatchObject({
        FixedRate: 0.05,
        ReservoirSize: 0,
        ServiceType: 'AWS::StepFunctions::StateMachine',
        ResourceARN: { Ref: stateMachineId },
      });
      // Below the account's Default rule (priority 10000), so it is the one that matches the executions.
      expect(rule.Properties.SamplingRule.Priority).toBeLessThan(10000);
      expect(rule.Properties.SamplingRule.RuleName.length).toBeLessThanOrEqual(32);
    });

    it('has the state names the handlers and the local runtime rely on, and a global timeout', () => {
      expect(definition.StartAt).toBe('AwaitDecision');
      expect(Object.keys(states).sort()).toEqual([...Object.keys(WORKFLOW_TASKS), 'Closed', 'Failed'].sort());
      expect(definition.TimeoutSeconds).toBe(30 * 24 * 3600);
    });

    it('invokes each automated task by its bare function ARN, so the output is the function result', () => {
      for (const [name, task] of Object.entries(WORKFLOW_TASKS)) {
        if (name === 'AwaitDecision') continue;
        const [functionId] = functionByEntry(task.entry);
        expect(states[name]?.Resource, name).toBe(`\${${functionId}.Arn}`);
      }
    });

    it('waits for a decision with a task token until the stage deadline, escalates, and loops to itself', () => {
      const awaitDecision = states.AwaitDecision as State;
      expect(awaitDecision.Resource).toMatch(/lambda:invoke\.waitForTaskToken$/);
      expect(awaitDecision.TimeoutSecondsPath).toBe('$.stage.deadlineSeconds');
      expect(awaitDecision.Parameters.Payload).toEqual({
        'requestId.$': '$.requestId',
        'stage.$': '$.stage',
        'taskToken.$': '$$.Task.Token',
        'enteredAt.$': '$$.State.EnteredTime',
      });
      // A decision's next step is the next stage's input: no Choice state, one transition per human stage.
      expect(awaitDecision.Next).toBe('AwaitDecision');
      expect(awaitDecision.Catch[0]).toEqual({
        ErrorEquals: ['States.Timeout'],
        ResultPath: '$.timeout',
        Next: 'EscalateStage',
      });
      expect(states.EscalateStage?.Next).toBe('AwaitDecision');
    });

    it('ends the wait into IssueDocument or Closed by the named errors of a final step', () => {
      const awaitDecision = states.AwaitDecision as State;
      expect(awaitDecision.Catch.slice(1, 3)).toEqual([
        { ErrorEquals: [WORKFLOW_ENDINGS.approved], Next: 'IssueDocument', ResultPath: null },
        { ErrorEquals: [WORKFLOW_ENDINGS.closed], Next: 'Closed', ResultPath: null },
      ]);
      expect(states.Closed?.Type).toBe('Succeed');
      expect(states.IssueDocument?.End).toBe(true);
      expect(states.IssueDocument?.Parameters).toEqual({ 'requestId.$': '$.requestId' });
    });

    it('records every task failure on the request before failing the execution', () => {
      for (const [name, task] of lambdaTasks()) {
        const catchAll = task.Catch.at(-1);
        if (name === 'RecordFailure') {
          expect(catchAll).toMatchObject({ ErrorEquals: ['States.ALL'], Next: 'Failed' });
          expect(task.Next).toBe('Failed');
        } else {
          expect(catchAll, name).toEqual({
            ErrorEquals: ['States.ALL'],
            ResultPath: '$.error',
            Next: 'RecordFailure',
          });
        }
      }
      expect(states.Failed).toMatchObject({ Type: 'Fail', ErrorPath: '$.error.Error' });
    });

    it('bounds every automated task with a timeout', () => {
      for (const [name, task] of lambdaTasks()) {
        if (name === 'AwaitDecision') continue;
        expect(task.TimeoutSeconds, name).toBeGreaterThan(0);
      }
    });

    it('retries Lambda service errors and TransientError with exponential backoff and full jitter', () => {
      for (const [name, task] of lambdaTasks()) {
        const retried = task.Retry.flatMap((retry: State) => retry.ErrorEquals);
        expect(retried, name).toEqual(
          expect.arrayContaining([
            'Lambda.ServiceException',
            'Lambda.TooManyRequestsException',
            'TransientError',
          ]),
        );
        for (const retry of task.Retry) {
          expect(retry, name).toMatchObject({
            IntervalSeconds: 2,
            BackoffRate: 2,
            MaxAttempts: 5,
            JitterStrategy: 'FULL',
          });
        }
      }
    });

    it("tells the document issuer the web front end's URL, whose verification page the QR code opens", () => {
      const [, issuer] = functionByEntry(WORKFLOW_TASKS.IssueDocument.entry);
      expect(issuer.Properties.Environment.Variables.PUBLIC_BASE_URL).toEqual(
        template.toJSON().Outputs.WebUrl.Value,
      );
    });
  });

  describe('HTTP API', () => {
    it('has one route per route table entry: public ones open, the others behind the JWT authorizer', () => {
      const [authorizerId] = only('AWS::ApiGatewayV2::Authorizer');
      const routes = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);
      expect(routes).toHaveLength(ROUTES.length);
      for (const route of ROUTES) {
        const deployed = routes.find((candidate) => candidate.RouteKey === `${route.method} ${route.path}`);
        if (route.access === 'public') {
          expect(deployed, route.id).toMatchObject({ AuthorizationType: 'NONE' });
          expect(deployed?.AuthorizerId, route.id).toBeUndefined();
        } else {
          expect(deployed, route.id).toMatchObject({
            AuthorizationType: 'JWT',
            AuthorizerId: { Ref: authorizerId },
          });
        }
      }
    });

    it("accepts tokens issued by the Cognito user pool for the web client and the agencies' clients", () => {
      const [, authorizer] = only('AWS::ApiGatewayV2::Authorizer');
      const [poolId] = only('AWS::Cognito::UserPool');
      const [webClientId] = webClient();
      const agencyClientIds = agencyClients().map(([id]) => id);
      expect(agencyClientIds).toHaveLength(4);
      expect(authorizer.Properties).toMatchObject({
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
      });
      // API Gateway checks an access token's client_id against this list when it has no aud claim.
      expect(authorizer.Properties.JwtConfiguration.Audience).toEqual(
        [webClientId, ...agencyClientIds].map((id) => ({ Ref: id })),
      );
      expect(resolve(authorizer.Properties.JwtConfiguration.Issuer)).toBe(
        `https://cognito-idp.ap-southeast-3.amazonaws.com/\${${poolId}}`,
      );
    });

    it("invokes each route's function through its live alias, which CodeDeploy shifts and rolls back", () => {
      const [applicationId, application] = only('AWS::CodeDeploy::Application');
      expect(application.Properties.ComputePlatform).toBe('Lambda');
      const integrations = ofType('AWS::ApiGatewayV2::Integration');
      const permissions = ofType('AWS::Lambda::Permission');
      for (const route of ROUTES) {
        const [functionId] = routeFunction(route.id);
        const [versionId] = ofType('AWS::Lambda::Version').find(
          ([, version]) => version.Properties.FunctionName.Ref === functionId,
        ) ?? [route.id];
        const [aliasId, alias] = ofType('AWS::Lambda::Alias').find(
          ([, each]) => each.Properties.FunctionName.Ref === functionId,
        ) ?? [route.id];
        expect(alias?.Properties, route.id).toMatchObject({
          Name: LIVE_ALIAS,
          FunctionVersion: { 'Fn::GetAtt': [versionId, 'Version'] },
        });
        // The route's integration and API Gateway's permission name the alias, never the function.
        const [, deployed] = ofType('AWS::ApiGatewayV2::Route').find(
          ([, each]) => each.Properties.RouteKey === `${route.method} ${route.path}`,
        ) ?? [route.id];
        const integrationId = resolve(deployed?.Properties.Target).replace(
          /^integrations\/\$\{(.*)\}$/,
          '$1',
        );
        const integration = integrations.find(([id]) => id === integrationId)?.[1];
        expect(integration?.Properties.IntegrationUri, route.id).toEqual({ Ref: aliasId });
        expect(
          permissions.filter(([, permission]) => permission.Properties.FunctionName.Ref === aliasId),
          route.id,
        ).toHaveLength(1);
        // CodeDeploy moves the alias (canary by default) and rolls back on the alarm over the alias's errors.
        const update = (alias as Json).UpdatePolicy.CodeDeployLambdaAliasUpdate;
        expect(update.ApplicationName, route.id).toEqual({ Ref: applicationId });
        const group = resources[update.DeploymentGroupName.Ref] as Resource;
        expect(group.Properties, route.id).toMatchObject({
          ApplicationName: { Ref: applicationId },
          DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
          AutoRollbackConfiguration: {
            Enabled: true,
            Events: expect.arrayContaining(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']),
          },
          AlarmConfiguration: { Enabled: true, Alarms: [{ Name: { Ref: expect.any(String) } }] },
        });
        const alarm = resources[group.Properties.AlarmConfiguration.Alarms[0].Name.Ref] as Resource;
        expect(alarm.Properties, route.id).toMatchObject({ MetricName: 'Errors', Threshold: 1 });
        expect(alarm.Properties.Dimensions, route.id).toContainEqual({
          Name: 'Resource',
          Value: { 'Fn::Join': ['', [{ Ref: functionId }, `:${LIVE_ALIAS}`]] },
        });
      }
    });

    it.each([
      ['linear', 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute'],
      ['all-at-once', 'CodeDeployDefault.LambdaAllAtOnce'],
    ] as const)(
      "deploys the API functions %s when the deployment's config says so",
      (apiDeployment, config) => {
        const small = unbundledStack();
        new Api(small, 'Api', {
          routes: [getOpenApi],
          jwtIssuer: 'https://issuer.example',
          jwtAudience: ['client'],
          deployment: apiDeployment,
        });
        const groups = Object.values<Resource>(mergedTemplate(small).Resources).filter(
          (resource) => resource.Type === 'AWS::CodeDeploy::DeploymentGroup',
        );
        expect(groups.map((group) => group.Properties.DeploymentConfigName)).toEqual([config]);
      },
    );

    it('serves the $default stage with throttling and access logs that expire', () => {
      const [, stage] = only('AWS::ApiGatewayV2::Stage');
      expect(stage.Properties).toMatchObject({
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      });
      const logGroupId = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
      expect(resources[logGroupId]?.Properties.RetentionInDays).toBe(30);
    });
  });

  describe('least privilege', () => {
    it('lets the public verification functions read the table and count rate limits, but never write anything else, sign or start anything', () => {
      for (const routeId of ['verifyDocument', 'verifyDocumentUpload']) {
        const fn = routeFunction(routeId);
        const actions = allowedActions(fn);
        expect(actions).toContain('dynamodb:GetItem');
        expect(actions.filter((action) => /^dynamodb:(Put|Delete|BatchWrite)/.test(action))).toEqual([]);
        expect(actions.filter((action) => /^(s3|states):/.test(action))).toEqual([]);
        // The one write: UpdateItem, on the rate counters' partitions only
        const roleId = fn[1].Properties.Role['Fn::GetAtt'][0];
        const updates = ofType('AWS::IAM::Policy')
          .filter(([, policy]) =>
            policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId),
          )
          .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
          .filter((statement) => [statement.Action].flat().includes('dynamodb:UpdateItem'));
        expect(updates).toEqual([
          expect.objectContaining({
            Action: 'dynamodb:UpdateItem',
            Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RATE#*'] } },
          }),
        ]);
      }
    });

    it('runs the public verification functions on their own reserved concurrency, and no other route', () => {
      for (const routeId of ['verifyDocument', 'verifyDocumentUpload']) {
        expect(routeFunction(routeId)[1].Properties.ReservedConcurrentExecutions).toBe(
          VERIFY_RESERVED_CONCURRENCY,
        );
      }
      const reserved = ROUTES.filter(
        (route) => routeFunction(route.id)[1].Properties.ReservedConcurrentExecutions !== undefined,
      ).map((route) => route.id);
      expect(reserved.sort()).toEqual(['verifyDocument', 'verifyDocumentUpload']);
    });

    it('lets the decision function resume waiting workflows', () => {
      expect(allowedActions(routeFunction('decideRequest'))).toEqual(
        expect.arrayContaining(['states:SendTaskSuccess', 'states:SendTaskFailure']),
      );
    });

    it("lets only routes that need 'staff:manage' manage staff accounts, in this user pool", () => {
      const [poolId] = only('AWS::Cognito::UserPool');
      for (const route of ROUTES) {
        const fn = routeFunction(route.id);
        const cognito = allowedActions(fn).filter((action) => action.startsWith('cognito-idp:'));
        if (route.needs.includes('staff:manage')) {
          expect(cognito.sort(), route.id).toEqual([...STAFF_MANAGE_ACTIONS].sort());
          expect(fn[1].Properties.Environment.Variables.USER_POOL_ID, route.id).toEqual({ Ref: poolId });
        } else {
          expect(cognito, route.id).toEqual([]);
          expect(fn[1].Properties.Environment.Variables, route.id).not.toHaveProperty('USER_POOL_ID');
        }
      }
    });

    it('lets only the workflow tasks that open or escalate stages list staff, read-only, in this user pool', () => {
      // Prepare
      const [poolId] = only('AWS::Cognito::UserPool');
      const listers = Object.entries(WORKFLOW_TASKS).filter(([, task]) =>
        (task.needs as readonly string[]).includes('staff:read'),
      );
      // Assess
      expect(listers.map(([name]) => name)).toEqual(['AwaitDecision', 'EscalateStage']);
      for (const [name, task] of Object.entries(WORKFLOW_TASKS)) {
        const fn = functionByEntry(task.entry);
        const cognito = allowedActions(fn).filter((action) => action.startsWith('cognito-idp:'));
        if ((task.needs as readonly string[]).includes('staff:read')) {
          expect(cognito, name).toEqual([...STAFF_READ_ACTIONS]);
          expect(fn[1].Properties.Environment.Variables.USER_POOL_ID, name).toEqual({ Ref: poolId });
        } else {
          expect(cognito, name).toEqual([]);
          expect(fn[1].Properties.Environment.Variables, name).not.toHaveProperty('USER_POOL_ID');
        }
      }
      const [, awaitDecision] = functionByEntry(WORKFLOW_TASKS.AwaitDecision.entry);
      const roleId = awaitDecision.Properties.Role['Fn::GetAtt'][0];
      const statements = ofType('AWS::IAM::Policy')
        .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
        .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
      expect(statements).toContainEqual({
        Action: 'cognito-idp:ListUsersInGroup',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [poolId, 'Arn'] },
      });
    });

    it("lets only the submissions (a citizen's request, the secretary's legal draft, the musdes verification, a welfare case) start executions", () => {
      const starters = ROUTES.filter((route) =>
        allowedActions(routeFunction(route.id)).includes('states:StartExecution'),
      );
      expect(starters.map((route) => route.id).sort()).toEqual(
        ['submitRequest', 'draftLegalProduct', 'draftMusdesVerification', 'reportCase'].sort(),
      );
    });
  });

  describe('identity', () => {
    it('has one user pool group per role', () => {
      const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties.GroupName);
      expect(groups.sort()).toEqual([...ROLES].sort());
      expect(groups).toContain('data_protection_officer');
    });

    it('lets citizens sign up with email or phone, staff sign in by username, with optional one-time-password MFA and a strong password', () => {
      const [, pool] = only('AWS::Cognito::UserPool');
      expect(pool.DeletionPolicy).toBe('Retain');
      expect(pool.Properties).toMatchObject({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
        // Usernames (staff accounts such as operator.tampo) plus e-mail and phone as sign-in aliases.
        AliasAttributes: ['email', 'phone_number'],
        MfaConfiguration: 'OPTIONAL',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: true } },
        UserPoolTier: 'ESSENTIALS',
      });
    });

    it('keeps area and agency as custom attributes', () => {
      const [, pool] = only('AWS::Cognito::UserPool');
      expect(pool.Properties.Schema).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Name: 'area', AttributeDataType: 'String', Mutable: true }),
          expect.objectContaining({ Name: 'agency', AttributeDataType: 'String', Mutable: true }),
        ]),
      );
    });

    it('gives the browser a public client that reads but cannot change its own area or agency', () => {
      const [, client] = webClient();
      expect(client.Properties.GenerateSecret).toBe(false);
      expect(client.Properties.ExplicitAuthFlows).toContain('ALLOW_USER_SRP_AUTH');
      expect(client.Properties.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
      expect(client.Properties.ReadAttributes).toEqual(
        expect.arrayContaining(['custom:area', 'custom:agency']),
      );
      expect(client.Properties.WriteAttributes).not.toContain('custom:area');
      expect(client.Properties.WriteAttributes).not.toContain('custom:agency');
    });

    it('holds staff to TOTP with a version 2 pre token generation trigger that Cognito may invoke', () => {
      const [poolId, pool] = only('AWS::Cognito::UserPool');
      const [triggerId] = functionByEntry(PRE_TOKEN_GENERATION_ENTRY);
      expect(pool.Properties.LambdaConfig).toEqual({
        PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [triggerId, 'Arn'] }, LambdaVersion: 'V2_0' },
      });
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [triggerId, 'Arn'] },
        Principal: 'cognito-idp.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
      });
    });

    // Granted by a policy of its own: in the role's default policy, the pool's ARN would make a cycle (pool →
    // trigger → default policy → pool), which Template.fromStack refuses ("Template is undeployable").
    it("lets the trigger read users' MFA settings in this pool only, and nothing else", () => {
      const [poolId] = only('AWS::Cognito::UserPool');
      const trigger = functionByEntry(PRE_TOKEN_GENERATION_ENTRY);
      expect(
        allowedActions(trigger)
          .filter((action) => !action.startsWith('xray:'))
          .sort(),
      ).toEqual(['cognito-idp:AdminGetUser', 'logs:CreateLogStream', 'logs:PutLogEvents']);
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [
            {
              Action: 'cognito-idp:AdminGetUser',
              Effect: 'Allow',
              Resource: { 'Fn::GetAtt': [poolId, 'Arn'] },
            },
          ],
        },
      });
      // Cognito gives a trigger 5 seconds.
      expect(trigger[1].Properties.Timeout).toBeLessThanOrEqual(5);
    });

    it('has a resource server with the machine scopes and one scope per configured agency and area', () => {
      const [, server] = only('AWS::Cognito::UserPoolResourceServer');
      expect(server.Properties.Identifier).toBe('desa-digital');
      const scopes = server.Properties.Scopes.map(
        (scope: { ScopeName: string }) => `desa-digital/${scope.ScopeName}`,
      );
      const agencyScopes = [
        agencyScope('kesmas', '35.10'),
        agencyScope('dukcapil', '35.10'),
        agencyScope('kesmas', '35.02'),
        agencyScope('dukcapil', '35.02'),
      ];
      expect(scopes.sort()).toEqual([...Object.values(MACHINE_SCOPES), ...agencyScopes].sort());
      const deployment = DEPLOYMENTS.find((candidate) => candidate.id === DEPLOYMENT);
      expect(
        agencySystemsOf(deployment as (typeof DEPLOYMENTS)[number])
          .map((c) => agencyScope(c.agency, c.area))
          .sort(),
      ).toEqual(agencyScopes.sort());
    });

    it('serves the OAuth token endpoint at a Cognito domain named after the deployment', () => {
      const [domainId, domain] = only('AWS::Cognito::UserPoolDomain');
      expect(domain.Properties.Domain).toBe(`desa-digital-${DEPLOYMENT}`);
      // The domain's Ref is its prefix: https://desa-digital-jatim.auth.ap-southeast-3.amazoncognito.com/…
      expect(resolve(template.toJSON().Outputs.OAuthTokenUrl.Value)).toBe(
        `https://\${${domainId}}.auth.ap-southeast-3.amazoncognito.com/oauth2/token`,
      );
    });

    it('gives each agency system a confidential client for client credentials only, with its own agency scope', () => {
      const [serverId] = only('AWS::Cognito::UserPoolResourceServer');
      const names = agencyClients().map(([, client]) => client.Properties.ClientName);
      expect(names.sort()).toEqual(
        [
          'agency-kesmas-35.10',
          'agency-dukcapil-35.10',
          'agency-kesmas-35.02',
          'agency-dukcapil-35.02',
        ].sort(),
      );
      for (const [, client] of agencyClients()) {
        const [, agency, area] = /^agency-([a-z]+)-([0-9.]+)$/.exec(client.Properties.ClientName) ?? [];
        expect(client.Properties, client.Properties.ClientName).toMatchObject({
          GenerateSecret: true,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['client_credentials'],
          // No user sign-in (SRP, password, custom) through an agency's client.
          ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
          AccessTokenValidity: 60,
        });
        expect(client.Properties.CallbackURLs).toBeUndefined();
        const scopes = client.Properties.AllowedOAuthScopes.map((scope: unknown) =>
          resolve(scope).replace(`\${${serverId}}`, 'desa-digital'),
        );
        expect(scopes.sort()).toEqual(
          [...Object.values(MACHINE_SCOPES), agencyScope(agency as string, area as string)].sort(),
        );
      }
    });
  });

  it('exports what clients and the operators need', () => {
    const outputs = Object.keys(template.toJSON().Outputs);
    expect(outputs.sort()).toEqual(
      [
        'ApiUrl',
        'UserPoolId',
        'UserPoolClientId',
        'OAuthTokenUrl',
        'AgencyClientIdKesmas3510',
        'AgencyClientIdDukcapil3510',
        'AgencyClientIdKesmas3502',
        'AgencyClientIdDukcapil3502',
        'TableName',
        'DocumentsBucketName',
        'StateMachineArn',
        'DocumentSigningKeyArn',
        'WebUrl',
        'VerifyUrlPrefix',
        'AlarmTopicArn',
        'DashboardName',
        'BackupVaultName',
      ].sort(),
    );
  });

  // CloudFormation refuses a stack of more than 500 resources at deploy time, not at synthesis: this says so
  // first, for the parent and each nested stack. A route costs the parent three (route, integration,
  // permission) and its capability's nested stack eight (function, role, policy, log group, version, alias,
  // deployment group, rollback alarm); a new capability costs the parent one nested stack.
  it("keeps every stack, parent and nested, 50 resources or more within CloudFormation's 500", () => {
    const counts = resourceCounts(stack);
    console.info(
      `resources per stack (limit ${STACK_RESOURCE_LIMIT}):\n${counts
        .map(({ path, resources: count }) => `  ${path}: ${count} (headroom ${STACK_RESOURCE_LIMIT - count})`)
        .join('\n')}`,
    );
    expect(counts.length).toBeGreaterThan(1);
    for (const { path, resources: count } of counts) {
      expect(STACK_RESOURCE_LIMIT - count, path).toBeGreaterThanOrEqual(50);
    }
  });

  it('is tagged with the project, the deployment and its regencies', () => {
    const [, table] = only('AWS::DynamoDB::GlobalTable');
    expect(table.Properties.Replicas[0].Tags).toEqual(
      expect.arrayContaining([
        { Key: 'project', Value: 'desa-digital' },
        { Key: 'deployment', Value: DEPLOYMENT },
        { Key: 'regencies', Value: '35.10 35.02' },
      ]),
    );
  });
});

describe('buildApp', () => {
  it('creates one stack per deployment in its region', () => {
    // Act
    const app = buildApp({ bundling: false });
    // Assess
    const stacks = app.node.children.filter(Stack.isStack);
    expect(stacks.map((stack) => stack.stackName)).toEqual(DEPLOYMENTS.map(stackIdOf));
    expect(stacks.map((stack) => stack.region)).toEqual(DEPLOYMENTS.map((deployment) => deployment.region));
  });

  it('rejects an unknown deployment, naming the known ones', () => {
    expect(() => buildApp({ deploymentId: 'atlantis', bundling: false })).toThrow(
      /Unknown deployment "atlantis".*jatim/,
    );
  });

  it(
    'synthesizes a deployment template with the state machine for the local runtime',
    () => {
      // Act
      const template = synthesizeTemplate();
      // Assess
      const types = Object.values(template.Resources as Record<string, Resource>).map(
        (resource) => resource.Type,
      );
      expect(types).toContain('AWS::StepFunctions::StateMachine');
    },
    SYNTH_TIMEOUT,
  );
});
