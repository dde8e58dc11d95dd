import { pathToFileURL } from 'node:url';
import {
  type NativeAttributeValue,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../functions/adapters/dynamo-client.js';
import { loadPseudonymKey } from '../functions/adapters/pseudonym-key.js';
import { legacyPersonHash, personHash } from '../functions/core/privacy/person-pseudonym.js';

/**
 * One-off migration (issue 10): from the unkeyed person pseudonym (SHA-256 of 'nik:' + NIK) to the keyed one
 * (HMAC-SHA-256, core/person-pseudonym.ts). A Scan is acceptable here (never on a request path).
 *
 * 1. Learns every NIK the table holds in the clear where it is allowed to: request records (their data) and
 *    citizen profiles (the linked NIK); maps each one's old pseudonym to its new one.
 * 2. Moves every item keyed by an old pseudonym: person lookups (PERSON#<old> REQ#…), audit entries on a
 *    person (PERSON#<old> AUDIT#…, whose target id changes too), NIK links (NIKLINK#<old>), counter
 *    activation codes (NIKACT#<old>; a code's hash includes the old pseudonym, so an open code must be
 *    issued again — they live 24 hours), the registry
 *    lookups of NIK linking (REQ#nik-link-<old> REGLOG#…); and rewrites profiles' nikHash. Each move writes
 *    the new item and deletes the old one in one transaction.
 * Rate-limit windows keyed by old pseudonyms simply expire. Safe to run twice and to resume after a failure:
 * an old key is only ever the legacy hash of a known NIK, new keys are never mistaken for old ones, and a
 * moved item is written with Put (the same item again) before its old copy is deleted.
 *
 * Run: TABLE_NAME=… and PSEUDONYM_KEY_ID=… (AWS) or PSEUDONYM_KEY_FILE=… (local) `npx tsx scripts/migrate-pseudonyms.ts`
 */
export interface MigrationSummary {
  readonly people: number;
  readonly moved: number;
  readonly profiles: number;
  /** Items under a PERSON#/NIKLINK# key whose NIK no record holds: left as they are, for a person to look at. */
  readonly unknown: number;
}

type Item = Record<string, NativeAttributeValue>;

const NIK_LIKE = /^\d{16}$/;
const OLD_PREFIXES = [
  { prefix: 'PERSON#', rest: (pk: string) => pk.slice('PERSON#'.length) },
  { prefix: 'NIKLINK#', rest: (pk: string) => pk.slice('NIKLINK#'.length) },
  { prefix: 'NIKACT#', rest: (pk: string) => pk.slice('NIKACT#'.length) },
  { prefix: 'REQ#nik-link-', rest: (pk: string) => pk.slice('REQ#nik-link-'.length) },
];

export async function migratePseudonyms(tableName: string): Promise<MigrationSummary> {
  await loadPseudonymKey();
  // 1. Every NIK held in the clear: old pseudonym → new pseudonym.
  const renamed = new Map<string, string>();
  const profiles: Item[] = [];
  for await (const item of scan(tableName)) {
    const niks = item.sk === 'PROFILE' ? [item.nik] : isRequest(item) ? valuesOf(item.data) : [];
    for (const nik of niks) {
      if (typeof nik === 'string' && NIK_LIKE.test(nik)) renamed.set(legacyPersonHash(nik), personHash(nik));
    }
    if (item.sk === 'PROFILE' && typeof item.nik === 'string') profiles.push(item);
  }
  // 2. Move what old pseudonyms key.
  const migrated = new Set(renamed.values());
  let moved = 0;
  let unknown = 0;
  for await (const item of scan(tableName)) {
    const pk = String(item.pk);
    const match = OLD_PREFIXES.find(({ prefix }) => pk.startsWith(prefix));
    if (!match) continue;
    const old = match.rest(pk);
    const fresh = renamed.get(old);
    if (!fresh) {
      if (!migrated.has(old)) unknown++;
      continue;
    }
    const target = item.target as { kind?: string; id?: string } | undefined;
    const next: Item = {
      ...item,
      pk: `${match.prefix}${fresh}`,
      ...(target?.kind === 'person' && target.id === old ? { target: { ...target, id: fresh } } : {}),
      ...(typeof item.requestId === 'string' && item.requestId === `nik-link-${old}`
        ? { requestId: `nik-link-${fresh}` }
        : {}),
    };
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: next } },
          { Delete: { TableName: tableName, Key: { pk: item.pk, sk: item.sk } } },
        ],
      }),
    );
    moved++;
  }
  let rewritten = 0;
  for (const profile of profiles) {
    const fresh = personHash(String(profile.nik));
    if (profile.nikHash === fresh) continue;
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: profile.pk, sk: profile.sk },
        UpdateExpression: 'SET nikHash = :hash',
        ExpressionAttributeValues: { ':hash': fresh },
      }),
    );
    rewritten++;
  }
  return { people: renamed.size, moved, profiles: rewritten, unknown };
}

/** A request's data item (META#DATA), or its META from before there was one (it held the data). */
const isRequest = (item: Item) =>
  typeof item.pk === 'string' &&
  item.pk.startsWith('REQ#') &&
  (item.sk === 'META' || item.sk === 'META#DATA') &&
  'data' in item;

/** Every string in a request's data (a NIK may sit in any field of type NIK, or nested). */
function valuesOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(valuesOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(valuesOf);
  return [value];
}

async function* scan(tableName: string): AsyncGenerator<Item> {
  let start: Record<string, NativeAttributeValue> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    yield* page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const tableName = process.env.TABLE_NAME;
  if (!tableName) throw new Error('Set TABLE_NAME (and PSEUDONYM_KEY_ID or PSEUDONYM_KEY_FILE)');
  const summary = await migratePseudonyms(tableName);
  console.log(JSON.stringify(summary));
}
