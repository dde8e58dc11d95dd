import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeTemplate } from '../../lib/app.js';
import { ensureTableFromTemplate, startDynamoDbLocal } from '../../lib/local/dynamodb.js';
import { onFreePort } from '../../lib/local/net.js';
import type { SynthesizedTemplate } from '../../lib/local/runtime.js';

/**
 * DynamoDB Local alone, with the table exactly as the stack declares it, for tests of the DynamoDB
 * adapters. Points the SDK at it through the same environment variables the local runtime sets.
 */
export async function startTestTable(): Promise<{ tableName: string; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'desa-table-'));
  const dynamo = await onFreePort((port) => startDynamoDbLocal(dir, port));
  const tableName = 'desa-digital-test';
  await ensureTableFromTemplate(dynamo.endpoint, synthesizeTemplate() as SynthesizedTemplate, tableName);
  Object.assign(process.env, {
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    TABLE_NAME: tableName,
  });
  return {
    tableName,
    stop: async () => {
      await dynamo.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
