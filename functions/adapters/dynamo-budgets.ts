import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Budget } from '../core/budget/budget.js';
import type { BudgetStore, BudgetYear } from '../core/budget/budgets.js';
import type { SemesterRealisation } from '../core/budget/realisation.js';
import type { AuditEntry } from '../core/privacy/audit.js';
import { once } from './clients.js';
import { putAudited } from './dynamo-audit.js';
import { queryAll, writtenIf } from './dynamo-client.js';
import { fromItem } from './dynamo-request-store.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

/** A village's budget years (pk BUDGET#<village>#<year>): versions and semester realisation, keys.ts. */
export class DynamoBudgetStore implements BudgetStore {
  constructor(private readonly tableName: string) {}

  async year(villageCode: string, year: number): Promise<BudgetYear> {
    const { pk, from } = keys.budgetYear(villageCode, year);
    const items = await queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk >= :from',
      ExpressionAttributeValues: { ':pk': pk, ':from': from },
    });
    const of = (kind: string) =>
      items.filter((item) => item.type === kind).map(({ type: _type, ...item }) => fromItem(item));
    return {
      versions: of('BUDGET_VERSION') as Budget[],
      realisation: (of('BUDGET_REALISATION') as SemesterRealisation[]).sort(
        (a, b) => a.semester - b.semester,
      ),
    };
  }

  async putDraft(budget: Budget, replacing: boolean, audit: AuditEntry): Promise<boolean> {
    const failed = await putAudited(
      this.tableName,
      [
        {
          TableName: this.tableName,
          Item: {
            ...keys.budgetVersion(budget.villageCode, budget.year, budget.version),
            type: 'BUDGET_VERSION',
            ...budget,
          },
          ...(replacing
            ? {
                ConditionExpression: '#status = :draft',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':draft': 'draft' },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      ],
      audit,
    );
    return failed === undefined;
  }

  async putRealisation(
    villageCode: string,
    year: number,
    realisation: SemesterRealisation,
    audit: AuditEntry,
    otherRecordedAt: string | undefined,
  ): Promise<boolean> {
    const item = {
      ...keys.budgetRealisation(villageCode, year, realisation.semester),
      type: 'BUDGET_REALISATION',
      ...realisation,
    };
    const other = {
      TableName: this.tableName,
      Key: keys.budgetRealisation(villageCode, year, realisation.semester === 1 ? 2 : 1),
      ...(otherRecordedAt === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'recordedAt = :at',
            ExpressionAttributeValues: { ':at': otherRecordedAt },
          }),
    };
    const failed = await putAudited(this.tableName, [{ TableName: this.tableName, Item: item }], audit, [
      other,
    ]);
    return failed === undefined;
  }

  adopt(
    villageCode: string,
    year: number,
    version: number,
    legalProductId: string,
    at: string,
  ): Promise<boolean> {
    return writtenIf(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.budgetVersion(villageCode, year, version),
        UpdateExpression: 'SET #status = :adopted, legalProductId = :legal, adoptedAt = :at',
        ConditionExpression: '#status = :draft',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':adopted': 'adopted',
          ':draft': 'draft',
          ':legal': legalProductId,
          ':at': at,
        },
      }),
    );
  }
}

export const budgetStore = once(() => new DynamoBudgetStore(requiredEnv('TABLE_NAME')));
