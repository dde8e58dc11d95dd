import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { agencySystemsOf, type Deployment, signingServicesOf } from '../config/deployments.js';
import { getJdihnFeed } from '../functions/api/legal-routes.js';
import { approveWithSignature, ROUTES, reissueDocument } from '../functions/api/routes.js';
import { Api } from './constructs/api.js';
import { ApprovalWorkflow } from './constructs/approval-workflow.js';
import { Backups } from './constructs/backups.js';
import { Data } from './constructs/data.js';
import { UserPoolWebAcl } from './constructs/edge-protection.js';
import { Identity } from './constructs/identity.js';
import { Notifications } from './constructs/notifications.js';
import { Operations } from './constructs/operations.js';
import { PseudonymKey } from './constructs/pseudonym-key.js';
import { Reconciler } from './constructs/reconciler.js';
import { ReminderDigests } from './constructs/reminder-digests.js';
import { SigningKey } from './constructs/signing-key.js';
import { SiteRenders } from './constructs/site-renders.js';
import { Web } from './constructs/web.js';

export interface DesaDigitalStackProps extends StackProps {
  readonly deployment: Deployment;
  /** The web distribution's WAF ACL (the deployment's us-east-1 edge stack), when edge protection is on. */
  readonly distributionWebAclArn?: string;
}

/** One deployment of Desa Digital: data, identity, the approval workflow and the HTTP API in one region. */
export class DesaDigitalStack extends Stack {
  readonly deployment: Deployment;
  readonly data: Data;
  readonly identity: Identity;
  readonly api: Api;
  readonly web: Web;
  readonly workflow: ApprovalWorkflow;
  readonly reconciler: Reconciler;
  readonly reminderDigests: ReminderDigests;
  readonly siteRenders: SiteRenders;
  readonly operations: Operations;
  readonly backups: Backups;

  constructor(scope: Construct, id: string, props: DesaDigitalStackProps) {
    super(scope, id, props);
    const { deployment } = props;
    this.deployment = deployment;

    const data = new Data(this, 'Data');
    const identity = new Identity(this, 'Identity', {
      domainPrefix: `desa-digital-${deployment.id}`,
      agencySystems: agencySystemsOf(deployment),
    });
    const api = new Api(this, 'Api', {
      routes: ROUTES,
      jwtIssuer: identity.issuerUrl,
      // The web client's ID tokens and every agency system's access tokens (client credentials).
      jwtAudience: identity.audiences,
      allowedOrigins: deployment.allowedOrigins,
      rateLimit: deployment.apiRateLimit,
      deployment: deployment.apiDeployment,
    });
    // The web front end (issue 5): S3 behind CloudFront, the API under the same domain at /v1/*.
    const web = new Web(this, 'Web', {
      api: api.httpApi,
      originVerifySecret: api.originVerifySecret,
      userPoolId: identity.userPool.userPoolId,
      userPoolClientId: identity.client.userPoolClientId,
      connectOrigins: [`https://${data.documents.bucketRegionalDomainName}`],
      ...(props.distributionWebAclArn ? { webAclArn: props.distributionWebAclArn } : {}),
    });
    // Edge protection (issue 15, item 6): sign-in and sign-up attempts per address at the user pool.
    if (deployment.edgeProtection) {
      new UserPoolWebAcl(this, 'UserPoolWaf', {
        setting: deployment.edgeProtection,
        name: `desa-digital-${deployment.id}-user-pool`,
        userPoolArn: identity.userPool.userPoolArn,
      });
    }
    // Letters link to the web's verification page (their QR code), and the API starts and resumes the
    // workflow: the API's functions are bound once the state machine exists.
    // Notifications (issue 3, item 7): SMS and e-mail delivery for the functions that need 'notify'.
    const notifications = new Notifications(this, 'Notifications', { sender: deployment.notificationSender });
    // Verifiable documents (issue 3, item 5): the key that signs every letter's hash, kept when the stack goes.
    const signing = new SigningKey(this, 'DocumentSigning', {
      aliasName: `alias/desa-digital/${deployment.id}/document-signing`,
    });
    // PAdES (issue 14): the regency's certificate authority, which certifies each signer over the document
    // key; kept when the stack goes, as every embedded signature chains to it.
    const authority = new SigningKey(this, 'CertificateAuthority', {
      aliasName: `alias/desa-digital/${deployment.id}/certificate-authority`,
      description: 'Desa Digital: the regency certificate authority, certifies letter signers (ECDSA P-256)',
    });
    // NIK and contact pseudonyms (issue 10): a KMS HMAC key, kept when the stack goes.
    const pseudonyms = new PseudonymKey(this, 'Pseudonyms');
    // The workflow tells each stage's deciders that it waits for them: it lists staff in the user pool.
    const workflow = new ApprovalWorkflow(this, 'Workflow', {
      resources: {
        table: data.table,
        documents: data.documents,
        notifications,
        signingKey: signing.key,
        certificateAuthorityKey: authority.key,
        userPool: identity.userPool,
        pseudonymKey: pseudonyms.key,
      },
      publicBaseUrl: web.url,
    });
    api.bind({
      table: data.table,
      documents: data.documents,
      stateMachine: workflow.stateMachine,
      notifications,
      signingKey: signing.key,
      certificateAuthorityKey: authority.key,
      userPool: identity.userPool,
      pseudonymKey: pseudonyms.key,
      sites: { bucket: web.sites, baseUrl: web.url },
      signingServices: signingServicesOf(deployment),
    });
    // A reissued letter carries the same QR link to the public verification page as a first issue.
    api.functions[reissueDocument.id]?.function.addEnvironment('PUBLIC_BASE_URL', web.url);
    // So does a letter BSrE signs at its approval (approveWithSignature renders it there).
    api.functions[approveWithSignature.id]?.function.addEnvironment('PUBLIC_BASE_URL', web.url);
    // The JDIHN feed links each document to its page and its text under this deployment's domain.
    api.functions[getJdihnFeed.id]?.function.addEnvironment('PUBLIC_BASE_URL', web.url);
    const reconciler = new Reconciler(this, 'Reconciler', {
      table: data.table,
      stateMachine: workflow.stateMachine,
      executionTimeout: workflow.timeout,
      notifications,
      pseudonymKey: pseudonyms.key,
    });
    // Reminders to deciders after the first of an hour wait for one digest per person (issue 11, goal 7).
    const reminderDigests = new ReminderDigests(this, 'ReminderDigests', {
      table: data.table,
      notifications,
      pseudonymKey: pseudonyms.key,
    });
    // Changes a village's site shows but no route renders (legal products, the budget) mark it stale:
    // a scheduled job renders it within minutes, and every site daily (issue 12).
    const siteRenders = new SiteRenders(this, 'SiteRenders', {
      table: data.table,
      sites: { bucket: web.sites, baseUrl: web.url },
    });
    // What devops watch (issue 15): alarms on the workflow, every function, the API and the table, the jobs'
    // own alarms, all to one topic (e-mail from the config), and one dashboard; docs/runbook.md says what to do.
    const functions: Record<string, IFunction> = {
      PreTokenGeneration: identity.preTokenGeneration.function,
      Reconciler: reconciler.function.function,
      ReminderDigests: reminderDigests.function.function,
      SiteRenders: siteRenders.function.function,
    };
    for (const [name, handler] of Object.entries({ ...api.functions, ...workflow.functions })) {
      functions[name] = handler.function;
    }
    const operations = new Operations(this, 'Operations', {
      alarmEmail: deployment.alarmEmail,
      stateMachine: workflow.stateMachine,
      functions,
      httpApi: api.httpApi,
      table: data.table,
      openExecutionsAlarmShare: deployment.openExecutionsAlarmShare,
      lateRequestsPerVillageAlarm: deployment.lateRequestsPerVillageAlarm,
      alarms: [
        { alarm: reconciler.errorAlarm, runbook: 'reconciler-errors' },
        { alarm: reconciler.stuckAlarm, runbook: 'reconciler-stuck' },
        { alarm: reminderDigests.errorAlarm, runbook: 'digest-errors' },
        { alarm: siteRenders.errorAlarm, runbook: 'site-render-errors' },
      ],
    });
    // Daily copies of the table and the documents into a vault nobody can empty early (issue 15, item 4);
    // a failed backup job tells the alarm topic.
    const backups = new Backups(this, 'Backups', {
      table: data.table,
      documents: data.documents,
      retentionDays: deployment.backupRetentionDays,
      topic: operations.topic,
    });
    this.data = data;
    this.identity = identity;
    this.api = api;
    this.web = web;
    this.workflow = workflow;
    this.reconciler = reconciler;
    this.reminderDigests = reminderDigests;
    this.siteRenders = siteRenders;
    this.operations = operations;
    this.backups = backups;

    Tags.of(this).add('project', 'desa-digital');
    Tags.of(this).add('deployment', deployment.id);
    Tags.of(this).add('regencies', deployment.regencies.map((regency) => regency.code).join(' '));

    const outputs: Record<string, string> = {
      ApiUrl: api.endpoint,
      UserPoolId: identity.userPool.userPoolId,
      UserPoolClientId: identity.client.userPoolClientId,
      OAuthTokenUrl: identity.tokenUrl,
      TableName: data.table.tableName,
      DocumentsBucketName: data.documents.bucketName,
      StateMachineArn: workflow.stateMachine.stateMachineArn,
      DocumentSigningKeyArn: signing.key.keyArn,
      WebUrl: web.url,
      VerifyUrlPrefix: web.verifyUrlPrefix,
      AlarmTopicArn: operations.topic.topicArn,
      DashboardName: operations.dashboard.dashboardName,
      BackupVaultName: backups.vault.backupVaultName,
    };
    // Agencies' IT staff get their client id here and its secret from Cognito (never in a template).
    for (const { agency, area, client } of identity.agencyClients) {
      outputs[`AgencyClientId${pascal(agency)}${area.replace(/\D/g, '')}`] = client.userPoolClientId;
    }
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}

const pascal = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
