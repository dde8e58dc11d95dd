import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { DEPLOYMENTS } from '../config/deployments.js';
import { buildApp, stackIdOf } from '../lib/app.js';
import { ENTRY_METADATA_KEY } from '../lib/constructs/service-function.js';

export interface BundleFigure {
  readonly entry: string;
  readonly bytes: number;
  readonly coldImportMs: number;
}

/**
 * The Lambda bundles exactly as `cdk synth` builds them (esbuild through NodejsFunction), with each one's
 * size and its cold import time in a fresh Node process, beside a bundle holding only the DynamoDB client.
 */
export async function measureBundles(): Promise<{ bundles: BundleFigure[]; baseline: BundleFigure }> {
  const outdir = mkdtempSync(join(tmpdir(), 'desa-bench-synth-'));
  try {
    const deployment = DEPLOYMENTS[0];
    if (!deployment) throw new Error('no deployment configured');
    const assembly = buildApp({ deploymentId: deployment.id, bundling: true, outdir }).synth();
    const template = assembly.getStackByName(stackIdOf(deployment)).template as {
      Resources: Record<
        string,
        { Type: string; Metadata?: Record<string, string>; Properties?: { Code?: { S3Key?: string } } }
      >;
    };
    const bundles = Object.values(template.Resources)
      .filter(
        (resource) => resource.Type === 'AWS::Lambda::Function' && resource.Metadata?.[ENTRY_METADATA_KEY],
      )
      .map((resource) => {
        const entry = resource.Metadata?.[ENTRY_METADATA_KEY] ?? '';
        // The code's S3 key is the asset hash: cdk.out keeps the bundle in asset.<hash>/.
        const hash = (resource.Properties?.Code?.S3Key ?? '').replace(/\.zip$/, '');
        const file = join(outdir, `asset.${hash}`, 'index.mjs');
        return { entry, bytes: statSync(file).size, coldImportMs: coldImport(file) };
      })
      .sort((a, b) => b.bytes - a.bytes);
    return { bundles, baseline: await baselineBundle(outdir) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** A bundle of the DynamoDB document client alone, built with the same esbuild settings. */
async function baselineBundle(dir: string): Promise<BundleFigure> {
  const source = join(dir, 'baseline.mjs');
  writeFileSync(
    source,
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nexport const handler = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));\n",
  );
  const file = join(dir, 'baseline-bundle.mjs');
  await build({
    entryPoints: [source],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    outfile: file,
    nodePaths: [join(process.cwd(), 'node_modules')],
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  });
  return {
    entry: 'baseline: DynamoDB client only',
    bytes: statSync(file).size,
    coldImportMs: coldImport(file),
  };
}

/** Median of five fresh processes importing the bundle (module evaluation included). */
function coldImport(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
  const runs = Array.from({ length: 5 }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim(),
    ),
  ).sort((a, b) => a - b);
  return runs[2] ?? Number.NaN;
}
