import { DEMO_VILLAGES } from '../config/villages.js';
import { validBusinessApplication } from '../test/support/fixtures.js';
import { attachAll, requiredRequirements } from '../test/support/uploads.js';
import { type BenchRuntime, mapLimited, type Percentiles, percentiles } from './runtime.js';

export interface LoadLevel {
  readonly clients: number;
  readonly submissions: number;
  readonly perSecond: number;
  readonly latencyMs: Percentiles;
  readonly failures: number;
}

/**
 * Submissions through the local runtime's API at 1, 10 and 50 concurrent clients: throughput and latency of
 * the POST (attachments checked and moved, request written, workflow started). Each submission's required
 * files are uploaded before its level starts, so only the POSTs are timed. The workflow's own steps run in
 * the same process meanwhile, as they would in AWS.
 */
export async function measureLoad(
  runtime: BenchRuntime,
  levels: readonly { clients: number; submissions: number }[],
  /** Runs around each level's timed POSTs only (the profiler starts and stops here). */
  around: <T>(level: () => Promise<T>) => Promise<T> = (level) => level(),
): Promise<LoadLevel[]> {
  const villages = DEMO_VILLAGES.filter((village) => village.services.includes('SKU')).map(
    (village) => village.code,
  );
  const citizen = await runtime.clientAs({
    username: 'bench.load',
    name: 'Warga Beban',
    role: 'citizen',
    areas: [],
  });
  const bodies = (count: number) =>
    mapLimited(Array.from({ length: count }), 20, async (_item, index) => {
      const villageCode = villages[index % villages.length] ?? '';
      const attachments = await attachAll(citizen, 'SKU', requiredRequirements('SKU'), villageCode);
      return { serviceCode: 'SKU', villageCode, data: validBusinessApplication, attachments };
    });
  const warmUp = await bodies(30);
  await mapLimited(warmUp, 10, (body) => citizen.post('/v1/requests', body));
  const results: LoadLevel[] = [];
  for (const { clients, submissions } of levels) {
    const prepared = await bodies(submissions);
    const latencies: number[] = [];
    let failures = 0;
    const seconds = await around(async () => {
      const started = performance.now();
      await mapLimited(prepared, clients, async (body) => {
        const begun = performance.now();
        const response = await citizen.post('/v1/requests', body);
        latencies.push(performance.now() - begun);
        if (response.status !== 201) failures += 1;
      });
      return (performance.now() - started) / 1000;
    });
    results.push({
      clients,
      submissions,
      perSecond: submissions / seconds,
      latencyMs: percentiles(latencies),
      failures,
    });
  }
  return results;
}
