/**
 * DynamoDB capacity units as AWS bills them on-demand, computed from item sizes, for the requests the local
 * runtime really makes. DynamoDB Local's own ConsumedCapacity is not AWS's bill: among other things it counts
 * a transaction's index writes differently, so the benchmarks' cost figures come from here.
 *
 * The rules, as AWS states them:
 * - Item size (developer guide, "DynamoDB item sizes and formats", CapacityUnitCalculations.html): the sum of
 *   the UTF-8 lengths of the attribute names and the sizes of the values. A string is its UTF-8 bytes; a
 *   number about 1 byte per two significant digits plus 1; a binary its raw bytes; null and Boolean 1 byte;
 *   a List or Map 3 bytes plus its elements, each element 1 more byte (a Map's element names count as
 *   attribute names); a set the sum of its elements.
 * - Writes (on-demand pricing page, "write request unit"): 1 WRU per 1 KB of the item, rounded up; a
 *   transactional write 2 per KB. PutItem and UpdateItem are sized on the larger of the item before and
 *   after; DeleteItem on the deleted item; a write that finds nothing still costs 1.
 * - Index writes (developer guide, GSI.html "Provisioned throughput considerations", GSI.Writes): sized on
 *   the index entry (the projected attributes), 1 KB units: an entry added or removed costs one write of
 *   its size; a changed index key costs two (delete the old entry, put the new); an entry whose projected
 *   attributes change in place costs one (the larger image); an entry that does not change, or an item in
 *   no index before or after, costs nothing. The finer points (larger image, each half rounded on its own)
 *   match the captures against real DynamoDB published by the dynoxide emulator (src/actions/
 *   index_capacity.rs). Index propagation is asynchronous and not part of the transaction: index writes are
 *   not doubled inside TransactWriteItems (our reading; AWS's pages double only the transactional items).
 * - Reads: 1 RRU per 4 KB strongly consistent, half eventually consistent, twice transactional; a Query or
 *   Scan sums the sizes of the items it evaluated (before any filter) and rounds up once; a read that finds
 *   nothing still costs the minimum (1, or 0.5 eventually consistent).
 * - A conditional write whose condition fails still consumes write units (sized on the existing item); a
 *   cancelled transaction is counted the same way per item here, and a transaction's ConditionCheck as a
 *   transactional write of the item it checks, without index writes (approximations: the bench reports how
 *   many such writes there were, `failedWrites`; the straight-through flows have none).
 */

/** An attribute value in DynamoDB's JSON wire format (binary as base64). */
export interface AttributeValue {
  readonly S?: string;
  readonly N?: string;
  readonly B?: string;
  readonly BOOL?: boolean;
  readonly NULL?: boolean;
  readonly L?: readonly AttributeValue[];
  readonly M?: Readonly<Record<string, AttributeValue>>;
  readonly SS?: readonly string[];
  readonly NS?: readonly string[];
  readonly BS?: readonly string[];
}
export type Item = Readonly<Record<string, AttributeValue>>;

const utf8 = (value: string) => Buffer.byteLength(value, 'utf8');
const base64Bytes = (value: string) => Buffer.from(value, 'base64').length;

/** Bytes of a number: 1 per two significant digits (leading and trailing zeros trimmed), plus 1. */
export function numberSize(value: string): number {
  const digits = value
    .replace(/^[-+]/, '')
    .replace(/[eE][-+]?\d+$/, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

/** Bytes of a value, without its attribute name. */
export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return base64Bytes(value.B);
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((sum, element) => sum + utf8(element), 0);
  if (value.NS) return value.NS.reduce((sum, element) => sum + numberSize(element), 0);
  if (value.BS) return value.BS.reduce((sum, element) => sum + base64Bytes(element), 0);
  if (value.L) return 3 + value.L.reduce((sum, element) => sum + 1 + valueSize(element), 0);
  if (value.M)
    return (
      3 +
      Object.entries(value.M).reduce((sum, [name, element]) => sum + 1 + utf8(name) + valueSize(element), 0)
    );
  return 0;
}

/** An item's size in bytes under AWS's rules (0 for no item). */
export function itemSize(item: Item | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

/** Write units for one standard write of `bytes` (at least 1). */
export const writeUnitsFor = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));
/** Read units for a strongly consistent read of `bytes` (at least 1). */
export const readUnitsFor = (bytes: number): number => Math.max(1, Math.ceil(bytes / 4096));

export interface IndexSchema {
  readonly name: string;
  /** Partition key, then sort key when the index has one. */
  readonly keys: readonly string[];
  readonly projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  readonly include?: readonly string[];
}

export interface TableSchema {
  /** Partition key, then sort key. */
  readonly keys: readonly string[];
  readonly indexes: readonly IndexSchema[];
}

const isScalarKey = (value: AttributeValue | undefined) =>
  value !== undefined && (value.S !== undefined || value.N !== undefined || value.B !== undefined);

/** What the index stores for `item`, or undefined when the item is not in the (sparse) index. */
export function indexEntry(
  item: Item | undefined,
  index: IndexSchema,
  tableKeys: readonly string[],
): Item | undefined {
  if (!item || !index.keys.every((key) => isScalarKey(item[key]))) return undefined;
  if (index.projection === 'ALL') return item;
  const names = new Set([...tableKeys, ...index.keys, ...(index.include ?? [])]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => names.has(name)));
}

const sameItem = (a: Item, b: Item) => {
  const names = Object.keys(a);
  return (
    names.length === Object.keys(b).length &&
    names.every((name) => JSON.stringify(a[name]) === JSON.stringify(b[name]))
  );
};

/** Write units one index consumes for a write that turns `before` into `after` (either may be absent). */
export function indexWriteUnits(
  before: Item | undefined,
  after: Item | undefined,
  index: IndexSchema,
  tableKeys: readonly string[],
): number {
  const old = indexEntry(before, index, tableKeys);
  const next = indexEntry(after, index, tableKeys);
  if (!old && !next) return 0;
  if (!old && next) return writeUnitsFor(itemSize(next));
  if (old && !next) return writeUnitsFor(itemSize(old));
  if (!old || !next) return 0; // unreachable: narrows the types
  const moved = index.keys.some((key) => JSON.stringify(old[key]) !== JSON.stringify(next[key]));
  if (moved) return writeUnitsFor(itemSize(old)) + writeUnitsFor(itemSize(next));
  if (sameItem(old, next)) return 0;
  return Math.max(writeUnitsFor(itemSize(old)), writeUnitsFor(itemSize(next)));
}

export interface WriteCost {
  /** Units on the table itself (doubled for a transactional write). */
  readonly table: number;
  /** Units per index, by index name (only indexes that were written). */
  readonly indexes: Readonly<Record<string, number>>;
}

/**
 * What one item write costs: `before` is the item as it was (undefined: it did not exist), `after` as the
 * write left it (undefined: deleted). `failed`: the condition failed, nothing was written.
 */
export function writeCost(
  schema: TableSchema,
  before: Item | undefined,
  after: Item | undefined,
  options: { readonly transactional: boolean; readonly failed?: boolean },
): WriteCost {
  const factor = options.transactional ? 2 : 1;
  if (options.failed) return { table: factor * writeUnitsFor(itemSize(before)), indexes: {} };
  const table = factor * writeUnitsFor(Math.max(itemSize(before), itemSize(after)));
  const indexes: Record<string, number> = {};
  for (const index of schema.indexes) {
    const units = indexWriteUnits(before, after, index, schema.keys);
    if (units > 0) indexes[index.name] = units;
  }
  return { table, indexes };
}

/** Read units of one read of items totalling `bytes` (a Query or Scan page rounds its sum up once). */
export function readCost(bytes: number, mode: 'eventual' | 'strong' | 'transactional'): number {
  const factor = mode === 'eventual' ? 0.5 : mode === 'transactional' ? 2 : 1;
  return factor * readUnitsFor(bytes);
}
