import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../functions/adapters/keys.js';
import { localClient } from '../lib/local/dynamodb.js';
import { TAMPO, validBusinessApplication } from '../test/support/fixtures.js';
import { attachAll, requiredRequirements } from '../test/support/uploads.js';
import { type BenchRuntime, type Percentiles, percentiles } from './runtime.js';

export interface ReadFigures {
  readonly api: Percentiles;
  readonly getItem: Percentiles;
  /** API p50 ÷ GetItem p50: what the gateway, authorization, handler and the events query add. */
  readonly ratio: number;
}

/**
 * A request's status read by its citizen through the API (GET /v1/requests/{id}: JWT check, handler,
 * GetItem and the events Query), beside a bare consistent GetItem of the same record on the same DynamoDB
 * Local. Sequential, after a warm-up.
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
  // through the same endpoint the handlers use (the runtime's DynamoDB proxy), so both pay the same hops
  const table = DynamoDBDocumentClient.from(localClient(runtime.env.AWS_ENDPOINT_URL_DYNAMODB ?? ''));
  const getItem = () =>
    table.send(
      new GetCommand({ TableName: runtime.env.TABLE_NAME, Key: keys.request(body.id), ConsistentRead: true }),
    );
  const time = async (read: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await read();
    const samples: number[] = [];
    for (let i = 0; i < reads; i++) {
      const started = performance.now();
      await read();
      samples.push(performance.now() - started);
    }
    return percentiles(samples);
  };
  const api = await time(() => citizen.get(`/v1/requests/${body.id}`));
  const direct = await time(getItem);
  table.destroy();
  return { api, getItem: direct, ratio: api.p50 / direct.p50 };
}
