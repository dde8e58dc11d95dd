import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseIndex, CaseIndexEntry } from '../core/cases/statistics.js';
import type { DropoutCases } from '../core/schooling/follow-ups.js';
import { districtCodeOf, regencyCodeOf } from '../core/villages/places.js';
import { once } from './clients.js';
import { dynamo, partitionPrefix, queryAll } from './dynamo-client.js';
import { requestStore } from './dynamo-request-store.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

/** The welfare cases' index (keys.ts caseIndex): one small item per case, per regency partition. */
export class DynamoCaseIndex implements CaseIndex {
  constructor(private readonly tableName: string) {}

  async add(entry: CaseIndexEntry): Promise<void> {
    const key = keys.caseIndex(
      regencyCodeOf(entry.villageCode),
      entry.villageCode,
      entry.createdAt,
      entry.requestId,
    );
    await dynamo().send(
      new PutCommand({ TableName: this.tableName, Item: { ...key, type: 'CASE_INDEX', ...entry } }),
    );
  }

  async list(area: string): Promise<CaseIndexEntry[]> {
    const { pk } = keys.caseIndex(regencyCodeOf(area), '', '', '');
    // A regency's whole partition, or the key range of one district's villages.
    const prefix = area === regencyCodeOf(area) ? 'C#' : `C#${area}.`;
    return (await queryAll(partitionPrefix(this.tableName, pk, prefix))).map(
      ({ requestId, villageCode, kind, createdAt }) =>
        ({ requestId, villageCode, kind, createdAt }) as CaseIndexEntry,
    );
  }
}

export const caseIndex = once((): CaseIndex => new DynamoCaseIndex(requiredEnv('TABLE_NAME')));

/** A village's school-dropout cases: its district's index range, then each case (Garda Ampuh's list). */
export const dropoutCases = once(
  (): DropoutCases => ({
    async ofVillage(villageCode) {
      const entries = (await caseIndex().list(districtCodeOf(villageCode))).filter(
        (entry) => entry.villageCode === villageCode && entry.kind === 'school-dropout',
      );
      const found = await Promise.all(entries.map((entry) => requestStore().get(entry.requestId)));
      return found.filter((request) => request !== undefined);
    },
  }),
);
