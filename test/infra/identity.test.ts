import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../functions/api/route-types.js';
import { MACHINE_SCOPES } from '../../functions/core/identity/policy.js';
import { Api } from '../../lib/constructs/api.js';
import { Identity } from '../../lib/constructs/identity.js';
import { unbundledStack } from '../support/cdk.js';
import { mergedTemplate } from '../support/templates.js';

describe('Identity', () => {
  it('without agency systems has the web client only, and the machine scopes without agency scopes', () => {
    // Prepare
    const stack = unbundledStack();
    // Act
    const identity = new Identity(stack, 'Identity', {
      domainPrefix: 'desa-digital-test',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Assess
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    expect(identity.audiences).toEqual([identity.client.userPoolClientId]);
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'desa-digital',
      Scopes: Object.values(MACHINE_SCOPES).map((scope) =>
        Match.objectLike({ ScopeName: scope.replace('desa-digital/', '') }),
      ),
    });
  });

  it('lists the web client first, then one audience per agency system', () => {
    // Prepare
    const stack = unbundledStack();
    // Act
    const identity = new Identity(stack, 'Identity', {
      domainPrefix: 'desa-digital-test',
      agencySystems: [
        { agency: 'kesmas', area: '35.10' },
        { agency: 'dukcapil', area: '35.02' },
      ],
    });
    // Assess
    expect(identity.audiences).toHaveLength(3);
    expect(identity.audiences[0]).toBe(identity.client.userPoolClientId);
    expect(identity.agencyClients.map((client) => client.scope)).toEqual([
      'desa-digital/agency:kesmas:35.10',
      'desa-digital/agency:dukcapil:35.02',
    ]);
  });

  it('refuses an agency system configured twice', () => {
    // Act / Assess
    expect(
      () =>
        new Identity(unbundledStack(), 'Identity', {
          domainPrefix: 'desa-digital-test',
          agencySystems: [
            { agency: 'kesmas', area: '35.10' },
            { agency: 'kesmas', area: '35.10' },
          ],
        }),
    ).toThrow(/configured twice: agency:kesmas:35\.10/);
  });
});

describe("a route that needs 'staff:manage'", () => {
  it('synthesizes behind the API with the user pool bound, granted on that pool', () => {
    // Prepare
    const stack = unbundledStack();
    const identity = new Identity(stack, 'Identity', {
      domainPrefix: 'desa-digital-test',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const route: RouteDefinition = {
      id: 'createStaff',
      method: 'POST',
      path: '/v1/staff',
      access: ['regency_admin'],
      rows: 'village-onboarding',
      entry: 'functions/api/list-services.ts', // any existing module: nothing is bundled here
      summary: 'Create a staff account',
      tags: ['staff'],
      needs: ['staff:manage'],
      responses: { 201: { description: 'Created' } },
    };
    // Act
    new Api(stack, 'Api', {
      routes: [route],
      jwtIssuer: identity.issuerUrl,
      jwtAudience: identity.audiences,
    }).bind({ userPool: identity.userPool });
    // Assess: the route's function is in the API's nested stack, which gets the pool through parameters
    const template = Template.fromJSON(mergedTemplate(stack));
    const [poolId] = Object.keys(template.findResources('AWS::Cognito::UserPool'));
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ USER_POOL_ID: { Ref: poolId } }) },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['cognito-idp:AdminCreateUser', 'cognito-idp:AdminAddUserToGroup']),
            Resource: { 'Fn::GetAtt': [poolId, 'Arn'] },
          }),
        ]),
      },
    });
  });
});
