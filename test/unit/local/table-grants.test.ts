import { describe, expect, it } from 'vitest';
import type { ResourceNeed } from '../../../functions/api/route-types.js';
import { deniedTableAccesses, grantsTableAccess, tableAccesses } from '../../../lib/local/table-grants.js';

const S = (value: string) => ({ S: value });

describe('the table requests IAM judges, item by item', () => {
  it('names the partition of a single-item request', () => {
    expect(tableAccesses('GetItem', { Key: { pk: S('REQ#1'), sk: S('META') } })).toEqual([
      { action: 'GetItem', partition: 'REQ#1' },
    ]);
    expect(tableAccesses('PutItem', { Item: { pk: S('DOC#9'), sk: S('DOC') } })).toEqual([
      { action: 'PutItem', partition: 'DOC#9' },
    ]);
  });

  it('reads the queried partition from the key condition, through attribute names too', () => {
    expect(
      tableAccesses('Query', {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': S('VILLAGE#35'), ':p': S('SVC#') },
      }),
    ).toEqual([{ action: 'Query', partition: 'VILLAGE#35' }]);
    expect(
      tableAccesses('Query', {
        KeyConditionExpression: '#k = :v',
        ExpressionAttributeNames: { '#k': 'pk' },
        ExpressionAttributeValues: { ':v': S('PERSON#ab') },
      }),
    ).toEqual([{ action: 'Query', partition: 'PERSON#ab' }]);
    expect(tableAccesses('Query', { IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :v' })).toEqual([
      { action: 'Query', index: 'gsi2' },
    ]);
  });

  it('splits a transaction into the actions of its items', () => {
    expect(
      tableAccesses('TransactWriteItems', {
        TransactItems: [
          { Put: { Item: { pk: S('REQ#1') } } },
          { Update: { Key: { pk: S('COUNTER#x') } } },
          { ConditionCheck: { Key: { pk: S('IDEM#k') } } },
          { Delete: { Key: { pk: S('TRACK#t') } } },
        ],
      }),
    ).toEqual([
      { action: 'PutItem', partition: 'REQ#1' },
      { action: 'UpdateItem', partition: 'COUNTER#x' },
      { action: 'ConditionCheckItem', partition: 'IDEM#k' },
      { action: 'DeleteItem', partition: 'TRACK#t' },
    ]);
  });

  it('keeps batch and scan requests as their own actions', () => {
    expect(tableAccesses('Scan', {})).toEqual([{ action: 'Scan' }]);
    expect(
      tableAccesses('BatchGetItem', {
        RequestItems: { t: { Keys: [{ pk: S('REQ#1') }, { pk: S('USER#2') }] } },
      }),
    ).toEqual([
      { action: 'BatchGetItem', partition: 'REQ#1' },
      { action: 'BatchGetItem', partition: 'USER#2' },
    ]);
  });
});

describe('what declared needs grant', () => {
  const needs: ResourceNeed[] = [
    { table: ['GetItem', 'Query'], partitions: ['REQ#', 'VILLAGE#'] },
    { table: ['PutItem'], partitions: ['REQ#'] },
    { table: ['Query'], indexes: ['gsi2'] },
  ];

  it('grants an action on a partition under a declared prefix, and nothing else', () => {
    expect(grantsTableAccess(needs, { action: 'GetItem', partition: 'VILLAGE#35' })).toBe(true);
    expect(grantsTableAccess(needs, { action: 'PutItem', partition: 'REQ#1' })).toBe(true);
    expect(grantsTableAccess(needs, { action: 'PutItem', partition: 'VILLAGE#35' })).toBe(false);
    expect(grantsTableAccess(needs, { action: 'UpdateItem', partition: 'REQ#1' })).toBe(false);
    expect(grantsTableAccess(needs, { action: 'GetItem', partition: 'PERSON#1' })).toBe(false);
  });

  it('grants index queries by index name only, and never a scan', () => {
    expect(grantsTableAccess(needs, { action: 'Query', index: 'gsi2' })).toBe(true);
    expect(grantsTableAccess(needs, { action: 'Query', index: 'gsi1' })).toBe(false);
    expect(grantsTableAccess(needs, { action: 'Scan' })).toBe(false);
    expect(grantsTableAccess(needs, { action: 'Scan', index: 'gsi2' })).toBe(false);
  });

  it('refuses a transaction when one of its items is outside the grants', () => {
    const denied = deniedTableAccesses(needs, 'TransactWriteItems', {
      TransactItems: [{ Put: { Item: { pk: S('REQ#1') } } }, { Put: { Item: { pk: S('COUNTER#1') } } }],
    });
    expect(denied).toEqual([{ action: 'PutItem', partition: 'COUNTER#1' }]);
  });
});
