import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { EdgeProtectionSetting } from '../../config/deployments.js';

/** What WAF counts per client address over its five-minute window before blocking, by kind of request. */
export type RateLimitKind = 'tracking' | 'verify' | 'uploads' | 'signIn' | 'overall';

/**
 * Default limits per client address per five minutes. A village office shares one public address among its
 * staff and the citizens it helps at the counter: the limits are set for an office, not for one phone, and
 * each route keeps its own per-client limits behind them (rate-limit.ts).
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<RateLimitKind, number>> = {
  tracking: 300,
  verify: 300,
  uploads: 500,
  signIn: 200,
  overall: 5000,
};

/** The API paths each rate-based rule of the CloudFront ACL counts (the route table's paths). */
const LIMITED_PATHS: Readonly<Record<Exclude<RateLimitKind, 'signIn' | 'overall'>, string>> = {
  tracking: '/v1/track',
  verify: '/v1/verify',
  uploads: '/v1/uploads',
};

export const limitsOf = (setting: EdgeProtectionSetting): Readonly<Record<RateLimitKind, number>> => ({
  ...DEFAULT_RATE_LIMITS,
  ...setting.limits,
});

/**
 * AWS WAF in front of the web distribution (the portal, the console and the API under /v1/*): AWS's common
 * and known-bad-input rule groups, and rate-based rules per client address for tracking, verification,
 * uploads and the API as a whole. A CLOUDFRONT web ACL lives in us-east-1, so this construct goes in the
 * deployment's edge stack (lib/app.ts). The execute-api endpoint that agencies' systems call directly cannot
 * carry WAF (HTTP APIs do not support it): it keeps the stage's throttling.
 */
export class DistributionWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(
    scope: Construct,
    id: string,
    props: { readonly setting: EdgeProtectionSetting; readonly name: string },
  ) {
    super(scope, id);
    const limits = limitsOf(props.setting);
    const paths = Object.entries(LIMITED_PATHS) as [keyof typeof LIMITED_PATHS, string][];
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: props.name,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.name),
      rules: [
        // The letters a citizen uploads to verify (up to 2 MB) and drafts' bodies exceed the common rule
        // group's 8 KB body limit: that one rule only counts; the API checks sizes itself (413).
        managedRule('AWSManagedRulesCommonRuleSet', 0, ['SizeRestrictions_BODY']),
        managedRule('AWSManagedRulesKnownBadInputsRuleSet', 1),
        ...paths.map(([kind, path], index) => rateRule(kind, limits[kind], 2 + index, path)),
        rateRule('overall', limits.overall, 2 + paths.length, '/v1/'),
      ],
    });
  }
}

/**
 * AWS WAF on the Cognito user pool (a REGIONAL web ACL, in the deployment's region): sign-in and sign-up
 * attempts per client address, and the known-bad-input rules.
 */
export class UserPoolWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(
    scope: Construct,
    id: string,
    props: { readonly setting: EdgeProtectionSetting; readonly name: string; readonly userPoolArn: string },
  ) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: props.name,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.name),
      rules: [
        managedRule('AWSManagedRulesKnownBadInputsRuleSet', 0),
        rateRule('signIn', limitsOf(props.setting).signIn, 1),
      ],
    });
    new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.userPoolArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

function managedRule(
  name: string,
  priority: number,
  countOnly: readonly string[] = [],
): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ...(countOnly.length > 0
          ? { ruleActionOverrides: countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
          : {}),
      },
    },
    visibilityConfig: visibility(name),
  };
}

/** Blocks an address over `limit` requests in five minutes, to paths starting with `path` when given. */
function rateRule(
  kind: RateLimitKind,
  limit: number,
  priority: number,
  path?: string,
): CfnWebACL.RuleProperty {
  const name = `RateLimit-${kind}`;
  return {
    name,
    priority,
    action: { block: {} },
    statement: {
      rateBasedStatement: {
        limit,
        aggregateKeyType: 'IP',
        evaluationWindowSec: 300,
        ...(path
          ? {
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: path,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            }
          : {}),
      },
    },
    visibilityConfig: visibility(name),
  };
}
