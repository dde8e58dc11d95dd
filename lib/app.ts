import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { DEPLOYMENTS, type Deployment } from '../config/deployments.js';
import { DesaDigitalStack } from './stack.js';

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
}

export const stackIdOf = (deployment: Deployment): string => `DesaDigital-${deployment.id}`;

/** The CDK app: one DesaDigitalStack per deployment of config/deployments.ts (or the one selected). */
export function buildApp(options: BuildAppOptions = {}): App {
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  const bundling = options.bundling ?? String(app.node.tryGetContext('bundling') ?? true) !== 'false';
  // Read by Stack.bundlingRequired: an empty list means no stack needs its assets bundled.
  if (!bundling) app.node.setContext('aws:cdk:bundling-stacks', []);

  const deploymentId = options.deploymentId ?? app.node.tryGetContext('deployment');
  for (const deployment of selectDeployments(deploymentId)) {
    new DesaDigitalStack(app, stackIdOf(deployment), {
      deployment,
      env: { region: deployment.region, account: process.env.CDK_DEFAULT_ACCOUNT },
      description: `Desa Digital (${deployment.id}): ${deployment.regencies.map((r) => r.name).join(', ')}`,
    });
  }
  return app;
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
 * The CloudFormation template of one deployment's stack, synthesized without bundling (the local runtime
 * takes the state machine definition from it, so local and cloud run the same ASL).
 * @param deploymentId defaults to the first deployment
 */
export function synthesizeTemplate(deploymentId?: string): Record<string, unknown> {
  const deployment = selectDeployments(deploymentId ?? DEPLOYMENTS[0]?.id)[0];
  if (!deployment) throw new Error('No deployments configured in config/deployments.ts');
  const outdir = mkdtempSync(path.join(tmpdir(), 'desa-digital-synth-'));
  try {
    const assembly = buildApp({ deploymentId: deployment.id, bundling: false, outdir }).synth();
    return assembly.getStackByName(stackIdOf(deployment)).template as Record<string, unknown>;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
