import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { personHash } from '../core/identity/citizen-profile.js';
import { pendingSignalOf, type RequestEvent, type ServiceRequest } from '../core/requests/requests.js';
import { canonicalJson } from '../core/shared/canonical-json.js';
import { ValidationError } from '../core/shared/errors.js';
import type {
  CreateResult,
  IdempotencyRecord,
  PendingSignalQuery,
  RequestChange,
  RequestStore,
  VillageQuery,
} from '../core/shared/ports.js';
import { text } from '../core/shared/text.js';
import { once } from './clients.js';
import {
  dynamo,
  isConditionFailure,
  isTransactionConflict,
  partitionPrefix,
  queryAll,
  writtenIf,
} from './dynamo-client.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const requestStore = once(() => new DynamoRequestStore(requiredEnv('TABLE_NAME')));

const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** The record as written with its request: the claim's lease is gone. */
const completed = ({ claimedUntil: _claim, ...record }: IdempotencyRecord): IdempotencyRecord => record;
/** Where the tracking-code lookup sits in a create transaction (after the request's two items and its event). */
const TRACKING_CODE_INDEX = 3;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** How a conditional write of a request ended: META's condition failed, with META as it was found, if any. */
type WriteOutcome =
  | { readonly written: true }
  | { readonly written: false; readonly found?: Record<string, { N?: string }> };

/** Requests and their events in the single table (key design in keys.ts). */
export class DynamoRequestStore implements RequestStore {
  constructor(private readonly tableName: string) {}

  async create(
    request: ServiceRequest,
    event: RequestEvent,
    idempotency?: IdempotencyRecord,
    niks: readonly string[] = [],
  ): Promise<CreateResult> {
    const [meta, data] = requestItems(request);
    const items: TransactItem[] = [
      { Put: { TableName: this.tableName, Item: meta, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: data } },
      { Put: { TableName: this.tableName, Item: eventItem(event, 0) } },
      // The tracking code's lookup: unique, so a code names one request only.
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.trackingCode(request.trackingCode), requestId: request.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...this.personLookups(request.id, niks),
    ];
    const idempotencyIndex = items.length;
    if (idempotency) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.idempotency(idempotency.subject, idempotency.key),
            ...completed(idempotency),
            expiresAt: Math.floor(Date.parse(request.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
          },
          // Free, or claimed for this very request (submitRequest claims the key before moving files).
          ConditionExpression:
            'attribute_not_exists(pk) OR (attribute_exists(claimedUntil) AND requestId = :requestId)',
          ExpressionAttributeValues: { ':requestId': request.id },
        },
      });
    }
    // Concurrent submissions with one key: the first transaction wins; the others are cancelled, with
    // ConditionalCheckFailed once it has committed or TransactionConflict while it is in flight (in which
    // case it may still fail too). A loser reads the key's record and replays it; if there is none yet, it
    // waits briefly and tries its own transaction again.
    for (let attempt = 1; ; attempt++) {
      try {
        await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
        return { created: true };
      } catch (error) {
        // The request's own item exists already: a concurrent holder of the same claim wrote it first.
        const keyTaken =
          isConditionFailure(error, idempotencyIndex) ||
          isTransactionConflict(error) ||
          (idempotency !== undefined && isConditionFailure(error, 0));
        // A clash of tracking codes alone (the key, if any, was free): the caller draws a new code.
        if (isConditionFailure(error, TRACKING_CODE_INDEX) && !isConditionFailure(error, idempotencyIndex)) {
          return { created: false, trackingCodeTaken: true };
        }
        if (!idempotency || !keyTaken) throw error;
        const existing = await this.getItem<IdempotencyRecord>(
          keys.idempotency(idempotency.subject, idempotency.key),
        );
        if (existing && existing.claimedUntil === undefined) return { created: false, existing };
        if (attempt >= CONFLICT_ATTEMPTS) throw error;
        await backOff(attempt);
      }
    }
  }

  /** One lookup per person a request names, keyed by a hash of their NIK (never the NIK itself). */
  private personLookups(requestId: string, niks: readonly string[]) {
    return [...new Set(niks)].map((nik) => ({
      Put: {
        TableName: this.tableName,
        Item: { ...keys.personRequest(personHash(nik), requestId), requestId },
      },
    }));
  }

  async idByTrackingCode(code: string): Promise<string | undefined> {
    const item = await this.getItem<{ requestId?: string }>(keys.trackingCode(code));
    return item?.requestId;
  }

  async idsByNik(nik: string): Promise<string[]> {
    const { pk, sk } = keys.personRequest(personHash(nik));
    const items = await queryAll({
      ...partitionPrefix(this.tableName, pk, sk),
      ProjectionExpression: 'requestId',
      ConsistentRead: true,
    });
    return items.flatMap((item) => (typeof item.requestId === 'string' ? [item.requestId] : []));
  }

  async linkedNik(subject: string): Promise<string | undefined> {
    const profile = await this.getItem<{ nik?: string }>(keys.profile(subject));
    return profile?.nik;
  }

  /** One strongly consistent Query of the request's two items (META, META#DATA): 1 RRU while they fit 4 KB. */
  get(id: string): Promise<ServiceRequest | undefined> {
    return untorn(id, () => this.read(id, true));
  }

  /**
   * The requests with these ids (a listing's page, from an index's keys), in this order, those not found left
   * out: one eventually consistent Query each (half a read unit, where a BatchGetItem of the two items would
   * bill one), like the index the ids came from. One that is not found, or whose items were read at
   * different versions, is read again strongly consistent.
   */
  async getMany(ids: readonly string[]): Promise<ServiceRequest[]> {
    const found = await Promise.all(
      ids.map(async (id) => {
        const read = await this.read(id, false);
        return read && read !== 'torn' ? read : this.get(id);
      }),
    );
    return found.filter((request) => request !== undefined);
  }

  /** The request from one Query of its items; 'torn' when its data item is not the one META was written with. */
  private async read(id: string, consistent: boolean): Promise<ServiceRequest | 'torn' | undefined> {
    const { Items = [] } = await dynamo().send(
      new QueryCommand({
        ...partitionPrefix(this.tableName, keys.request(id).pk, keys.requestPrefix),
        ConsistentRead: consistent,
      }),
    );
    const meta = Items.find((item) => item.sk === keys.request(id).sk);
    if (!meta) return undefined;
    return (
      assemble(
        meta,
        Items.find((item) => item.sk === keys.requestData(id).sk),
      ) ?? 'torn'
    );
  }

  idempotency(subject: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.getItem<IdempotencyRecord>(keys.idempotency(subject, key));
  }

  async claimIdempotency(record: IdempotencyRecord & { readonly claimedUntil: number }) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.idempotency(record.subject, record.key),
            ...record,
            expiresAt: Math.floor(record.claimedUntil / 1000) + IDEMPOTENCY_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { claimed: true } as const;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.idempotency(record.subject, record.key);
      if (!existing) throw error;
      return { claimed: false, existing } as const;
    }
  }

  async renewIdempotencyClaim(record: IdempotencyRecord, claimedUntil: number, now: number) {
    return writtenIf(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.idempotency(record.subject, record.key),
        UpdateExpression: 'SET claimedUntil = :until',
        ConditionExpression: 'requestId = :requestId AND claimedUntil < :now',
        ExpressionAttributeValues: { ':until': claimedUntil, ':requestId': record.requestId, ':now': now },
      }),
    );
  }

  async releaseIdempotencyClaim(record: IdempotencyRecord, drop: boolean) {
    const Key = keys.idempotency(record.subject, record.key);
    const ConditionExpression = 'attribute_exists(claimedUntil) AND requestId = :requestId';
    const values = { ':requestId': record.requestId };
    try {
      await dynamo().send(
        drop
          ? new DeleteCommand({
              TableName: this.tableName,
              Key,
              ConditionExpression,
              ExpressionAttributeValues: values,
            })
          : new UpdateCommand({
              TableName: this.tableName,
              Key,
              UpdateExpression: 'SET claimedUntil = :zero',
              ConditionExpression,
              ExpressionAttributeValues: { ...values, ':zero': 0 },
            }),
      );
    } catch (error) {
      // Completed meanwhile (or taken over): nothing of ours to give up.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async events(id: string): Promise<RequestEvent[]> {
    const result = await dynamo().send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.request(id).pk, ':prefix': keys.eventPrefix },
      }),
    );
    return (result.Items ?? []).map((item) => fromItem<RequestEvent>(item));
  }

  getWithEvents(id: string) {
    const { first, last } = keys.requestView;
    return untorn(id, async () => {
      const items = await queryAll({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
        ExpressionAttributeValues: { ':pk': keys.request(id).pk, ':first': first, ':last': last },
        ConsistentRead: true,
      });
      const meta = items.find((item) => item.sk === keys.request(id).sk);
      if (!meta) return undefined;
      const request = assemble(
        meta,
        items.find((item) => item.sk === keys.requestData(id).sk),
      );
      if (!request) return 'torn';
      const events = items.filter((item) => String(item.sk).startsWith(keys.eventPrefix));
      return { request, events: events.map((item) => fromItem<RequestEvent>(item)) };
    });
  }

  async update(change: RequestChange): Promise<boolean> {
    return (await this.writeChange(change)) === 'written';
  }

  /**
   * Writes a change of the request, conditional on its version, after `others` (the same transaction's other
   * items, e.g. a document). META is written alone (PutItem) when there is nothing else to write. The data
   * item is written only when the change alters it: the first attempt leaves it out, on condition that META's
   * hash of the data is unchanged; if only that failed, the same write goes again with the data item.
   * 'request-changed': the request's version moved on. A failed condition of one of `others` rejects with the
   * cancelled transaction (TransactionCanceledException, `others` at their own indexes).
   */
  async writeChange(
    change: RequestChange,
    others: readonly TransactItem[] = [],
  ): Promise<'written' | 'request-changed'> {
    const first = await this.send([...others, ...this.changeItems(change, false)], others.length);
    if (first.written) return 'written';
    if (first.found?.version?.N !== String(change.expectedVersion)) return 'request-changed';
    const second = await this.send([...others, ...this.changeItems(change, true)], others.length);
    return second.written ? 'written' : 'request-changed';
  }

  /** META (first), the data item when `withData`, the event and the NIK lookups of a change. */
  private changeItems(
    { request, expectedVersion, event, niks = [] }: RequestChange,
    withData: boolean,
  ): TransactItem[] {
    const [meta, data] = requestItems(request);
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: meta,
          ConditionExpression: `version = :expected${withData ? '' : ' AND dataHash = :hash'}`,
          ExpressionAttributeValues: {
            ':expected': expectedVersion,
            ...(withData ? {} : { ':hash': meta.dataHash }),
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      ...(withData ? [{ Put: { TableName: this.tableName, Item: data } }] : []),
      ...(event ? [{ Put: { TableName: this.tableName, Item: eventItem(event, request.version) } }] : []),
      ...this.personLookups(request.id, niks),
    ];
  }

  /**
   * Sends a request's write: a PutItem when it is META alone (a transaction costs twice the units), else one
   * transaction, tried again while another transaction on the same items is in flight (that says nothing
   * about whether it committed; the write stays conditional, so trying again settles it either way).
   */
  private async send(items: readonly TransactItem[], metaIndex: number): Promise<WriteOutcome> {
    const [only] = items;
    if (items.length === 1 && only?.Put) {
      try {
        await dynamo().send(new PutCommand(only.Put));
        return { written: true };
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return { written: false, found: error.Item };
        throw error;
      }
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await dynamo().send(new TransactWriteCommand({ TransactItems: [...items] }));
        return { written: true };
      } catch (error) {
        const reasons =
          error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
        const failed = reasons.flatMap((reason, index) =>
          reason.Code === 'ConditionalCheckFailed' ? [index] : [],
        );
        if (failed.length === 1 && failed[0] === metaIndex) {
          return { written: false, found: reasons[metaIndex]?.Item };
        }
        if (!isTransactionConflict(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
        await backOff(attempt);
      }
    }
  }

  async listByVillage({ villageCode, status, createdBefore, limit, cursor }: VillageQuery) {
    const [index, partition] = status
      ? ['gsi1', keys.villageStatus(villageCode, status)]
      : ['gsi2', keys.villageAll(villageCode)];
    const result = await dynamo().send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        // Sort keys are `<createdAt>#<id>`: everything before `<createdAt>` sorts before it.
        KeyConditionExpression: `${index}pk = :pk${createdBefore ? ` AND ${index}sk < :before` : ''}`,
        ExpressionAttributeValues: {
          ':pk': partition,
          ...(createdBefore ? { ':before': createdBefore } : {}),
        },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: cursor ? decodeCursor(cursor, `${index}pk`, partition) : undefined,
      }),
    );
    return {
      items: await this.getMany((result.Items ?? []).map(requestIdOf)),
      cursor: result.LastEvaluatedKey ? encodeCursor(result.LastEvaluatedKey) : undefined,
    };
  }

  async pendingSignals({ villageCode, before, limit, cursor }: PendingSignalQuery) {
    const partition = keys.pendingSignal(villageCode);
    const result = await dynamo().send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :pk AND gsi5sk < :before',
        ExpressionAttributeValues: { ':pk': partition, ':before': before },
        Limit: limit,
        ExclusiveStartKey: cursor ? decodeCursor(cursor, 'gsi5pk', partition) : undefined,
      }),
    );
    return {
      ids: (result.Items ?? []).map(requestIdOf),
      cursor: result.LastEvaluatedKey ? encodeCursor(result.LastEvaluatedKey) : undefined,
    };
  }

  async clearSignal(id: string, version: number): Promise<void> {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.request(id),
          UpdateExpression: 'REMOVE pendingSignal, gsi5pk, gsi5sk',
          ConditionExpression: 'version = :version AND attribute_exists(pendingSignal)',
          ExpressionAttributeValues: { ':version': version },
        }),
      );
    } catch (error) {
      // The request changed since (which settled the signal too) or the signal is gone already.
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  private async getItem<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return result.Item ? fromItem<T>(result.Item) : undefined;
  }
}

/**
 * The request's fields that only its submission, a correction or a decider's attached document change: kept
 * in the META#DATA item, so META, which every step of the workflow rewrites, stays well under the 1 KB that
 * one write unit covers (the form, the files and the contacts are most of a request's bytes).
 */
const DATA_FIELDS = [
  'applicant',
  'data',
  'contact',
  'attachments',
  'channel',
  'consent',
  'citizen',
  'records',
] as const satisfies readonly (keyof ServiceRequest)[];

/**
 * A request as its two table items (exported for benchmarks that seed the table): META, with its index keys
 * and the hash of the data item, and META#DATA.
 */
export function requestItems(request: ServiceRequest) {
  const sortKey = `${request.createdAt}#${request.id}`;
  const { awaiting } = request;
  const data: Record<string, unknown> = {};
  const record: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(request)) {
    if (name === 'pendingSignal') continue;
    ((DATA_FIELDS as readonly string[]).includes(name) ? data : record)[name] = value;
  }
  // A signal written with an earlier version is settled: the item drops it and leaves the sparse index.
  const signal = pendingSignalOf(request);
  const meta = {
    ...keys.request(request.id),
    ...record,
    dataHash: hashOf(data),
    ...(signal
      ? {
          pendingSignal: signal,
          gsi5pk: keys.pendingSignal(request.villageCode),
          gsi5sk: `${signal.at}#${request.id}`,
        }
      : {}),
    gsi1pk: keys.villageStatus(request.villageCode, request.status),
    gsi1sk: sortKey,
    gsi2pk: keys.villageAll(request.villageCode),
    gsi2sk: sortKey,
    gsi4pk: keys.applicant(request.applicant.subject),
    gsi4sk: sortKey,
    ...(awaiting
      ? { gsi3pk: keys.task(request.villageCode, awaiting.role), gsi3sk: `${awaiting.dueAt}#${request.id}` }
      : {}),
  };
  return [meta, { ...keys.requestData(request.id), ...data }] as const;
}

/** A short hash of the data item's fields, independent of key order and of undefined values. */
function hashOf(data: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(data)).digest('base64url').slice(0, 22);
}

/** Reads until the request's two items match: a Query is not isolated from a transaction committing meanwhile. */
async function untorn<T>(id: string, read: () => Promise<T | 'torn' | undefined>): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    const result = await read();
    if (result !== 'torn') return result;
    if (attempt >= CONFLICT_ATTEMPTS) throw new Error(`Request ${id}: its data item does not match META`);
    await backOff(attempt);
  }
}

/**
 * The request from its items, or undefined when the data item read is not the one META was written with (a
 * write landed between the two). META without a hash predates the data item and holds the whole request.
 */
function assemble(
  meta: Record<string, unknown>,
  dataItem: Record<string, unknown> | undefined,
): ServiceRequest | undefined {
  const { dataHash, ...record } = fromItem<Record<string, unknown>>(meta);
  if (dataHash === undefined) return record as unknown as ServiceRequest;
  if (!dataItem) return undefined;
  const data = fromItem<Record<string, unknown>>(dataItem);
  return hashOf(data) === dataHash ? ({ ...record, ...data } as unknown as ServiceRequest) : undefined;
}

/** The id of the request an index entry points to (its table key: REQ#<id>). */
export const requestIdOf = (item: Record<string, unknown>) =>
  String(item.pk).slice(keys.request('').pk.length);

function eventItem(event: RequestEvent, n: number) {
  return { ...keys.event(event.requestId, event.at, n), ...event };
}

const KEY_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
  'gsi5pk',
  'gsi5sk',
  'expiresAt',
];

/** Strips the table's key attributes so only the domain record leaves the adapter. */
export function fromItem<T>(item: Record<string, unknown>): T {
  const record = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete record[attribute];
  return record as T;
}

/** Attempts of a transaction cancelled by conflicts: about 3 s in all, enough for the other one to settle. */
const CONFLICT_ATTEMPTS = 10;

/** Exponential pause with full jitter: 20 ms, 40 ms, … capped at 640 ms, times a random factor. */
const backOff = (attempt: number) => sleep(Math.random() * Math.min(640, 20 * 2 ** (attempt - 1)));

const encodeCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

/** A cursor only continues the listing it came from: another village's or status's cursor is refused. */
function decodeCursor(
  cursor: string,
  partitionAttribute: string,
  partition: string,
): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (key && typeof key === 'object' && key[partitionAttribute] === partition) return key;
  } catch {
    // fall through to the validation error below
  }
  throw new ValidationError(text('Parameter cursor tidak valid.', 'The cursor parameter is not valid.'), [
    { field: 'cursor', message: text('cursor tidak valid', 'cursor is not valid') },
  ]);
}
