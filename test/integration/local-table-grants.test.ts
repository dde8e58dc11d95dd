import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceNeed } from '../../functions/api/route-types.js';
import { type FaultProxy, runAsCaller, startFaultProxy } from '../../lib/local/fault-proxy.js';
import { deniedTableAccesses, describeAccess } from '../../lib/local/table-grants.js';
import { startTestTable } from '../support/dynamo.js';

const HANDLER = 'functions/api/example.ts';
const NEEDS: ResourceNeed[] = [{ table: ['GetItem', 'PutItem'], partitions: ['REQ#'] }];

/**
 * The local runtime's stand-in for IAM on the table: a function's request outside its grants reaches the SDK
 * as AWS's AccessDeniedException and changes nothing; requests no function made (seeding, tests) pass.
 */
describe('table grants held by the local DynamoDB proxy', () => {
  let table: Awaited<ReturnType<typeof startTestTable>>;
  let proxy: FaultProxy;
  let client: DynamoDBDocumentClient;

  beforeAll(async () => {
    table = await startTestTable();
    proxy = await startFaultProxy({
      service: 'dynamodb',
      target: process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '',
      authorize: (caller, operation, input) =>
        caller === HANDLER
          ? deniedTableAccesses(NEEDS, operation, input).map(describeAccess).join(', ') || undefined
          : undefined,
    });
    client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: proxy.endpoint, maxAttempts: 1 }));
  });
  afterAll(async () => {
    client?.destroy();
    await proxy?.stop();
    await table?.stop();
  });

  const asHandler = <T>(fn: () => Promise<T>) => runAsCaller(HANDLER, fn);
  const item = (pk: string) => ({ TableName: table.tableName, Item: { pk, sk: 'A', value: 1 } });
  const stored = async (pk: string) =>
    (await client.send(new GetCommand({ TableName: table.tableName, Key: { pk, sk: 'A' } }))).Item;

  it('lets the function do what its needs grant', async () => {
    await asHandler(() => client.send(new PutCommand(item('REQ#1'))));
    expect(await asHandler(() => stored('REQ#1'))).toMatchObject({ value: 1 });
  });

  it('refuses another partition with AccessDeniedException and writes nothing', async () => {
    const refused = await asHandler(() => client.send(new PutCommand(item('VILLAGE#1')))).catch((e) => e);
    expect(refused).toMatchObject({ name: 'AccessDeniedException' });
    expect(String(refused.message)).toContain('PutItem VILLAGE#…');
    expect(await stored('VILLAGE#1')).toBeUndefined();
    expect(proxy.stats().denied).toContain(`${HANDLER}: PutItem VILLAGE#…`);
  });

  it('refuses a whole transaction when one item is outside the grants', async () => {
    const refused = await asHandler(() =>
      client.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: item('REQ#2') }, { Put: item('COUNTER#2') }],
        }),
      ),
    ).catch((e) => e);
    expect(refused).toMatchObject({ name: 'AccessDeniedException' });
    expect(await stored('REQ#2')).toBeUndefined();
  });

  it('lets requests that no function made pass (the runtime seeding, a test reading the table)', async () => {
    await client.send(new PutCommand(item('VILLAGE#3')));
    expect(await stored('VILLAGE#3')).toMatchObject({ value: 1 });
  });
});
