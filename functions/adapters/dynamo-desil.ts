import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DesilEntry, DesilImport, DesilStore } from '../core/welfare/desil.js';
import { once } from './clients.js';
import { dynamo } from './dynamo-client.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

/** Rows per transaction (DynamoDB's limit): an import's rows are written 100 at a time, a few in parallel. */
const PER_TRANSACTION = 100;
const PARALLEL = 4;

/**
 * The regencies' DTSEN desil rankings (keys.ts: DESIL#<regency> → current import; DESIL#<regency>#<import>
 * → rows by NIK pseudonym). The rows are written first, under the new import's id that nothing reads yet;
 * only then does the pointer name it: a failure midway leaves the previous ranking in force.
 */
export class DynamoDesilStore implements DesilStore {
  constructor(private readonly tableName: string) {}

  async replace(entry: DesilImport, rows: readonly DesilEntry[]): Promise<void> {
    const chunks: DesilEntry[][] = [];
    for (let at = 0; at < rows.length; at += PER_TRANSACTION) {
      chunks.push(rows.slice(at, at + PER_TRANSACTION));
    }
    for (let at = 0; at < chunks.length; at += PARALLEL) {
      await Promise.all(
        chunks.slice(at, at + PARALLEL).map((chunk) =>
          dynamo().send(
            new TransactWriteCommand({
              TransactItems: chunk.map((row) => ({
                Put: {
                  TableName: this.tableName,
                  Item: {
                    ...keys.desilRow(entry.regencyCode, entry.importId, row.person),
                    type: 'DESIL_ROW',
                    desil: row.desil,
                  },
                },
              })),
            }),
          ),
        ),
      );
    }
    await dynamo().send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.desilCurrent(entry.regencyCode), type: 'DESIL_IMPORT', ...entry },
      }),
    );
  }

  async current(regencyCode: string): Promise<DesilImport | undefined> {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.desilCurrent(regencyCode) }),
    );
    if (!Item) return undefined;
    const { importId, rows, importedAt, importedBy } = Item;
    return { regencyCode, importId, rows, importedAt, importedBy };
  }

  async desilOf(regencyCode: string, person: string): Promise<number | undefined> {
    return (await this.desilsOf(regencyCode, [person]))?.get(person);
  }

  async desilsOf(regencyCode: string, persons: readonly string[]): Promise<Map<string, number> | undefined> {
    const current = await this.current(regencyCode);
    if (!current) return undefined;
    const found = new Map<string, number>();
    for (let at = 0; at < persons.length; at += PARALLEL * 4) {
      await Promise.all(
        persons.slice(at, at + PARALLEL * 4).map(async (person) => {
          const { Item } = await dynamo().send(
            new GetCommand({
              TableName: this.tableName,
              Key: keys.desilRow(regencyCode, current.importId, person),
            }),
          );
          if (typeof Item?.desil === 'number') found.set(person, Item.desil);
        }),
      );
    }
    return found;
  }
}

export const desilStore = once((): DesilStore => new DynamoDesilStore(requiredEnv('TABLE_NAME')));
