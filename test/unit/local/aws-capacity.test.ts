import { describe, expect, it } from 'vitest';
import {
  type IndexSchema,
  type Item,
  indexWriteUnits,
  itemSize,
  numberSize,
  readCost,
  type TableSchema,
  writeCost,
} from '../../../lib/local/aws-capacity.js';

const s = (value: string) => ({ S: value });
const pad = (bytes: number) => 'x'.repeat(bytes);
const all: IndexSchema = { name: 'gsi1', keys: ['gsi1pk', 'gsi1sk'], projection: 'ALL' };
const keysOnly: IndexSchema = { name: 'gsi5', keys: ['gsi5pk', 'gsi5sk'], projection: 'KEYS_ONLY' };
const schema: TableSchema = { keys: ['pk', 'sk'], indexes: [all, keysOnly] };
const tableKeys = schema.keys;

describe('item size under AWS rules', () => {
  it('counts attribute names and values: strings in UTF-8 bytes, numbers by significant digits', () => {
    // Prepare
    const item: Item = { pk: s('REQ#1'), n: { N: '123.4500' }, ok: { BOOL: true }, é: s('ü') };
    // Act
    const size = itemSize(item);
    // Assess: pk 2+5; n 1+4 (12345: five significant digits, 3 bytes, plus 1); ok 2+1; é 2+2
    expect(numberSize('123.4500')).toBe(4);
    expect(size).toBe(7 + 1 + 4 + 3 + 4);
  });

  it('adds 3 bytes per list or map and 1 byte per element, with map keys counted as names', () => {
    const item: Item = { m: { M: { a: s('xy'), b: { L: [s('z'), { NULL: true }] } } } };
    // m: 1 + 3 + [a: 1+1+2] + [b: 1+1+(3 + (1+1) + (1+1))]
    expect(itemSize(item)).toBe(1 + 3 + 4 + (2 + 7));
  });
});

describe('write units', () => {
  const base = { pk: s('REQ#1'), sk: s('REQ') };

  it('charges an update on the larger of the item before and after, doubled in a transaction', () => {
    const before: Item = { ...base, data: s(pad(1500)) };
    const after: Item = { ...base, data: s(pad(10)) };
    expect(writeCost(schema, before, after, { transactional: false }).table).toBe(2);
    expect(writeCost(schema, before, after, { transactional: true }).table).toBe(4);
  });

  it('writes an index entry when the item joins it, and two when its index key changes', () => {
    const joined: Item = { ...base, gsi1pk: s('V#1#IN_REVIEW'), gsi1sk: s('t1'), data: s(pad(1100)) };
    const moved: Item = { ...joined, gsi1pk: s('V#1#ISSUED') };
    // joined: the whole item (ALL projection), 1.1 KB → 2; not doubled inside a transaction
    expect(writeCost(schema, undefined, joined, { transactional: true }).indexes).toEqual({ gsi1: 2 });
    expect(indexWriteUnits(joined, moved, all, tableKeys)).toBe(4);
  });

  it('charges nothing on an index whose entry does not change, and keys-only entries by their keys', () => {
    const before: Item = { ...base, gsi5pk: s('P#1'), gsi5sk: s('t'), note: s('a') };
    const after: Item = { ...before, note: s(pad(3000)) };
    expect(indexWriteUnits(before, after, keysOnly, tableKeys)).toBe(0);
    expect(indexWriteUnits(undefined, after, keysOnly, tableKeys)).toBe(1);
    expect(indexWriteUnits(before, undefined, keysOnly, tableKeys)).toBe(1);
    expect(indexWriteUnits(before, before, all, tableKeys)).toBe(0);
  });

  it('leaves out an item missing the index sort key (sparse index)', () => {
    const partial: Item = { ...base, gsi1pk: s('V#1') };
    expect(indexWriteUnits(undefined, partial, all, tableKeys)).toBe(0);
  });

  it('charges a failed conditional write on the existing item, without index writes', () => {
    const existing: Item = { ...base, gsi1pk: s('a'), gsi1sk: s('b'), data: s(pad(2000)) };
    expect(writeCost(schema, existing, existing, { transactional: false, failed: true })).toEqual({
      table: 2,
      indexes: {},
    });
  });
});

describe('read units', () => {
  it('rounds up to 4 KB, halves eventually consistent reads and doubles transactional ones', () => {
    expect(readCost(0, 'eventual')).toBe(0.5);
    expect(readCost(4096, 'strong')).toBe(1);
    expect(readCost(4097, 'strong')).toBe(2);
    expect(readCost(100, 'transactional')).toBe(2);
  });
});
