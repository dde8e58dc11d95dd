import { PutCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditTrail } from '../core/privacy/audit.js';
import type { RegistryLookupReads, RegistryLookupRecord } from '../core/privacy/data-subject.js';
import { once } from './clients.js';
import { dynamo, isConditionFailure, partitionPrefix, queryAll } from './dynamo-client.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const auditTrail = once(() => new DynamoAuditTrail(requiredEnv('TABLE_NAME')));
export const registryLookups = once(() => new DynamoRegistryLookupReads(requiredEnv('TABLE_NAME')));

/**
 * The put of one audit entry: never overwrites (append-only). Used alone for reads and inside the
 * TransactWriteItems of the change it describes.
 */
export const auditPut = (tableName: string, entry: AuditEntry) => ({
  TableName: tableName,
  Item: { ...keys.audit(entry.target, entry.at, entry.id), type: 'AUDIT', ...entry },
  ConditionExpression: 'attribute_not_exists(pk)',
});

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Writes a change (its puts) and the audit entry that describes it in one transaction, provided the items
 * `checks` names still hold what the change was decided on. Answers the index of the put or check (puts
 * first) whose condition failed (nothing was written), or undefined once everything is written.
 */
export async function putAudited(
  tableName: string,
  puts: readonly TransactItem['Put'][],
  audit: AuditEntry,
  checks: readonly TransactItem['ConditionCheck'][] = [],
): Promise<number | undefined> {
  const conditioned: TransactItem[] = [
    ...puts.map((put) => ({ Put: put })),
    ...checks.map((check) => ({ ConditionCheck: check })),
  ];
  try {
    await dynamo().send(
      new TransactWriteCommand({ TransactItems: [...conditioned, { Put: auditPut(tableName, audit) }] }),
    );
    return undefined;
  } catch (error) {
    const failed = conditioned.findIndex((_item, index) => isConditionFailure(error, index));
    if (failed < 0) throw error;
    return failed;
  }
}

export class DynamoAuditTrail implements AuditTrail {
  constructor(private readonly tableName: string) {}

  async append(entry: AuditEntry): Promise<void> {
    await dynamo().send(new PutCommand(auditPut(this.tableName, entry)));
  }

  async list(target: AuditEntry['target']): Promise<AuditEntry[]> {
    const { pk, sk } = keys.audit(target);
    const items = await queryAll(partitionPrefix(this.tableName, pk, sk));
    return items.map(({ pk: _pk, sk: _sk, type: _type, ...entry }) => entry as unknown as AuditEntry);
  }
}

/**
 * The registry access log as the data-protection officer reads it: a request's lookups (pk REQ#<id>, sk
 * REGLOG#…, written by functions/adapters/registries/lookup-log.ts), oldest first. The NIK in them is masked.
 */
export class DynamoRegistryLookupReads implements RegistryLookupReads {
  constructor(private readonly tableName: string) {}

  async list(requestId: string): Promise<RegistryLookupRecord[]> {
    const { pk } = keys.request(requestId);
    const items = await queryAll(partitionPrefix(this.tableName, pk, 'REGLOG#'));
    return items.map(({ pk: _pk, sk: _sk, ...entry }) => entry as unknown as RegistryLookupRecord);
  }
}
