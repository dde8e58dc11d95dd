import { type CfnResource, Names, Stack, Token, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, type NagPack, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { ResourceNeed } from '../functions/api/route-types.js';
import { BACKUP_ROLE_POLICIES } from './constructs/backups.js';
import { ServiceFunction } from './constructs/service-function.js';
import type { DesaDigitalStack } from './stack.js';

/**
 * cdk-nag (issue 4, item 8): the rule packs every deployment is checked against, and every finding the
 * stack deliberately keeps, each with its reason. What could be fixed was fixed in the constructs (functions'
 * roles without AWS managed policies, S3 access logs for the documents bucket, API access logs, log
 * retention, tracing, TLS-only buckets); everything below is a decision, not an oversight.
 *
 * cdk-nag 3 runs as a CDK policy-validation plugin: an unacknowledged error fails `cdk synth`. An
 * acknowledgment names one rule, or one finding of a rule (`AwsSolutions-IAM5[Resource::…]`), on one
 * construct and everything below it, so the acknowledgments here are as narrow as the finding allows.
 */

/** The packs: AWS Solutions (security and operations) and Serverless (Lambda, API, workflow practice). */
export const nagPacks = (scope?: IConstruct): NagPack[] => [
  new AwsSolutionsChecks(scope),
  new ServerlessChecks(scope),
];

interface Acknowledgment {
  readonly id: string;
  readonly reason: string;
}

const acknowledge = (scope: IConstruct, ...acknowledgments: Acknowledgment[]) => {
  for (const acknowledgment of acknowledgments) Validations.of(scope).acknowledge(acknowledgment);
};

/**
 * How a finding in the template of `from` (default: the resource's own stack) names a resource:
 * `<LogicalId.Arn>`, or, from a nested stack, `<referenceto…Arn>`, the parameter CDK passes it through.
 */
const arnOf = (construct: IConstruct, from: IConstruct = construct): string =>
  `<${referenceOf(construct, from, 'Arn')}>`;

/** What `from`'s template calls an attribute of a resource: its logical id (`Id.Arn`), or a nested parameter. */
const referenceOf = (construct: IConstruct, from: IConstruct, attribute: 'Arn' | 'Ref'): string => {
  const resource = construct.node.defaultChild as CfnResource;
  const owner = Stack.of(construct);
  if (Stack.of(from) !== owner) return `referenceto${Names.nodeUniqueId(resource.node)}${attribute}`;
  const id = owner.resolve(resource.logicalId) as string;
  return attribute === 'Ref' ? id : `${id}.${attribute}`;
};

const iam5 = (finding: string, reason: string): Acknowledgment => ({
  id: `AwsSolutions-IAM5[${finding}]`,
  reason,
});

/** grantExecution's resource: every execution of the one state machine (`…:execution:<its name>:*`). */
const executionsOf = (stateMachine: IConstruct, from: IConstruct): Acknowledgment => {
  const { region } = Stack.of(stateMachine);
  const name = `{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${referenceOf(stateMachine, from, 'Ref')}"}]}]}`;
  return iam5(
    `Resource::arn:<AWS::Partition>:states:${Token.isUnresolved(region) ? '<AWS::Region>' : region}:<AWS::AccountId>:execution:${name}:*`,
    "The reconciler reads the status of a request's execution (DescribeExecution); executions are named " +
      'after requests, so the grant names every execution of this state machine and no other.',
  );
};

const XRAY =
  'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level ' +
  'permissions, so "*" is the only resource they can be granted on.';
const SMS =
  'SMS notifications: sns:Publish straight to a phone number has no resource ARN to scope to; the same role ' +
  'has an explicit Deny of sns:Publish on every SNS ARN, so the Allow reaches phone numbers only ' +
  '(Notifications.grantDeliver).';

/** Findings that CDK's grant helpers produce for the documents bucket, by the actions they group. */
const documentGrants = (
  documents: IConstruct,
  from: IConstruct,
  actions: readonly string[],
): Acknowledgment[] => {
  const reason =
    'CDK bucket grant on the documents bucket only: its action groups (Get/List/Delete/Abort variants of ' +
    'the same operations) and its objects, whose keys (per request, per letter, per upload) are only known ' +
    'at run time.';
  return [
    iam5(`Resource::${arnOf(documents, from)}/*`, reason),
    ...actions.map((action) => iam5(`Action::${action}`, reason)),
  ];
};

/** The same CDK grants, narrowed to prefixes of the documents bucket whose keys are only known at run time. */
const prefixGrants = (
  documents: IConstruct,
  from: IConstruct,
  prefixes: readonly string[],
  actions: readonly string[],
  what: string,
): Acknowledgment[] => {
  const reason = `CDK bucket grant on the documents bucket's ${prefixes.join(' and ')} prefixes only (${what}), with its action groups.`;
  return [
    ...prefixes.map((prefix) => iam5(`Resource::${arnOf(documents, from)}/${prefix}*`, reason)),
    ...actions.map((action) => iam5(`Action::${action}`, reason)),
  ];
};

const EMBLEMS = 'one letterhead emblem per regency, keyed by a regency code';
const PHOTOS = "each product's photos, keyed by product and photo ids";

/**
 * What each need's grant leaves for nag to flag, and why it stays. Keyed by every ResourceNeed, so a new
 * need cannot be added without deciding here. A TableNeed leaves nothing: it names the table or its indexes
 * one by one (no wildcard), its partitions by a LeadingKeys condition.
 */
function needFindings(
  stack: DesaDigitalStack,
  fn: IConstruct,
): Record<Extract<ResourceNeed, string>, Acknowledgment[]> {
  const { documents } = stack.data;
  return {
    'documents:read': documentGrants(documents, fn, ['s3:GetObject*', 's3:GetBucket*', 's3:List*']),
    'documents:write': documentGrants(documents, fn, ['s3:Abort*']),
    'emblems:read': prefixGrants(
      documents,
      fn,
      ['emblems/'],
      ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
      EMBLEMS,
    ),
    'emblems:write': prefixGrants(documents, fn, ['emblems/'], ['s3:Abort*'], EMBLEMS),
    'market-photos:upload': prefixGrants(documents, fn, ['uploads/market/'], ['s3:Abort*'], PHOTOS),
    'market-photos:attach': prefixGrants(
      documents,
      fn,
      ['uploads/market/', 'market-photos/'],
      ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'],
      PHOTOS,
    ),
    'market-photos:read': prefixGrants(
      documents,
      fn,
      ['market-photos/'],
      ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
      PHOTOS,
    ),
    'uploads:accept': documentGrants(documents, fn, [
      's3:GetObject*',
      's3:GetBucket*',
      's3:List*',
      's3:DeleteObject*',
      's3:Abort*',
    ]),
    notify: [iam5('Resource::*', `${XRAY} ${SMS}`)],
    'documents:sign': [],
    'documents:verify': [],
    'workflow:start': [],
    'workflow:signal': [],
    'workflow:describe': [executionsOf(stack.workflow.stateMachine, fn)],
    'staff:manage': [],
    'staff:read': [],
    'pseudonym:key': [],
    // GetSecretValue on each signing regency's credentials secret, named by its full ARN.
    'signing:service': [],
    'signing:regencies': [],
    'site:publish': [
      iam5(
        `Resource::${arnOf(stack.web.sites, fn)}/desa/*`,
        "CDK bucket grant (PutObject) on the village sites bucket's desa/ prefix only: one file per page of each " +
          'village, whose keys are only known at run time.',
      ),
      iam5(
        'Action::s3:Abort*',
        'Part of the same CDK PutObject grant on the sites bucket (aborting uploads).',
      ),
    ],
  };
}

const SYNCHRONOUS_DLQ =
  'Invoked synchronously, never asynchronously: a dead-letter queue only receives failed asynchronous ' +
  'invocations. The caller sees and handles every failure: API Gateway answers the client with an error; ' +
  'Step Functions catches it and records it on the request (RecordFailure); Cognito fails the sign-in.';

/** Records every deliberate nag finding of one deployment's stack (see the module comment). */
export function acknowledgeNagFindings(stack: DesaDigitalStack): void {
  // The alarm topic carries alarm names and states, never personal data; server-side encryption with a
  // customer key would need a key policy for CloudWatch and a key's monthly fee, for nothing to protect.
  acknowledge(stack.operations.topic, {
    id: 'AwsSolutions-SNS2',
    reason: 'Alarm notifications hold no personal data (names and states of CloudWatch alarms only).',
  });
  const { identity, api, workflow, web, data, reconciler, reminderDigests, siteRenders } = stack;
  // AWS Backup's service role: AWS's own service-role policies are the documented way to let the service
  // snapshot DynamoDB and read S3 versions; AWS keeps them in step with what the service calls.
  acknowledge(
    stack.backups,
    ...BACKUP_ROLE_POLICIES.map((name) => ({
      id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
      reason:
        'AWS Backup service role (lib/constructs/backups.ts): the managed policy AWS maintains for the backup ' +
        'service itself, assumed only by backup.amazonaws.com; no function or person uses this role.',
    })),
  );

  // CodeDeploy's service role for the API's gradual deployments (lib/constructs/api.ts).
  acknowledge(api.deployer, {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
    reason:
      "CodeDeploy's service role for the API functions' gradual deployments (lib/constructs/api.ts): the " +
      'managed policy AWS maintains for CodeDeploy on Lambda (shift an alias, read its alarms), assumed only ' +
      'by codedeploy.amazonaws.com; no function or person uses this role.',
  });

  // Every house function: X-Ray on "*", and what its needs' grants leave.
  for (const fn of stack.node.findAll().filter((node) => node instanceof ServiceFunction)) {
    const findings = needFindings(stack, fn);
    // One acknowledgment per finding: a need's reason replaces the plain X-Ray one (notify adds SMS to "*").
    const acknowledgments = [
      iam5('Resource::*', XRAY),
      ...fn.needs.flatMap((need) => (typeof need === 'string' ? findings[need] : [])),
    ];
    acknowledge(fn, ...new Map(acknowledgments.map((ack) => [ack.id, ack])).values());
  }
  for (const fn of [
    ...Object.values(api.functions),
    ...Object.values(workflow.functions),
    identity.preTokenGeneration,
  ]) {
    acknowledge(fn, { id: 'Serverless-LambdaDLQ', reason: SYNCHRONOUS_DLQ });
  }
  for (const fn of Object.values(api.functions)) {
    acknowledge(fn, {
      id: 'Serverless-LambdaTracing',
      reason:
        'PassThrough on purpose (lib/constructs/trace-sampling.ts): the HTTP API starts no trace and Lambda ' +
        "samples the calls it starts at its own fixed rate, whose 1-a-second reservoir is nearly every call at a regency's " +
        'volume (X-Ray bills per trace). API calls are recorded by the access log and structured logs; the ' +
        'workflow is traced at 5 % by a sampling rule.',
    });
  }

  // The reconciler is the one asynchronous function: a run that fails is repeated by the next one.
  const idempotentSchedule =
    'The reconciler runs every few minutes and is idempotent: the next run redoes whatever a failed run ' +
    'left, and a failed run raises the reconciler error alarm. A queue of failed runs would hold nothing ' +
    'that run does not already redo.';
  acknowledge(reconciler.function, { id: 'Serverless-LambdaDLQ', reason: idempotentSchedule });
  acknowledge(reconciler.rule, { id: 'Serverless-EventBusDLQ', reason: idempotentSchedule });
  acknowledge(reconciler.measureRule, { id: 'Serverless-EventBusDLQ', reason: idempotentSchedule });
  // The reminder digests likewise: each run looks back over several closed hours and sends what is left.
  const hourlyDigests =
    'The reminder digest job runs hourly and is idempotent: each run looks back over the last six closed ' +
    'hours and sends or settles whatever an earlier run left, and a failed run raises its error alarm. A ' +
    'queue of failed runs would hold nothing that the next run does not already redo.';
  acknowledge(reminderDigests.function, { id: 'Serverless-LambdaDLQ', reason: hourlyDigests });
  acknowledge(reminderDigests.rule, { id: 'Serverless-EventBusDLQ', reason: hourlyDigests });
  // The site renders likewise: a stale mark stays until its village is rendered, and the daily run marks all.
  const siteRenderRuns =
    'The site render job runs every five minutes and is idempotent: a village keeps its stale mark until a ' +
    'run renders it, the daily run marks every village, and a failed run raises its error alarm. A queue ' +
    'of failed runs would hold nothing that the next run does not already redo.';
  acknowledge(siteRenders.function, { id: 'Serverless-LambdaDLQ', reason: siteRenderRuns });
  acknowledge(siteRenders.rule, { id: 'Serverless-EventBusDLQ', reason: siteRenderRuns });
  acknowledge(siteRenders.dailyRule, { id: 'Serverless-EventBusDLQ', reason: siteRenderRuns });

  // The state machine's role: invoke its own task functions (and their versions), X-Ray, log delivery.
  const stateMachine = workflow.stateMachine;
  acknowledge(
    stateMachine,
    iam5(
      'Resource::*',
      'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) and ' +
        'Step Functions log delivery to CloudWatch Logs (logs:CreateLogDelivery and the other log-delivery ' +
        'actions) support no resource-level permissions: "*" is the only resource they can be granted on.',
    ),
    ...Object.values(workflow.functions).map((fn) =>
      iam5(
        `Resource::${arnOf(fn.function)}:*`,
        'Step Functions may invoke this task function and its versions or aliases (CDK LambdaInvoke grant); ' +
          'the function is named, only the qualifier is a wildcard.',
      ),
    ),
  );

  // Identity.
  acknowledge(
    identity.userPool,
    {
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional pool-wide on purpose: citizens register with a phone number or e-mail and must not ' +
        'need an authenticator app. Staff are held to TOTP: the pre token generation trigger gives staff ' +
        'without TOTP no groups, hence no role (functions/identity/staff-mfa.ts).',
    },
    {
      id: 'AwsSolutions-COG8',
      reason:
        'Essentials, not Plus: Plus (threat protection, adaptive authentication) is billed per monthly active ' +
        "user at several times Essentials' price, out of reach of a village budget for every citizen; " +
        'Essentials has what the platform uses (version 2 pre token trigger for the staff MFA rule).',
    },
    iam5(
      'Resource::*',
      "Cognito's SMS role (verification codes by SMS): sns:Publish to phone numbers has no resource ARN; " +
        'the role can only be assumed by cognito-idp with the external id CDK generated for this pool.',
    ),
  );

  // The HTTP API's public routes.
  for (const route of api.publicRoutes) {
    acknowledge(route, {
      id: 'AwsSolutions-APIG4',
      reason:
        "Public by design (route access 'public' in functions/api/routes.ts): the service catalog, the " +
        'village directory, the public letter verification a QR code opens, and the OpenAPI document. Every ' +
        'other route is behind the Cognito JWT authorizer; the stage throttles all routes.',
    });
  }

  // The secret CloudFront sends to the API (lib/constructs/api.ts originVerifySecret).
  acknowledge(api.originVerifySecret, {
    id: 'AwsSolutions-SMG4',
    reason:
      'Not rotated by a function: CloudFront and the API functions read the value as dynamic references ' +
      'resolved at deploy time, so a rotation takes effect at the next deploy (change the secret, then ' +
      'deploy). It only proves a call came through the distribution, so that CloudFront-Viewer-Address is ' +
      'believed; it grants no access to data.',
  });

  // Storage.
  acknowledge(data.accessLogs, {
    id: 'AwsSolutions-S1',
    reason: 'This bucket receives the documents bucket access logs; logging its own access would loop.',
  });
  acknowledge(web.accessLogs, {
    id: 'AwsSolutions-S1',
    reason: 'This bucket receives the CloudFront access logs; logging its own access would loop.',
  });
  acknowledge(web.bucket, {
    id: 'AwsSolutions-S1',
    reason:
      'Only CloudFront reads the site bucket (origin access control), and CloudFront logs every viewer ' +
      'request to the web access log bucket; writes come from the deployment only (CloudTrail). It holds ' +
      'the public front end, no personal data.',
  });

  acknowledge(web.sites, {
    id: 'AwsSolutions-S1',
    reason:
      'Only CloudFront reads the village sites bucket (origin access control), and CloudFront logs every ' +
      'viewer request; its objects are public pages rendered by the publishing functions, no personal data.',
  });

  // The web front end's CDN.
  acknowledge(
    web.distribution,
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: Indonesian citizens abroad (migrant workers, students) apply for and verify ' +
        "letters from their home village; the API's authorization, not the viewer's country, guards data.",
    },
    // With edge protection on (config edgeProtection) the distribution has its web ACL, and nothing to acknowledge.
    ...(stack.deployment.edgeProtection
      ? []
      : [
          {
            id: 'AwsSolutions-CFR2',
            reason:
              'No AWS WAF in this deployment (config edgeProtection is off): a web ACL costs about US$18 a month ' +
              'plus per request (docs/deploy.md), a choice for the regency. The API throttles at the stage, every ' +
              'non-public route needs a Cognito token, and CloudFront has AWS Shield Standard.',
          },
        ]),
    ...[
      'AwsSolutions-CFR4',
      'Annotation::@aws-cdk/aws-cloudfront:minimumProtocolVersionWithoutCertificate',
    ].map((id) => ({
      id,
      reason:
        'The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the ' +
        'security policy (TLSv1) and ignores minimumProtocolVersion. TLS_V1_2_2021 is already set and ' +
        'applies as soon as a custom domain with its own certificate is configured.',
    })),
  );

  // CDK's BucketDeployment handler (one per stack, owned by CDK): copies the built site into the site bucket.
  const bucketDeployment = stack.node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (bucketDeployment) {
    const cdkOwned =
      "CDK's BucketDeployment custom resource handler (runs only during deployments, to copy the built " +
      'front end into the site bucket and invalidate CloudFront); CDK owns its code, runtime and policy.';
    const qualifier = stack.synthesizer.bootstrapQualifier ?? 'hnb659fds';
    acknowledge(
      bucketDeployment,
      { id: 'AwsSolutions-L1', reason: `${cdkOwned} Its runtime is chosen by aws-cdk-lib.` },
      { id: 'Serverless-LambdaLatestVersion', reason: `${cdkOwned} Its runtime is chosen by aws-cdk-lib.` },
      { id: 'Serverless-LambdaTracing', reason: `${cdkOwned} Not on any request path: nothing to trace.` },
      { id: 'Serverless-LambdaDLQ', reason: `${cdkOwned} CloudFormation invokes it and reports failures.` },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: `${cdkOwned} CDK attaches the managed policy for its logs.`,
      },
      iam5(
        'Resource::*',
        `${cdkOwned} cloudfront:CreateInvalidation and GetInvalidation are granted on "*" by CDK; the handler ` +
          'only invalidates the distribution the deployment names.',
      ),
      ...[
        `Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-${stack.region}/*`,
        `Resource::${arnOf(web.bucket)}/*`,
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
      ].map((finding) =>
        iam5(finding, `${cdkOwned} Its grants name the CDK asset bucket and the site bucket only.`),
      ),
    );
  }
}
