import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoRequestStore, requestItems } from '../functions/adapters/dynamo-request-store.js';
import type { RequestStatus, ServiceRequest } from '../functions/core/requests/requests.js';
import { newId, newTrackingCode } from '../functions/core/shared/ids.js';
import { synthesizeTemplate } from '../lib/app.js';
import { ensureTableFromTemplate, localClient, startDynamoDbLocal } from '../lib/local/dynamodb.js';
import { onFreePort } from '../lib/local/net.js';
import { S3RVER_CREDENTIALS } from '../lib/local/s3.js';
import { validBusinessApplication } from '../test/support/fixtures.js';
import { mapLimited, type Percentiles, percentiles } from './runtime.js';

interface Sized {
  readonly villages: number;
  readonly items: number;
  readonly inboxMs: Percentiles;
  /** The median of the per-round p99s. */
  readonly roundP99Ms: number;
}

export interface ScalingFigures {
  readonly requestsPerVillage: number;
  readonly queries: number;
  readonly small: Sized;
  readonly large: Sized;
  /**
   * large p99 ÷ small p99 − 1 (target: at most +10 %), each p99 the median of the rounds' p99s: on a shared
   * machine one stall lands in one round and one table, and would swing a single p99 either way.
   */
  readonly p99Growth: number;
}

/** Each village's requests: the same mix of statuses in every village, a few weeks of history. */
const MIX: readonly [RequestStatus, number][] = [
  ['IN_REVIEW', 8],
  ['ISSUED', 8],
  ['SUBMITTED', 1],
  ['REJECTED', 2],
  ['RETURNED', 1],
];

function villageCodes(count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const district = String(1 + Math.floor(index / 100)).padStart(2, '0');
    return `35.99.${district}.${String(2001 + (index % 100)).padStart(4, '0')}`;
  });
}

function requestsOf(village: string): ServiceRequest[] {
  const now = Date.now();
  return MIX.flatMap(([status, count]) =>
    Array.from({ length: count }, (_, index) => {
      const created = new Date(now - (index + 1) * 3_600_000 * 7);
      return {
        id: newId(created),
        trackingCode: newTrackingCode(),
        serviceCode: 'SKU',
        villageCode: village,
        status,
        stageIndex: status === 'IN_REVIEW' ? index % 2 : 0,
        applicant: { subject: `bench-${village}-${index}`, name: 'Warga' },
        data: validBusinessApplication,
        createdAt: created.toISOString(),
        updatedAt: created.toISOString(),
        version: 1,
      } satisfies ServiceRequest;
    }),
  );
}

/**
 * A village's inbox (IN_REVIEW, newest first, a page of 25) through DynamoRequestStore.listByVillage, with
 * the table holding 10 villages' requests and then 1,000 villages' (the same requests per village), in one
 * DynamoDB Local. Partitioning by village should make the query's cost independent of the village count.
 * Queries alternate between the two tables, in rounds, so warm-up and noise fall on both alike.
 */
export async function measureScaling(options: { villages: readonly [number, number]; queries: number }) {
  const dir = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'desa-bench-scaling-'));
  const dynamo = await onFreePort((port) => startDynamoDbLocal(dir, port));
  const settings: Record<string, string> = {
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  };
  const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  try {
    Object.assign(process.env, settings);
    const template = synthesizeTemplate() as Parameters<typeof ensureTableFromTemplate>[1];
    const client = DynamoDBDocumentClient.from(localClient(dynamo.endpoint));
    const [small, large] = options.villages;
    const tables = [] as {
      villages: string[];
      store: DynamoRequestStore;
      items: number;
      samples: number[];
      roundP99s: number[];
    }[];
    for (const count of [small, large]) {
      const name = `inbox-${count}`;
      await ensureTableFromTemplate(dynamo.endpoint, template, name);
      const villages = villageCodes(count);
      const items = villages.flatMap(requestsOf).flatMap(requestItems);
      const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, index) =>
        items.slice(index * 25, index * 25 + 25),
      );
      await mapLimited(batches, 8, async (batch) => {
        let pending: Record<string, unknown>[] = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const result = await client.send(new BatchWriteCommand({ RequestItems: { [name]: pending } }));
          pending = (result.UnprocessedItems?.[name] ?? []) as Record<string, unknown>[];
        }
      });
      tables.push({
        villages,
        store: new DynamoRequestStore(name),
        items: items.length,
        samples: [],
        roundP99s: [],
      });
    }
    const inbox = (table: (typeof tables)[number]) =>
      table.store.listByVillage({
        villageCode: table.villages[Math.floor(Math.random() * table.villages.length)] ?? '',
        status: 'IN_REVIEW',
        limit: 25,
      });
    for (const table of tables) for (let i = 0; i < 100; i++) await inbox(table); // warm-up
    const rounds = 10;
    for (let round = 0; round < rounds; round++) {
      for (const table of tables) {
        const round: number[] = [];
        for (let i = 0; i < options.queries / rounds; i++) {
          const started = performance.now();
          const page = await inbox(table);
          round.push(performance.now() - started);
          if (page.items.length !== 8)
            throw new Error(`expected a village's 8 requests in review, got ${page.items.length}`);
        }
        table.samples.push(...round);
        table.roundP99s.push(percentiles(round).p99);
      }
    }
    client.destroy();
    const [smallTable, largeTable] = tables as [(typeof tables)[number], (typeof tables)[number]];
    const sized = (villages: number, table: typeof smallTable): Sized => ({
      villages,
      items: table.items,
      inboxMs: percentiles(table.samples),
      roundP99Ms: percentiles(table.roundP99s).p50,
    });
    const smallSized = sized(small, smallTable);
    const largeSized = sized(large, largeTable);
    return {
      requestsPerVillage: MIX.reduce((sum, [, count]) => sum + count, 0),
      queries: options.queries,
      small: smallSized,
      large: largeSized,
      p99Growth: largeSized.roundP99Ms / smallSized.roundP99Ms - 1,
    } satisfies ScalingFigures;
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await dynamo.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
