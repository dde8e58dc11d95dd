import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEPLOYMENTS } from '../config/deployments.js';
import { stackIdOf } from '../lib/app.js';
import { localClient } from '../lib/local/dynamodb.js';
import { describeComparison, restoreByExport, restoreToPointInTime } from './restore/table-copy.js';

/**
 * `npm run restore -- --to <ISO time> --into <new table>` (docs/runbook.md "Restoring data").
 *
 * In AWS: restores the deployment's table (--from, else the stack output TableName in cdk-outputs.json,
 * written by `npm run deploy -- … --outputs-file cdk-outputs.json`) as it was at --to into a new table, waits
 * until it is ACTIVE and compares the two. Locally (AWS_ENDPOINT_URL_DYNAMODB set, e.g. to the endpoint
 * `npm start` prints): DynamoDB Local keeps no history, so the table is exported now (JSON Lines, --export)
 * and imported into the new table, then compared; --to is refused.
 */
const { values } = parseArgs({
  options: {
    to: { type: 'string' },
    into: { type: 'string' },
    from: { type: 'string' },
    deployment: { type: 'string', default: DEPLOYMENTS[0]?.id },
    outputs: { type: 'string', default: 'cdk-outputs.json' },
    export: { type: 'string' },
    sample: { type: 'string', default: '50' },
  },
});
const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};
const target = values.into ?? fail('--into <new table name> is required');
const sampleSize = Number(values.sample);
if (!Number.isInteger(sampleSize) || sampleSize < 0) fail(`--sample ${values.sample}: a number of records`);
const localEndpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;

const restore = localEndpoint ? restoreLocally(localEndpoint) : restoreInAws();
await restore.catch((error: Error) => fail(`${error.name}: ${error.message}`));

async function restoreLocally(localEndpoint: string) {
  if (values.to) {
    fail(
      'DynamoDB Local keeps no point-in-time history: locally the table is copied as it is now (omit --to).',
    );
  }
  const source = values.from ?? process.env.TABLE_NAME ?? 'desa-digital';
  const file =
    values.export ?? join(tmpdir(), `${source}-${new Date().toISOString().replace(/\W/g, '')}.jsonl`);
  const client = localClient(localEndpoint);
  const { exported, imported, comparison } = await restoreByExport(client, {
    source,
    target,
    file,
    sampleSize,
  });
  console.log(`Exported ${exported.items} items of ${source} at ${exported.takenAt} to ${file}`);
  console.log(`Imported ${imported} items into ${target}\n${describeComparison(comparison)}`);
  client.destroy();
  if (!comparison.equal) fail('The restored table differs from its source (above).');
}

async function restoreInAws() {
  const to = new Date(values.to ?? fail('--to <ISO time> is required, e.g. --to 2026-12-03T08:00:00+07:00'));
  if (Number.isNaN(to.getTime())) fail(`--to ${values.to}: not an ISO time`);
  const deployment =
    DEPLOYMENTS.find((candidate) => candidate.id === values.deployment) ??
    fail(`Unknown deployment ${values.deployment}`);
  const source = values.from ?? tableOutput(values.outputs, stackIdOf(deployment));
  const client = new DynamoDBClient({ region: deployment.region });
  console.log(`Restoring ${source} as it was at ${to.toISOString()} into ${target} (waits until ACTIVE)…`);
  const { comparison } = await restoreToPointInTime(client, { source, target, to, sampleSize });
  console.log(describeComparison(comparison));
  console.log(
    comparison.equal
      ? 'The restored table equals its source.'
      : `Differences are what was written after ${to.toISOString()} (or is missing from the restore: look at them).`,
  );
  client.destroy();
}

/** The stack output TableName from `cdk deploy --outputs-file`. */
function tableOutput(file: string, stackId: string): string {
  if (!existsSync(file)) return fail(`No ${file}: pass --from <table name> (the stack output TableName)`);
  const outputs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
  return outputs[stackId]?.TableName ?? fail(`${file} has no TableName output for ${stackId}: pass --from`);
}
