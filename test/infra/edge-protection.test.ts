import { App, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEPLOYMENTS } from '../../config/deployments.js';
import { addDeployment, edgeStackIdOf } from '../../lib/app.js';
import { DEFAULT_RATE_LIMITS } from '../../lib/constructs/edge-protection.js';
import { nagPacks } from '../../lib/nag-suppressions.js';
import { HEAVY_SETUP_BUDGET_MS } from '../support/budgets.js';

const [configured] = DEPLOYMENTS;
if (!configured) throw new Error('no deployment configured');

/** Issue 15, item 6: WAF as a config switch (edgeProtection), on the distribution and the user pool. */
describe('edge protection', () => {
  let edge: Template;
  let main: Template;
  let mainStack: Stack;
  let edgeStack: Stack;

  beforeAll(() => {
    const app = new App();
    app.node.setContext('aws:cdk:bundling-stacks', []);
    mainStack = addDeployment(app, { ...configured, edgeProtection: { limits: { verify: 120 } } });
    edgeStack = app.node.findChild(edgeStackIdOf(configured)) as Stack;
    edge = Template.fromStack(edgeStack);
    main = Template.fromStack(mainStack);
  }, HEAVY_SETUP_BUDGET_MS);

  const rateRule = (kind: string, limit: number, path?: string) =>
    Match.objectLike({
      Name: `RateLimit-${kind}`,
      Action: { Block: {} },
      Statement: {
        RateBasedStatement: Match.objectLike({
          Limit: limit,
          AggregateKeyType: 'IP',
          ...(path
            ? {
                ScopeDownStatement: {
                  ByteMatchStatement: Match.objectLike({
                    SearchString: path,
                    PositionalConstraint: 'STARTS_WITH',
                  }),
                },
              }
            : {}),
        }),
      },
    });

  it('puts the distribution’s ACL in us-east-1, with AWS’s rule groups and a rate limit per kind of call', () => {
    expect(edgeStack.region).toBe('us-east-1');
    edge.resourceCountIs('AWS::WAFv2::WebACL', 1);
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'AWSManagedRulesCommonRuleSet',
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({
              // Letters uploaded to be verified are larger than the group's 8 KB body rule allows.
              RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
            }),
          },
        }),
        Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet' }),
        rateRule('tracking', DEFAULT_RATE_LIMITS.tracking, '/v1/track'),
        rateRule('verify', 120, '/v1/verify'),
        rateRule('uploads', DEFAULT_RATE_LIMITS.uploads, '/v1/uploads'),
        rateRule('overall', DEFAULT_RATE_LIMITS.overall, '/v1/'),
      ]),
    });
  });

  it('attaches it to the web distribution, and guards sign-in at the user pool', () => {
    main.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: Match.anyValue() }),
    });
    main.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([rateRule('signIn', DEFAULT_RATE_LIMITS.signIn)]),
    });
    const [pool] = Object.keys(main.findResources('AWS::Cognito::UserPool'));
    main.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { 'Fn::GetAtt': [pool, 'Arn'] },
    });
  });

  it('leaves cdk-nag nothing to flag: no CFR2 finding once the distribution has its ACL', () => {
    const violations = nagPacks().flatMap((pack) => [
      ...pack.validateScope(mainStack).violations,
      ...pack.validateScope(edgeStack).violations,
    ]);
    expect(violations.map((violation) => `${violation.ruleName}: ${violation.description}`)).toEqual([]);
  });

  it(
    'is off unless the deployment switches it on',
    () => {
      const app = new App();
      app.node.setContext('aws:cdk:bundling-stacks', []);
      const plain = Template.fromStack(addDeployment(app, configured));
      plain.resourceCountIs('AWS::WAFv2::WebACL', 0);
      expect(app.node.tryFindChild(edgeStackIdOf(configured))).toBeUndefined();
    },
    HEAVY_SETUP_BUDGET_MS,
  );
});
