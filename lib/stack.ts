import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Deployment } from '../config/deployments.js';
import { ROUTES } from '../functions/api/routes.js';
import { Api } from './constructs/api.js';
import { ApprovalWorkflow } from './constructs/approval-workflow.js';
import { Data } from './constructs/data.js';
import { Identity } from './constructs/identity.js';

export interface DesaDigitalStackProps extends StackProps {
  readonly deployment: Deployment;
}

/** One deployment of Desa Digital: data, identity, the approval workflow and the HTTP API in one region. */
export class DesaDigitalStack extends Stack {
  constructor(scope: Construct, id: string, props: DesaDigitalStackProps) {
    super(scope, id, props);
    const { deployment } = props;

    const data = new Data(this, 'Data');
    const identity = new Identity(this, 'Identity');
    const api = new Api(this, 'Api', {
      routes: ROUTES,
      jwtIssuer: identity.issuerUrl,
      jwtAudience: [identity.client.userPoolClientId],
      allowedOrigins: deployment.allowedOrigins,
      rateLimit: deployment.apiRateLimit,
    });
    // The workflow's letters link back to the API (QR code to /v1/verify), and the API starts and resumes
    // the workflow: the API's functions are bound once the state machine exists.
    const workflow = new ApprovalWorkflow(this, 'Workflow', {
      table: data.table,
      documents: data.documents,
      publicBaseUrl: api.endpoint,
    });
    api.bind({ table: data.table, documents: data.documents, stateMachine: workflow.stateMachine });

    Tags.of(this).add('project', 'desa-digital');
    Tags.of(this).add('deployment', deployment.id);
    Tags.of(this).add('regencies', deployment.regencies.map((regency) => regency.code).join(' '));

    const outputs: Record<string, string> = {
      ApiUrl: api.endpoint,
      UserPoolId: identity.userPool.userPoolId,
      UserPoolClientId: identity.client.userPoolClientId,
      TableName: data.table.tableName,
      DocumentsBucketName: data.documents.bucketName,
      StateMachineArn: workflow.stateMachine.stateMachineArn,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
