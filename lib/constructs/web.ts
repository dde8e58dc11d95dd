import { join } from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../functions/api/actor.js';
import { SITE_CSP } from '../../functions/core/website/page.js';
import { buildWeb, WEB_ROOT } from '../../scripts/build-web.js';

export interface WebProps {
  /** The HTTP API, served under the same domain at /v1/* (and /openapi.json): no CORS, one TLS connection. */
  readonly api: IHttpApi;
  /**
   * Sent to the API origin as X-Origin-Verify on every request, so the API can tell calls that came through
   * this distribution (and trust CloudFront-Viewer-Address on them) from direct ones (api.ts).
   */
  readonly originVerifySecret: ISecret;
  /** The Cognito user pool and web client the front end signs in with (written to /config.json). */
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  /**
   * Origins the browser may call besides its own (Content-Security-Policy connect-src): the documents
   * bucket, for presigned attachment uploads. Cognito's endpoint in this region is always allowed.
   * @default - none
   */
  readonly connectOrigins?: readonly string[];
  /**
   * Edge locations used. PRICE_CLASS_200 includes Indonesia (and the rest of Asia) at lower cost than ALL.
   * @default PriceClass.PRICE_CLASS_200
   */
  readonly priceClass?: PriceClass;
  /**
   * What happens to the site and log buckets when they leave the stack. The site is rebuilt from source on
   * every deploy; the access logs are personal data kept 90 days.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * An AWS WAF web ACL (CLOUDFRONT scope, from us-east-1) in front of the distribution: edge-protection.ts.
   * @default - none
   */
  readonly webAclArn?: string;
}

/**
 * The static front end (web/): a private S3 bucket that only CloudFront reads (origin access control),
 * HTTPS only, security headers on every answer, content-hashed assets cached for a year and pages
 * revalidated, the API proxied under the same domain. The site is built with esbuild while the stack
 * synthesizes (skipped, like the functions' bundling, when the stack is synthesized without bundling)
 * and deployed with its runtime config; each deploy invalidates the CDN's copy.
 */
export class Web extends Construct {
  readonly bucket: Bucket;
  /**
   * The villages' pre-rendered websites (functions/core/website), served at /desa/*: written by the functions
   * that publish (need 'site:publish'), never by a deploy, so a deploy's pruning cannot touch them.
   */
  readonly sites: Bucket;
  /** CloudFront standard logs (every viewer request), kept 90 days. */
  readonly accessLogs: Bucket;
  readonly distribution: Distribution;
  /** https://<distribution domain>: the portal, the console (/console.html), the display (/display.html). */
  readonly url: string;
  /** The verification page a letter's QR code opens: `${verifyUrlPrefix}<documentId>`. */
  readonly verifyUrlPrefix: string;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy,
    });
    this.sites = new Bucket(this, 'VillageSites', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy,
    });
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with an ACL.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy,
    });
    const logs = this.accessLogs;

    const connect = [
      "'self'",
      `https://cognito-idp.${region}.amazonaws.com`,
      ...(props.connectOrigins ?? []),
    ];
    const csp = [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      `connect-src ${connect.join(' ')}`,
      "worker-src 'self'",
      "manifest-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      'upgrade-insecure-requests',
    ].join('; ');
    const headers = (name: string, cacheControl?: string, policy = csp) =>
      new ResponseHeadersPolicy(this, name, {
        comment: `Desa Digital web: security headers${cacheControl ? `, Cache-Control ${cacheControl}` : ''}`,
        securityHeadersBehavior: {
          strictTransportSecurity: {
            accessControlMaxAge: Duration.days(730),
            includeSubdomains: true,
            override: true,
          },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
          referrerPolicy: {
            referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
            override: true,
          },
          xssProtection: { protection: false, override: true },
          contentSecurityPolicy: { contentSecurityPolicy: policy, override: true },
        },
        customHeadersBehavior: {
          customHeaders: [
            {
              header: 'Permissions-Policy',
              value: 'camera=(), microphone=(), geolocation=(), payment=()',
              override: true,
            },
            { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
            ...(cacheControl ? [{ header: 'Cache-Control', value: cacheControl, override: true }] : []),
          ],
        },
      });
    const pages = headers('PageHeaders', 'no-cache');
    const assets = headers('AssetHeaders', 'public, max-age=31536000, immutable');
    const apiHeaders = headers('ApiHeaders'); // the API sets its own Cache-Control (no-store for personal data)
    // A village site runs no script and loads nothing: its one inline style is allowed by its hash. Its
    // Cache-Control comes from the object (a minute, adapters/website.ts), so a publish shows within a minute.
    const siteHeaders = headers('VillageSiteHeaders', undefined, `${SITE_CSP}; upgrade-insecure-requests`);
    // S3 (REST, origin access control) has no index documents: /desa/<code>/ is served from …/index.html.
    const siteIndex = new CloudFrontFunction(this, 'VillageSiteIndex', {
      comment: 'Desa Digital: /desa/<code>/ → /desa/<code>/index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(
        "function handler(event) { var r = event.request; if (r.uri.endsWith('/')) r.uri += 'index.html'; " +
          "else if (/^\\/desa\\/[0-9.]+$/.test(r.uri)) r.uri += '/index.html'; return r; }",
      ),
    });

    const site = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const api = new HttpOrigin(`${props.api.apiId}.execute-api.${region}.amazonaws.com`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      // An origin custom header replaces any viewer header of the same name, so a viewer cannot forge it.
      customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originVerifySecret.secretValue.unsafeUnwrap() },
    });
    const apiBehavior = {
      origin: api,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // Everything the viewer sent (Authorization included) but Host, which API Gateway must see as its own.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: apiHeaders,
      compress: true,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Desa Digital web front end and API',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass ?? PriceClass.PRICE_CLASS_200,
      // Applies with a custom domain and certificate; the default *.cloudfront.net certificate is AWS's own.
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: site,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: pages,
        compress: true,
      },
      additionalBehaviors: {
        '/assets/*': {
          origin: site,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: assets,
          compress: true,
        },
        '/desa/*': {
          origin: S3BucketOrigin.withOriginAccessControl(this.sites),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: siteHeaders,
          compress: true,
          functionAssociations: [{ function: siteIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
        '/v1/*': apiBehavior,
        '/openapi.json': apiBehavior,
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    this.verifyUrlPrefix = `${this.url}/verify.html#`;

    new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [
        Source.asset(join(WEB_ROOT, 'src'), {
          assetHashType: AssetHashType.OUTPUT,
          bundling: {
            // esbuild runs in this process; the image is only a fallback CDK requires to be named.
            image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24-alpine'),
            local: {
              tryBundle(outputDir: string) {
                buildWeb(outputDir);
                return true;
              },
            },
          },
        }),
        Source.jsonData('config.json', {
          auth: { kind: 'cognito', region, userPoolId: props.userPoolId, clientId: props.userPoolClientId },
          apiBase: '',
        }),
      ],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      prune: false, // earlier hashed assets stay for pages opened before this deploy
    });
  }
}
