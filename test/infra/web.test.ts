import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_ENV, ORIGIN_VERIFY_HEADER } from '../../functions/api/actor.js';
import { buildApp } from '../../lib/app.js';
import { ENTRY_METADATA_KEY } from '../../lib/constructs/service-function.js';
import { Web } from '../../lib/constructs/web.js';
import { mergedTemplate } from '../support/templates.js';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json>; Metadata?: Record<string, unknown> };

const DEPLOYMENT = 'jatim';

describe('the web front end in AWS', () => {
  let template: Template;
  let resources: Record<string, Resource>;
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const distribution = () => {
    const [found] = ofType('AWS::CloudFront::Distribution');
    if (!found) throw new Error('no distribution');
    return found[1].Properties.DistributionConfig;
  };
  const headersPolicy = (ref: Json) => resources[ref.Ref]?.Properties.ResponseHeadersPolicyConfig;

  beforeAll(() => {
    // Prepare / Act: the deployment's stack, synthesized without bundling (as the other infra tests do)
    const app = buildApp({ deploymentId: DEPLOYMENT, bundling: false });
    const stack = app.node.findChild(`DesaDigital-${DEPLOYMENT}`) as Stack;
    template = Template.fromJSON(mergedTemplate(stack));
    resources = template.toJSON().Resources;
  });

  it('keeps the site in a private, encrypted bucket that only the distribution reads (origin access control)', () => {
    const [siteId, site] = ofType('AWS::S3::Bucket').find(([id]) => id.startsWith('WebSite')) ?? [];
    expect(site?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: siteId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    const origins = distribution().Origins as Json[];
    const s3Origin = origins.find((origin) => origin.S3OriginConfig);
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(s3Origin.OriginAccessControlId).toBeDefined();
  });

  it('serves pages over HTTPS only, with index.html at the root, compressed, from edges that include Indonesia', () => {
    const config = distribution();
    expect(config).toMatchObject({
      DefaultRootObject: 'index.html',
      HttpVersion: 'http2and3',
      PriceClass: 'PriceClass_200',
      Logging: { Prefix: 'cloudfront/', Bucket: expect.anything() },
    });
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: true,
    });
    for (const behavior of config.CacheBehaviors as Json[]) {
      expect(['redirect-to-https', 'https-only'], behavior.PathPattern).toContain(
        behavior.ViewerProtocolPolicy,
      );
    }
  });

  it('answers with security headers: HSTS, a strict Content-Security-Policy, no framing, no sniffing', () => {
    const pages = headersPolicy(distribution().DefaultCacheBehavior.ResponseHeadersPolicyId);
    const security = pages.SecurityHeadersConfig;
    expect(security.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 730 * 86_400,
      IncludeSubdomains: true,
      Override: true,
    });
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    const csp = JSON.stringify(security.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toContain('https://cognito-idp.ap-southeast-3.amazonaws.com');
    expect(pages.CustomHeadersConfig.Items).toContainEqual({
      Header: 'Cache-Control',
      Value: 'no-cache',
      Override: true,
    });
  });

  it('caches content-hashed assets for a year and never caches the API, which it serves under /v1/*', () => {
    const behaviors = distribution().CacheBehaviors as Json[];
    const assets = behaviors.find((behavior) => behavior.PathPattern === '/assets/*');
    expect(headersPolicy(assets.ResponseHeadersPolicyId).CustomHeadersConfig.Items).toContainEqual({
      Header: 'Cache-Control',
      Value: 'public, max-age=31536000, immutable',
      Override: true,
    });
    const api = behaviors.find((behavior) => behavior.PathPattern === '/v1/*');
    expect(api).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'OPTIONS']),
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
    });
    const apiOrigin = (distribution().Origins as Json[]).find((origin) => origin.Id === api.TargetOriginId);
    expect(apiOrigin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    expect(JSON.stringify(apiOrigin.DomainName)).toContain('execute-api');
  });

  it('proves to the API that a call came through it: the origin secret header, from Secrets Manager, which every API function holds', () => {
    // The API origin sends X-Origin-Verify, its value a dynamic reference to a generated secret (never in the template)
    const api = (distribution().CacheBehaviors as Json[]).find(
      (behavior) => behavior.PathPattern === '/v1/*',
    );
    const apiOrigin = (distribution().Origins as Json[]).find((origin) => origin.Id === api.TargetOriginId);
    const [header, ...others] = apiOrigin.OriginCustomHeaders as Json[];
    expect(others).toEqual([]);
    expect(header.HeaderName).toBe(ORIGIN_VERIFY_HEADER);
    const reference = JSON.stringify(header.HeaderValue);
    const [secretId, secret] =
      Object.entries(resources).find(
        ([id, resource]) => resource.Type === 'AWS::SecretsManager::Secret' && reference.includes(id),
      ) ?? [];
    expect(secret?.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 48 });
    expect(reference).toContain('{{resolve:secretsmanager:');
    // Every API function gets the same value, so originOf can compare
    const apiFunctions = Object.values(resources).filter(
      (resource) =>
        resource.Type === 'AWS::Lambda::Function' &&
        String(resource.Metadata?.[ENTRY_METADATA_KEY] ?? '').startsWith('functions/api/'),
    );
    expect(apiFunctions.length).toBeGreaterThan(20);
    for (const fn of apiFunctions) {
      const value = JSON.stringify(fn.Properties.Environment.Variables[ORIGIN_VERIFY_ENV]);
      expect(value).toContain('{{resolve:secretsmanager:');
      expect(value).toContain(secretId);
    }
  });

  it('deploys the site with its runtime config and invalidates the CDN copy on every deploy', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionPaths: ['/*'],
      Prune: false,
    });
  });

  it('leaves CDK’s deployment helper as the only function that is not one of ours', () => {
    const foreign = ofType('AWS::Lambda::Function').filter(
      ([, fn]) => fn.Metadata?.[ENTRY_METADATA_KEY] === undefined,
    );
    expect(foreign.map(([id]) => id).every((id) => id.startsWith('CustomCDKBucketDeployment'))).toBe(true);
  });

  it('points to the site and its verification page in the outputs', () => {
    const outputs = template.toJSON().Outputs;
    expect(JSON.stringify(outputs.WebUrl.Value)).toContain('DomainName');
    expect(JSON.stringify(outputs.VerifyUrlPrefix.Value)).toContain('/verify.html#');
  });
});

describe('the web construct, synthesized with bundling', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'desa-digital-web-synth-'));
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('builds the front end with esbuild while synthesizing and stages it as the deployment asset', () => {
    // Prepare
    const app = new App({ outdir });
    const stack = new Stack(app, 'WebOnly', { env: { region: 'ap-southeast-3' } });
    new Web(stack, 'Web', {
      api: new HttpApi(stack, 'Api'),
      originVerifySecret: new Secret(stack, 'OriginVerify'),
      userPoolId: 'ap-southeast-3_example',
      userPoolClientId: 'example-client',
    });
    // Act
    const assembly = app.synth();
    // Assess: one staged directory holds the built pages and their hashed assets
    const staged = readdirSync(assembly.directory)
      .filter((name) => name.startsWith('asset.'))
      .map((name) => join(assembly.directory, name))
      .find((path) => existsSync(join(path, 'index.html')));
    expect(staged).toBeDefined();
    const index = readFileSync(join(staged as string, 'index.html'), 'utf8');
    expect(index).toMatch(/<script type="module" src="\/assets\/index-[A-Z0-9]+\.js"><\/script>/);
    for (const page of ['verify.html', 'console.html', 'display.html', 'sw.js']) {
      expect(existsSync(join(staged as string, page)), page).toBe(true);
    }
  });
});
