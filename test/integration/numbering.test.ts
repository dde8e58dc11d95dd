import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VILLAGES } from '../../config/villages.js';
import { DynamoDocumentRegistry } from '../../functions/adapters/dynamo-document-registry.js';
import { SERVICE_CATALOG } from '../../functions/core/catalog/index.js';
import { drawLetterNumber } from '../../functions/core/documents/letter-numbering.js';
import type { Village } from '../../functions/core/villages/places.js';
import { heavyTestFile } from '../support/budgets.js';
import { startTestTable } from '../support/dynamo.js';

// Heavy: budgets that hold when other test runs share the two cores (test/support/budgets.ts).
heavyTestFile();

/** Letter numbers: per village and year, assigned atomically, never reused (DESIGN.md §1 Documents). */
describe('letter numbering against DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof startTestTable>>;
  let registry: DynamoDocumentRegistry;
  const tampo = DEMO_VILLAGES.find((village) => village.name === 'Tampo') as Village;
  const [first, second] = SERVICE_CATALOG;
  const issuedAt = new Date('2026-11-22T03:00:00Z');

  beforeAll(async () => {
    table = await startTestTable();
    registry = new DynamoDocumentRegistry(table.tableName);
  });
  afterAll(() => table?.stop());

  it('gives 1,000 concurrent signings in one village 1,000 distinct, consecutive numbers', async () => {
    if (!first) throw new Error('empty catalog');
    const numbers = await Promise.all(
      Array.from({ length: 1000 }, () => drawLetterNumber({ registry }, first, tampo, issuedAt)),
    );
    const sequences = numbers.map((number) => number.sequence).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(new Set(numbers.map((number) => number.letterNumber)).size).toBe(1000);
    expect(numbers.find((number) => number.sequence === 7)?.letterNumber).toBe(
      `${first.classificationCode}/007/TMP/XI/2026`,
    );
  });

  it('keeps one sequence per classification or per service when the village chooses that scope', async () => {
    if (!first || !second) throw new Error('the catalog needs two services');
    const byService: Village = { ...tampo, code: '35.10.06.2999', numberingScope: 'service' };
    const a = await drawLetterNumber({ registry }, first, byService, issuedAt);
    const b = await drawLetterNumber({ registry }, second, byService, issuedAt);
    const a2 = await drawLetterNumber({ registry }, first, byService, issuedAt);
    expect([a.sequence, b.sequence, a2.sequence]).toEqual([1, 1, 2]);
    const shared: Village = { ...tampo, code: '35.10.06.2998' };
    const c = await drawLetterNumber({ registry }, first, shared, issuedAt);
    const d = await drawLetterNumber({ registry }, second, shared, issuedAt);
    expect([c.sequence, d.sequence]).toEqual([1, 2]);
  });

  it('starts a new sequence in a new year (in WIB: 31 Dec 17:00 UTC is already 1 January)', async () => {
    if (!first) throw new Error('empty catalog');
    const village: Village = { ...tampo, code: '35.10.06.2997' };
    const december = await drawLetterNumber({ registry }, first, village, new Date('2026-12-31T16:00:00Z'));
    const january = await drawLetterNumber({ registry }, first, village, new Date('2026-12-31T17:00:00Z'));
    expect(december.letterNumber).toMatch(/\/001\/TMP\/XII\/2026$/);
    expect(january.letterNumber).toMatch(/\/001\/TMP\/I\/2027$/);
  });
});
