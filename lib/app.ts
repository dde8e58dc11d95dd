import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DEPLOYMENTS, type Deployment, type EdgeProtectionSetting } from '../config/deployments.js';
import { DistributionWebAcl } from './constructs/edge-protection.js';
import { acknowledgeNagFindings, nagPacks } from './nag-suppressions.js';
import { DesaDigitalStack } from './stack.js';
import { mergedAssemblyTemplate } from './templates.js';

export interface BuildAppOptions {
  /**
   * Synthesize only this deployment.
   * @default - the `deployment` context value (`-c deployment=jatim`), else every deployment
   */
  readonly deploymentId?: string;
  /**
   * Bundle the functions with esbuild. Off, NodejsFunction skips esbuild (fast synth for tests and the
   * local runtime; the assets are placeholders, not deployable).
   * @default - the `bundling` context value, else true
   */
  readonly bundling?: boolean;
  /** @default - the CDK CLI's output directory, else a temporary directory */
  readonly outdir?: string;
  /**
   * Check the stacks with cdk-nag (AwsSolutions and Serverless packs) while synthesizing: an unacknowledged
   * error fails synthesis. Acknowledged findings (lib/nag-suppressions.ts) are recorded either way.
   * @default - the `nag` context value, else true
   */
  readonly nag?: boolean;
}

export const stackIdOf = (deployment: Deployment): string => `DesaDigital-${deployment.id}`;

/** The CDK app: one DesaDigitalStack per deployment of config/deployments.ts (or the one selected). */
export function buildApp(options: BuildAppOptions = {}): App {
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  const bundling = options.bundling ?? String(app.node.tryGetContext('bundling') ?? true) !== 'false';
  // Read by Stack.bundlingRequired: an empty list means no stack needs its assets bundled.
  if (!bundling) app.node.setContext('aws:cdk:bundling-stacks', []);

  const nag = options.nag ?? String(app.node.tryGetContext('nag') ?? true) !== 'false';
  if (nag) Validations.of(app).addPlugins(...nagPacks(app));

  const deploymentId = options.deploymentId ?? app.node.tryGetContext('deployment');
  for (const deployment of selectDeployments(deploymentId)) addDeployment(app, deployment);
  return app;
}

export const edgeStackIdOf = (deployment: Deployment): string => `DesaDigitalEdge-${deployment.id}`;

/**
 * One deployment's stacks: its DesaDigitalStack, and with `edgeProtection` a small stack in us-east-1 holding
 * the web distribution's WAF ACL (CloudFront only takes ACLs from there), referenced across regions.
 */
export function addDeployment(app: App, deployment: Deployment): DesaDigitalStack {
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const edge = deployment.edgeProtection
    ? new EdgeStack(app, edgeStackIdOf(deployment), {
        env: { region: 'us-east-1', account },
        crossRegionReferences: true,
        description: `Desa Digital (${deployment.id}): AWS WAF for the web distribution`,
        setting: deployment.edgeProtection,
        aclName: `desa-digital-${deployment.id}-web`,
      })
    : undefined;
  const stack = new DesaDigitalStack(app, stackIdOf(deployment), {
    deployment,
    env: { region: deployment.region, account },
    description: `Desa Digital (${deployment.id}): ${deployment.regencies.map((r) => r.name).join(', ')}`,
    ...(edge ? { crossRegionReferences: true, distributionWebAclArn: edge.webAcl.webAcl.attrArn } : {}),
  });
  if (edge) stack.addStackDependency(edge);
  acknowledgeNagFindings(stack);
  return stack;
}

/** The us-east-1 stack of a deployment with edge protection: the CLOUDFRONT-scope web ACL. */
class EdgeStack extends Stack {
  readonly webAcl: DistributionWebAcl;

  constructor(
    scope: Construct,
    id: string,
    props: StackProps & { readonly setting: EdgeProtectionSetting; readonly aclName: string },
  ) {
    super(scope, id, props);
    this.webAcl = new DistributionWebAcl(this, 'DistributionWaf', {
      setting: props.setting,
      name: props.aclName,
    });
  }
}

function selectDeployments(id: unknown): readonly Deployment[] {
  if (id === undefined) return DEPLOYMENTS;
  const deployment = DEPLOYMENTS.find((candidate) => candidate.id === id);
  if (!deployment) {
    const known = DEPLOYMENTS.map((candidate) => candidate.id).join(', ');
    throw new Error(`Unknown deployment "${String(id)}"; known deployments: ${known}`);
  }
  return [deployment];
}

/**
 * The CloudFormation template of one deployment's stack, synthesized without bundling, with its nested
 * stacks' resources merged in (lib/templates.ts): the local runtime takes the state machine definition from
 * it, so local and cloud run the same ASL, and the benchmarks every function's settings.
 * @param deploymentId defaults to the first deployment
 */
export function synthesizeTemplate(deploymentId?: string): Record<string, unknown> {
  const deployment = selectDeployments(deploymentId ?? DEPLOYMENTS[0]?.id)[0];
  if (!deployment) throw new Error('No deployments configured in config/deployments.ts');
  const outdir = mkdtempSync(path.join(tmpdir(), 'desa-digital-synth-'));
  try {
    // The local runtime only needs the ASL: the stack's nag checks run in `cdk synth` and the infra tests.
    const assembly = buildApp({ deploymentId: deployment.id, bundling: false, nag: false, outdir }).synth();
    return mergedAssemblyTemplate(assembly, stackIdOf(deployment)) as Record<string, unknown>;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
