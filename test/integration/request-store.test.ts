import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VILLAGES } from '../../config/villages.js';
import { dynamo } from '../../functions/adapters/dynamo-client.js';
import { DynamoConsoleReads } from '../../functions/adapters/dynamo-console-reads.js';
import { DynamoRequestStore } from '../../functions/adapters/dynamo-request-store.js';
import { DynamoVillageDirectory } from '../../functions/adapters/dynamo-villages.js';
import { keys } from '../../functions/adapters/keys.js';
import type { RequestEvent, ServiceRequest } from '../../functions/core/requests/requests.js';
import { newId } from '../../functions/core/shared/ids.js';
import { VILLAGE_SUMMARY_FIELDS } from '../../functions/core/villages/places.js';
import { synthesizeTemplate } from '../../lib/app.js';
import { itemSize } from '../../lib/local/aws-capacity.js';
import { ensureTableFromTemplate } from '../../lib/local/dynamodb.js';
import type { SynthesizedTemplate } from '../../lib/local/runtime.js';
import { startTestTable } from '../support/dynamo.js';

/**
 * The request store's table layout against DynamoDB Local and the stack's own table (keys.ts): a request is
 * its small, changing META item and its write-once data item (META#DATA); the listings' indexes hold keys.
 */
describe('requests in the single table', () => {
  let table: Awaited<ReturnType<typeof startTestTable>>;
  let store: DynamoRequestStore;
  const village = DEMO_VILLAGES[0]?.code ?? '';
  const createdAt = '2026-12-01T03:00:00.000Z';

  const newRequest = (overrides: Partial<ServiceRequest> = {}): ServiceRequest => ({
    id: newId(new Date(createdAt)),
    trackingCode: `DD-${Math.random().toString(36).slice(2, 6).toUpperCase()}-TEST`,
    serviceCode: 'SKU',
    villageCode: village,
    status: 'SUBMITTED',
    stageIndex: 0,
    applicant: { subject: `citizen-${newId()}`, name: 'Budi Santoso' },
    data: {
      nik: '3510061208900003',
      fullName: 'Budi Santoso',
      address: { street: 'Jl. Raya Tampo 12', rt: '002', rw: '005' },
      businessName: 'Warung Makan Bu Sri',
    },
    contact: { phone: '081234567890', email: 'budi@example.com' },
    attachments: [
      {
        attachmentId: 'att-1',
        requirementCode: 'KTP',
        contentType: 'image/jpeg',
        size: 120_000,
        objectKey: `attachments/${village}/att-1.jpg`,
        uploadedBy: { subject: 'citizen-1', role: 'citizen' },
        at: createdAt,
      },
    ],
    createdAt,
    updatedAt: createdAt,
    version: 1,
    ...overrides,
  });
  const event = (request: ServiceRequest, type: string): RequestEvent => ({
    requestId: request.id,
    at: request.updatedAt,
    type,
    status: request.status,
    actor: { subject: 'system', name: 'Sistem', role: 'system' },
  });
  /** The next version of a request, as the workflow writes it (what the caller changed, plus the version). */
  const next = (request: ServiceRequest, change: Partial<ServiceRequest>): ServiceRequest => ({
    ...request,
    ...change,
    updatedAt: new Date(Date.parse(request.updatedAt) + 60_000).toISOString(),
    version: request.version + 1,
  });
  const created = async (request = newRequest()) => {
    await expect(store.create(request, event(request, 'SUBMITTED'))).resolves.toEqual({ created: true });
    return request;
  };
  const itemsOf = async (id: string) => {
    const { Items = [] } = await dynamo().send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.request(id).pk },
        ConsistentRead: true,
      }),
    );
    return Items;
  };
  const dataItem = async (id: string) =>
    (await dynamo().send(new GetCommand({ TableName: table.tableName, Key: keys.requestData(id) }))).Item;
  /** Marks the data item out of band: a later write of it would drop the mark. */
  const mark = (id: string) =>
    dynamo().send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.requestData(id),
        UpdateExpression: 'SET probe = :probe',
        ExpressionAttributeValues: { ':probe': 'untouched' },
      }),
    );
  const unmark = (id: string) =>
    dynamo().send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.requestData(id),
        UpdateExpression: 'REMOVE probe',
      }),
    );

  beforeAll(async () => {
    table = await startTestTable();
    store = new DynamoRequestStore(table.tableName);
  });
  afterAll(() => table?.stop());

  it('writes a request as a META item under 1 KB and a data item, and reads it back whole', async () => {
    const request = await created();
    const items = await itemsOf(request.id);
    const meta = items.find((item) => item.sk === 'META');
    const data = items.find((item) => item.sk === 'META#DATA');
    expect(meta).toBeDefined();
    expect(data).toMatchObject({
      data: request.data,
      applicant: request.applicant,
      contact: request.contact,
    });
    // META: the state and the index keys, none of the application's data
    for (const field of ['data', 'applicant', 'contact', 'attachments'])
      expect(meta).not.toHaveProperty(field);
    expect(itemSize(marshall(meta, { removeUndefinedValues: true }))).toBeLessThan(1024);
    await expect(store.get(request.id)).resolves.toEqual(request);
  });

  it('rewrites only META when a change leaves the data as it was', async () => {
    const request = await created();
    await mark(request.id);
    const moved = next(request, { status: 'IN_REVIEW' });
    await expect(
      store.update({ request: moved, expectedVersion: request.version, event: event(moved, 'STAGE_OPENED') }),
    ).resolves.toBe(true);
    expect(await dataItem(request.id)).toMatchObject({ probe: 'untouched' });
    await unmark(request.id);
    await expect(store.get(request.id)).resolves.toEqual(moved);
    expect((await store.events(request.id)).map((line) => line.type)).toEqual(['SUBMITTED', 'STAGE_OPENED']);
  });

  it('rewrites the data item with a change of the data (a correction, an attached document)', async () => {
    const request = await created();
    await mark(request.id);
    const corrected = next(request, {
      data: { ...request.data, businessName: 'Warung Bu Sri Jaya' },
      attachments: [
        ...(request.attachments ?? []),
        {
          attachmentId: 'att-2',
          requirementCode: 'SURAT_PENGANTAR',
          contentType: 'application/pdf',
          size: 30_000,
          objectKey: `attachments/${village}/att-2.pdf`,
          uploadedBy: { subject: 'operator-1', role: 'operator' },
          at: createdAt,
        },
      ],
    });
    await expect(
      store.update({
        request: corrected,
        expectedVersion: request.version,
        event: event(corrected, 'RESUBMITTED'),
      }),
    ).resolves.toBe(true);
    expect(await dataItem(request.id)).not.toHaveProperty('probe');
    await expect(store.get(request.id)).resolves.toEqual(corrected);
  });

  it('writes nothing for a change made from a version that is no longer current, with or without new data', async () => {
    const request = await created();
    const first = next(request, { status: 'IN_REVIEW' });
    await expect(store.update({ request: first, expectedVersion: request.version })).resolves.toBe(true);
    const stale = next(request, { status: 'REJECTED' });
    const staleCorrection = next(request, { data: { ...request.data, fullName: 'Someone Else' } });
    for (const change of [stale, staleCorrection]) {
      await expect(
        store.update({ request: change, expectedVersion: request.version, event: event(change, 'LATE') }),
      ).resolves.toBe(false);
    }
    await expect(store.get(request.id)).resolves.toEqual(first);
    expect((await store.events(request.id)).map((line) => line.type)).toEqual(['SUBMITTED']);
  });

  it('never returns a request whose data item is not the one its META was written with', async () => {
    const request = await created();
    await dynamo().send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...keys.requestData(request.id), ...request, data: { fullName: 'Tampered' } },
      }),
    );
    await expect(store.get(request.id)).rejects.toThrow(/does not match/);
  });

  it('reads a request written before the data item existed, and splits it on its next write', async () => {
    const { attachments: _files, ...legacy } = newRequest();
    await dynamo().send(
      new PutCommand({ TableName: table.tableName, Item: { ...keys.request(legacy.id), ...legacy } }),
    );
    await expect(store.get(legacy.id)).resolves.toEqual(legacy);
    const moved = next(legacy, { status: 'IN_REVIEW' });
    await expect(store.update({ request: moved, expectedVersion: legacy.version })).resolves.toBe(true);
    expect(await dataItem(legacy.id)).toMatchObject({ data: legacy.data, applicant: legacy.applicant });
    await expect(store.get(legacy.id)).resolves.toEqual(moved);
  });

  it('lists whole requests from indexes that hold keys, newest first, and the dashboard rows from the inbox index alone', async () => {
    const applicant = { subject: `citizen-${newId()}`, name: 'Siti Aminah' };
    const older = await created(newRequest({ applicant, createdAt: '2026-12-01T04:00:00.000Z' }));
    const newer = await created(newRequest({ applicant, createdAt: '2026-12-01T05:00:00.000Z' }));
    const issued = next(newer, {
      status: 'ISSUED',
      document: {
        documentId: 'doc-1',
        letterNumber: '500/1/TMP/XII/2026',
        issuedAt: '2026-12-01T06:00:00.000Z',
      },
    });
    await expect(store.update({ request: issued, expectedVersion: newer.version })).resolves.toBe(true);

    const reads = new DynamoConsoleReads(table.tableName);
    expect((await reads.byApplicant(applicant.subject, 10)).items).toEqual([issued, older]);
    const inbox = await store.listByVillage({ villageCode: village, status: 'ISSUED', limit: 25 });
    expect(inbox.items).toContainEqual(issued);
    const rows = await reads.createdSince(village, 'ISSUED', '2026-12-01T00:00:00.000Z');
    expect(rows).toContainEqual({
      id: issued.id,
      status: 'ISSUED',
      serviceCode: 'SKU',
      createdAt: issued.createdAt,
      document: { issuedAt: '2026-12-01T06:00:00.000Z' },
    });
  });

  it('lists the village directory from its index: the summary fields, nothing more', async () => {
    const directory = new DynamoVillageDirectory(table.tableName);
    const [demo] = DEMO_VILLAGES;
    if (!demo) throw new Error('no demo village');
    await directory.add(demo);
    const listed = (await directory.list()).find((village) => village.code === demo.code);
    expect(listed).toEqual(Object.fromEntries(VILLAGE_SUMMARY_FIELDS.map((field) => [field, demo[field]])));
  });

  it('rebuilds an index of a table made before its projection changed, as a deployment would', async () => {
    const template = synthesizeTemplate() as SynthesizedTemplate;
    const tableOf = (resources: SynthesizedTemplate['Resources']) =>
      Object.values(resources).find((resource) => resource.Type === 'AWS::DynamoDB::GlobalTable');
    // the same table as it was declared before: every index projecting all attributes
    const before = structuredClone(template);
    const indexes = (tableOf(before.Resources)?.Properties?.GlobalSecondaryIndexes ?? []) as {
      Projection: unknown;
    }[];
    for (const index of indexes) index.Projection = { ProjectionType: 'ALL' };
    const name = 'desa-digital-before';
    const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '';
    await ensureTableFromTemplate(endpoint, before, name);
    const [demo] = DEMO_VILLAGES;
    if (!demo) throw new Error('no demo village');
    await new DynamoVillageDirectory(name).add(demo);

    await ensureTableFromTemplate(endpoint, template, name);
    const { Table } = await dynamo().send(new DescribeTableCommand({ TableName: name }));
    expect(
      Object.fromEntries(
        (Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index.Projection]),
      ),
    ).toEqual(
      Object.fromEntries(
        (
          (tableOf(template.Resources)?.Properties?.GlobalSecondaryIndexes ?? []) as {
            IndexName: string;
            Projection: unknown;
          }[]
        ).map((index) => [index.IndexName, index.Projection]),
      ),
    );
    // the rebuilt directory index holds the village written before
    expect((await new DynamoVillageDirectory(name).list()).map((village) => village.code)).toEqual([
      demo.code,
    ]);
  });
});
