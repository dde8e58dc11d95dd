import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditTrail } from '../core/audit.js';
import { once } from './clients.js';
import { dynamo } from './dynamo-client.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const auditTrail = once(() => new DynamoAuditTrail(requiredEnv('TABLE_NAME')));

/**
 * The put of one audit entry: never overwrites (append-only). Used alone for reads and inside the
 * TransactWriteItems of the change it describes.
 */
export const auditPut = (tableName: string, entry: AuditEntry) => ({
  TableName: tableName,
  Item: { ...keys.audit(entry.target, entry.at, entry.id), type: 'AUDIT', ...entry },
  ConditionExpression: 'attribute_not_exists(pk)',
});

export class DynamoAuditTrail implements AuditTrail {
  constructor(private readonly tableName: string) {}

  async append(entry: AuditEntry): Promise<void> {
    await dynamo().send(new PutCommand(auditPut(this.tableName, entry)));
  }

  async list(target: AuditEntry['target']): Promise<AuditEntry[]> {
    const { pk, sk } = keys.audit(target);
    const entries: AuditEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
          ExpressionAttributeValues: { ':pk': pk, ':sk': sk },
          ExclusiveStartKey: start,
        }),
      );
      for (const { pk: _pk, sk: _sk, type: _type, ...entry } of page.Items ?? []) {
        entries.push(entry as AuditEntry);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return entries;
  }
}
