import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DeleteItemCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRequestStore } from '../../functions/adapters/dynamo-request-store.js';
import { DynamoVillageDirectory } from '../../functions/adapters/dynamo-villages.js';
import { keys } from '../../functions/adapters/keys.js';
import { findService } from '../../functions/core/catalog/index.js';
import { localClient } from '../../lib/local/dynamodb.js';
import {
  compareTables,
  describeSchema,
  type ExportHeader,
  importTable,
  partitionCounts,
  restoreByExport,
} from '../../scripts/restore/table-copy.js';
import { heavyTestFile } from '../support/budgets.js';
import { type RequestState, stageOpen, submit } from '../support/chain.js';
import { TAMPO, validBusinessApplication } from '../support/fixtures.js';
import { type ApiClient, signInAll, startTestRuntime } from '../support/runtime.js';

heavyTestFile();

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
const RESTORED = 'desa-digital-restored';

/**
 * The restore drill against the local stack (issue 15, item 4; docs/runbook.md "Restoring data"): DynamoDB
 * Local has no point-in-time recovery, so the table is exported and imported into a new one by the same
 * module `npm run restore` uses, then compared; the restored table answers the API's own reads, and the
 * table the API runs on loses nothing.
 */
describe('restore drill', () => {
  let runtime: Runtime;
  let client: DynamoDBClient;
  let citizen: ApiClient;
  let request: RequestState;
  let source: string;
  let countsBefore: Map<string, number>;
  let drill: Awaited<ReturnType<typeof restoreByExport>>;
  const exportFile = () => join(runtime.dataDir, 'drill.jsonl');

  beforeAll(async () => {
    // Prepare: the demo data the runtime seeds, and one request submitted through the API and waiting for
    // its first stage (the site render job is off, so nothing writes to the table during the drill).
    runtime = await startTestRuntime(undefined, { siteRenderEveryMs: 0 });
    source = String(runtime.env.TABLE_NAME);
    // The raw endpoint tests and scripts use: requests not made by a function pass the grants proxy.
    client = localClient(String(runtime.env.AWS_ENDPOINT_URL_DYNAMODB));
    [citizen] = await signInAll(runtime, ['warga.tampo'] as const);
    const submitted = await submit(citizen, findService('SKU'), TAMPO, validBusinessApplication);
    request = await stageOpen<RequestState>(citizen, submitted.id, 'verify');
    countsBefore = await partitionCounts(client, source);
    // Act
    drill = await restoreByExport(client, {
      source,
      target: RESTORED,
      file: exportFile(),
      sampleSize: 40,
    });
  });

  afterAll(async () => {
    client?.destroy();
    await runtime?.cleanup();
  });

  it('exports every item with the time it was taken and imports them all into a new table', async () => {
    const [headerLine] = (await readFile(exportFile(), 'utf8')).split('\n', 1);
    const header = JSON.parse(String(headerLine)) as ExportHeader;
    expect(header.table).toBe(source);
    expect(Date.parse(header.takenAt)).toBeLessThanOrEqual(Date.now());
    const total = [...countsBefore.values()].reduce((sum, count) => sum + count, 0);
    expect(drill.exported.items).toBe(total);
    expect(drill.imported).toBe(total);
    // The same keys and indexes (with their projections) as the table the stack declares.
    expect(await describeSchema(client, RESTORED)).toEqual(await describeSchema(client, source));
  });

  it('finds equal counts in every partition and the sampled records equal item by item', () => {
    const { comparison } = drill;
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.equal).toBe(true);
    expect(comparison.sampled).toBe(40);
    const count = (prefix: string) => comparison.counts.find((row) => row.prefix === prefix);
    // The submitted request, the seeded villages and legal products are there.
    for (const prefix of ['REQ#', 'VILLAGE#', 'LAW#']) {
      expect(count(prefix)?.restored, prefix).toBeGreaterThan(0);
      expect(count(prefix)?.restored, prefix).toBe(count(prefix)?.source);
    }
  });

  it("serves the API's reads from the restored table: the request, its inbox entry and the village", async () => {
    const [original, restored] = [source, RESTORED].map((table) => new DynamoRequestStore(table));
    const fromRestored = await restored?.getWithEvents(request.id);
    expect(fromRestored?.request.status).toBe(request.status);
    expect(fromRestored).toEqual(await original?.getWithEvents(request.id));
    // The village's inbox (the gsi1 index) lists it in the restored table too.
    const inbox = await restored?.listByVillage({ villageCode: TAMPO, status: 'IN_REVIEW', limit: 50 });
    expect(inbox?.items.map((item) => item.id)).toContain(request.id);
    const village = await new DynamoVillageDirectory(RESTORED).get(TAMPO);
    expect(village).toEqual(await new DynamoVillageDirectory(source).get(TAMPO));
    expect(village?.name).toBe('Tampo');
  });

  it('kills nothing and loses nothing: the running table is unchanged and an existing table is refused', async () => {
    // A restore never writes into a table that exists (here: the one the API runs on), nor does an import.
    await expect(
      restoreByExport(client, { source, target: source, file: `${exportFile()}.again` }),
    ).rejects.toThrow(`${source} exists`);
    await expect(importTable(client, exportFile(), source)).rejects.toBeInstanceOf(ResourceInUseException);
    expect(await partitionCounts(client, source)).toEqual(countsBefore);
    expect((await compareTables(client, source, RESTORED, 10)).equal).toBe(true);
    // The API still answers from its own table, as before the drill (this read writes its audit entry).
    const { status, body } = await citizen.get<RequestState>(`/v1/requests/${request.id}`);
    expect(status).toBe(200);
    expect(body.status).toBe(request.status);
  });

  it('catches a copy that differs: a missing village and a changed request', async () => {
    // Prepare: spoil the copy (the drill is over; the source is not touched)
    await client.send(
      new DeleteItemCommand({
        TableName: RESTORED,
        Key: marshall(keys.village(TAMPO)),
      }),
    );
    await client.send(
      new UpdateItemCommand({
        TableName: RESTORED,
        Key: marshall(keys.request(request.id)),
        UpdateExpression: 'SET #status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': { S: 'REJECTED' } },
      }),
    );
    // Act: every record sampled
    const comparison = await compareTables(client, source, RESTORED, 100_000);
    // Assess
    expect(comparison.equal).toBe(false);
    const villages = comparison.counts.find((row) => row.prefix === 'VILLAGE#');
    expect(villages && villages.source - villages.restored).toBe(1);
    expect(comparison.mismatches).toEqual(
      expect.arrayContaining([
        { key: `VILLAGE#${TAMPO} META`, problem: 'missing' },
        { key: `REQ#${request.id} META`, problem: 'different' },
      ]),
    );
  });
});
