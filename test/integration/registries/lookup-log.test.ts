import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAWOO_PEOPLE, TAMPO_PEOPLE } from '../../../config/population/fixtures.js';
import { synthesizeTemplate } from '../../../lib/app.js';
import { ensureTableFromTemplate, localClient, startDynamoDbLocal } from '../../../lib/local/dynamodb.js';
import { onFreePort } from '../../../lib/local/net.js';
import type { SynthesizedTemplate } from '../../../lib/local/runtime.js';

/**
 * The registries as Lambda handlers get them (functions/adapters/registries/index.ts), against DynamoDB
 * Local with the table the CDK stack declares: every lookup leaves one log line, and no log line holds a NIK.
 */
const TABLE_NAME = 'desa-digital-registries-test';
const ENV_KEYS = [
  'AWS_ENDPOINT_URL_DYNAMODB',
  'TABLE_NAME',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
] as const;

describe('registry lookups are logged in the table, with the NIK masked', () => {
  let dir: string;
  let dynamo: Awaited<ReturnType<typeof startDynamoDbLocal>>;
  const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  let registries: typeof import('../../../functions/adapters/registries/index.js');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'desa-registries-'));
    dynamo = await onFreePort((port) => startDynamoDbLocal(join(dir, 'dynamodb'), port));
    await ensureTableFromTemplate(dynamo.endpoint, synthesizeTemplate() as SynthesizedTemplate, TABLE_NAME);
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      TABLE_NAME,
      AWS_REGION: 'ap-southeast-3',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    registries = await import('../../../functions/adapters/registries/index.js');
  });

  afterAll(async () => {
    await dynamo?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    for (const key of ENV_KEYS) {
      if (savedEnv[key] === undefined) delete process.env[key];
      else process.env[key] = savedEnv[key];
    }
  });

  /** Reads the table with a client of its own, as an auditor would. */
  async function read<T>(query: (client: DynamoDBDocumentClient) => Promise<T>): Promise<T> {
    const client = DynamoDBDocumentClient.from(localClient(dynamo.endpoint));
    try {
      return await query(client);
    } finally {
      client.destroy();
    }
  }

  const logOf = (requestId: string) =>
    read(async (client) => {
      const result = await client.send(
        new QueryCommand({
          TableName: TABLE_NAME,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `REQ#${requestId}`, ':prefix': 'REGLOG#' },
        }),
      );
      return result.Items ?? [];
    });

  const wholeTable = () =>
    read(async (client) => {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    });

  it('writes one log item per population lookup, with who, why, the outcome and the masked NIK', async () => {
    const budi = TAMPO_PEOPLE.kkHead;

    const result = await registries
      .populationRegistry()
      .check(
        { nik: budi.nik, name: budi.name, birthDate: budi.birthDate, villageCode: budi.villageCode },
        { requestId: 'req-spm-1', by: 'system', purpose: 'SPM: pencocokan data kependudukan' },
      );

    expect(result.outcome).toBe('match');
    const items = await logOf('req-spm-1');
    expect(items).toEqual([
      {
        pk: 'REQ#req-spm-1',
        sk: expect.stringMatching(/^REGLOG#\d{4}-\d\d-\d\dT[\d:.]+Z#population#\d{4}$/),
        requestId: 'req-spm-1',
        at: expect.any(String),
        by: 'system',
        purpose: 'SPM: pencocokan data kependudukan',
        registry: 'population',
        outcome: 'match',
        nikMasked: '351006**********',
        villageCode: budi.villageCode,
        reasons: [],
      },
    ]);
  });

  it('logs BPJS lookups and mismatches next to the request they served', async () => {
    const context = { requestId: 'req-spm-2', by: 'operator-tampo', purpose: 'SPM: cek BPJS' };
    const insured = TAMPO_PEOPLE.insuredClass1;

    const bpjs = await registries.bpjsRegistry().check(insured, context);
    const deceased = await registries.populationRegistry().check(SAWOO_PEOPLE.deceased, context);

    expect(bpjs).toMatchObject({ outcome: 'match', bpjsClass: '1' });
    expect(deceased.outcome).toBe('mismatch');
    const items = await logOf('req-spm-2');
    expect(items.map(({ registry, outcome, nikMasked }) => ({ registry, outcome, nikMasked }))).toEqual(
      expect.arrayContaining([
        { registry: 'bpjs', outcome: 'match', nikMasked: '351006**********' },
        { registry: 'population', outcome: 'mismatch', nikMasked: '350205**********' },
      ]),
    );
    expect(items).toHaveLength(2);
  });

  it('leaves no 16-digit number anywhere in the log items of the table', async () => {
    const budi = TAMPO_PEOPLE.kkHead;
    await registries.populationRegistry().check(
      { ...budi, name: 'Budi Santosa' },
      {
        requestId: 'req-spm-3',
        by: 'system',
        purpose: `recheck ${budi.nik} / KK ${budi.familyCardNumber}`,
      },
    );

    const logItems = (await wholeTable()).filter((item) => String(item.sk).startsWith('REGLOG#'));

    expect(logItems).toHaveLength(4);
    expect(JSON.stringify(logItems)).not.toMatch(/\d{16}/);
  });
});
