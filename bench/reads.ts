import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../functions/adapters/keys.js';
import { localClient } from '../lib/local/dynamodb.js';
import { TAMPO, validBusinessApplication } from '../test/support/fixtures.js';
import { attachAll, requiredRequirements } from '../test/support/uploads.js';
import { type BenchRuntime, type Percentiles, percentiles, settle } from './runtime.js';

/** Issue 11, goal 6: a status read through the API within this many raw GetItems, at p50 and at p99. */
export const READ_GOAL = 2;

export interface ReadFigures {
  readonly api: Percentiles;
  readonly getItem: Percentiles;
  /** API ÷ GetItem: what the gateway, authorization, handler, the view's read and the audit write add. */
  readonly ratio: { readonly p50: number; readonly p99: number };
  readonly meets: boolean;
}

/**
 * A request's status read by its citizen through the API (GET /v1/requests/{id}: JWT check, handler, the
 * request and its events, the audited-read write), beside a bare consistent GetItem of the same record on
 * the same DynamoDB Local. Sequential, after a warm-up; the two reads alternate, so both meet the same
 * moments of the machine's noise.
 */
export async function measureReads(runtime: BenchRuntime, reads: number): Promise<ReadFigures> {
  const citizen = await runtime.clientAs({
    username: 'bench.reader',
    name: 'Warga Baca',
    role: 'citizen',
    areas: [],
  });
  const { body } = await citizen.post<{ id: string }>('/v1/requests', {
    serviceCode: 'SKU',
    villageCode: TAMPO,
    data: validBusinessApplication,
    attachments: await attachAll(citizen, 'SKU', requiredRequirements('SKU'), TAMPO),
  });
  await settle(runtime); // its workflow opens the first stage: that work is not part of the reads
  // through the same endpoint the handlers use (the runtime's DynamoDB proxy), so both pay the same hops
  const table = DynamoDBDocumentClient.from(localClient(runtime.env.AWS_ENDPOINT_URL_DYNAMODB ?? ''));
  const getItem = () =>
    table.send(
      new GetCommand({ TableName: runtime.env.TABLE_NAME, Key: keys.request(body.id), ConsistentRead: true }),
    );
  const apiRead = async () => {
    const read = await citizen.get(`/v1/requests/${body.id}`);
    if (read.status !== 200) throw new Error(`GET /v1/requests/{id} answered ${read.status}`);
  };
  const timed = async (read: () => Promise<unknown>) => {
    const started = performance.now();
    await read();
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) {
    await apiRead();
    await getItem();
  }
  const apiSamples: number[] = [];
  const getItemSamples: number[] = [];
  for (let i = 0; i < reads; i++) {
    apiSamples.push(await timed(apiRead));
    getItemSamples.push(await timed(getItem));
  }
  table.destroy();
  const api = percentiles(apiSamples);
  const direct = percentiles(getItemSamples);
  const ratio = { p50: api.p50 / direct.p50, p99: api.p99 / direct.p99 };
  return { api, getItem: direct, ratio, meets: ratio.p50 <= READ_GOAL && ratio.p99 <= READ_GOAL };
}

/** The table's rows for the reads: measure, value, target. */
export function readRows(reads: ReadFigures, ms: (value: number) => string): [string, string, string][] {
  return [
    ['GET /v1/requests/{id} through the API', `p50 ${ms(reads.api.p50)}, p99 ${ms(reads.api.p99)}`, ''],
    [
      'raw consistent GetItem, same DynamoDB Local',
      `p50 ${ms(reads.getItem.p50)}, p99 ${ms(reads.getItem.p99)}`,
      '',
    ],
    [
      'status read ÷ GetItem (p50, p99)',
      `${reads.ratio.p50.toFixed(1)}×, ${reads.ratio.p99.toFixed(1)}×`,
      `${reads.meets ? 'MEETS' : 'MISSES'} ≤ ${READ_GOAL}× at both`,
    ],
  ];
}
