import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../../lib/local/fault-proxy.js';
import { startTestTable } from '../../support/dynamo.js';

/**
 * The fault proxy's meter (lib/local/aws-capacity-meter.ts) against DynamoDB Local and the stack's own
 * table: what AWS would bill for real calls, from the items before and after each write. Items are sized
 * so the expected units can be read off: a 1,400-byte attribute makes an item of 1–2 KB (2 write units,
 * 1 read unit), an item without it stays under 1 KB (1 write unit). The big attribute is `document`, one
 * that gsi1 projects, so its index entry is as big as the item.
 */
describe('capacity by AWS rules, metered at the proxy', () => {
  let table: Awaited<ReturnType<typeof startTestTable>>;
  let proxy: FaultProxy;
  let client: DynamoDBClient;
  const s = (value: string) => ({ S: value });
  const big = {
    pk: s('REQ#meter'),
    sk: s('META'),
    gsi1pk: s('VILLAGE#1#IN_REVIEW'),
    gsi1sk: s('2026-12-02T00:00:00Z'),
    document: s('x'.repeat(1400)),
  };
  const units = () =>
    proxy.stats().awsCapacity['-'] ?? { read: 0, write: 0, indexWrites: {}, failedWrites: 0 };

  beforeAll(async () => {
    table = await startTestTable();
    const target = process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '';
    proxy = await startFaultProxy({ service: 'dynamodb', target });
    proxy.meter(true);
    client = new DynamoDBClient({ endpoint: proxy.endpoint });
  });
  afterAll(async () => {
    client?.destroy();
    await proxy?.stop();
    await table?.stop();
  });
  beforeEach(() => proxy.resetStats());

  it('charges a put on the item and its index entry, sized on the projected attributes', async () => {
    await client.send(new PutItemCommand({ TableName: table.tableName, Item: big }));
    expect(units()).toMatchObject({ write: 4, read: 0, indexWrites: { gsi1: 2 } });
  });

  it('charges an index key change twice on the index (delete and put)', async () => {
    await client.send(
      new UpdateItemCommand({
        TableName: table.tableName,
        Key: { pk: big.pk, sk: big.sk },
        UpdateExpression: 'SET gsi1pk = :status',
        ExpressionAttributeValues: { ':status': s('VILLAGE#1#ISSUED') },
      }),
    );
    expect(units()).toMatchObject({ write: 2 + 4, indexWrites: { gsi1: 4 } });
  });

  it('doubles the items of a transaction but not their index writes', async () => {
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: table.tableName, Item: { pk: big.pk, sk: s('EVENT#1'), type: s('X') } } },
          {
            Update: {
              TableName: table.tableName,
              Key: { pk: big.pk, sk: big.sk },
              UpdateExpression: 'SET #document = :document',
              ExpressionAttributeNames: { '#document': 'document' },
              ExpressionAttributeValues: { ':document': s('y'.repeat(1400)) },
            },
          },
        ],
      }),
    );
    // the event: 2 × 1; the request: 2 × 2 on the table, its gsi1 entry changed in place: 2
    expect(units()).toMatchObject({ write: 2 + 4 + 2, indexWrites: { gsi1: 2 } });
  });

  it('charges no index write for a change of an attribute the index does not project', async () => {
    await client.send(
      new UpdateItemCommand({
        TableName: table.tableName,
        Key: { pk: big.pk, sk: big.sk },
        UpdateExpression: 'SET note = :note',
        ExpressionAttributeValues: { ':note': s('ok') },
      }),
    );
    expect(units()).toMatchObject({ write: 2, indexWrites: {} });
  });

  it('charges a write whose condition failed on the existing item, without index writes', async () => {
    await expect(
      client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: big,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toThrow();
    expect(units()).toMatchObject({ write: 2, indexWrites: {}, failedWrites: 1 });
  });

  it('charges reads by 4 KB, half for eventually consistent ones, and a Query on what it evaluated', async () => {
    await client.send(
      new GetItemCommand({
        TableName: table.tableName,
        Key: { pk: big.pk, sk: big.sk },
        ConsistentRead: true,
        ProjectionExpression: 'pk', // a projection does not make a read cheaper
      }),
    );
    expect(units().read).toBe(1);
    await client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: '#type = :none', // filtered out after being read: still billed
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':pk': big.pk, ':none': s('nothing') },
      }),
    );
    // the request and its event, together under 4 KB, eventually consistent
    expect(units().read).toBe(1 + 0.5);
  });
});
