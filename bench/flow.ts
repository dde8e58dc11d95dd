import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderLetterPdf } from '../functions/core/documents/index.js';
import { startLocalRuntime } from '../lib/local/runtime.js';
import { TAMPO, validBusinessApplication } from '../test/support/fixtures.js';
import { type ApiClient, eventually, signInAll } from '../test/support/runtime.js';

export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

const percentiles = (samples: readonly number[]): Percentiles => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
};

/**
 * SKU requests through the local runtime over HTTP: time from submission to the first human task being
 * ready, and from the village head's final approval to a downloadable document link; plus the state
 * transitions each execution took (the main cost driver in AWS).
 */
export async function measureFlow(requests: number) {
  const dataDir = await mkdtemp(join(tmpdir(), 'desa-bench-'));
  const runtime = await startLocalRuntime({ dataDir, port: 0 });
  try {
    const [citizen, operator, villageHead] = await signInAll(runtime, [
      'warga.tampo',
      'operator.tampo',
      'kades.tampo',
    ]);
    const toFirstTask: number[] = [];
    const approvalToDocument: number[] = [];
    const transitions: number[] = [];
    for (let i = 0; i < requests; i++) {
      const submittedAt = performance.now();
      const { body } = await citizen.post<{ id: string }>('/v1/requests', {
        serviceCode: 'SKU',
        villageCode: TAMPO,
        data: validBusinessApplication,
      });
      await stageReady(operator, body.id, 'verify', 5);
      toFirstTask.push(performance.now() - submittedAt);
      await operator.post(`/v1/requests/${body.id}/decisions`, { decision: 'approve', note: '' });
      await stageReady(operator, body.id, 'sign', 5);
      const approvedAt = performance.now();
      await villageHead.post(`/v1/requests/${body.id}/decisions`, { decision: 'approve', note: '' });
      await eventually(
        'document',
        async () =>
          (await citizen.get(`/v1/requests/${body.id}/document`)).status === 200 ? true : undefined,
        30_000,
      );
      approvalToDocument.push(performance.now() - approvedAt);
      const execution = await eventually('execution end', async () => {
        const found = runtime.stepFunctions.describe(body.id);
        return found?.status === 'SUCCEEDED' ? found : undefined;
      });
      transitions.push(execution.transitions);
    }
    return {
      requests,
      toFirstTask: percentiles(toFirstTask),
      approvalToDocument: percentiles(approvalToDocument),
      transitions,
    };
  } finally {
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function stageReady(client: ApiClient, id: string, key: string, pollMs: number) {
  return eventually(
    `stage ${key}`,
    async () => {
      const { body } = await client.get<{ stage?: { key: string; dueAt?: string } }>(`/v1/requests/${id}`);
      return body.stage?.key === key && body.stage.dueAt ? true : undefined;
    },
    30_000,
  ).then(() => pollMs);
}

/** Rendering alone, warm: the letter of the demo request, N times. */
export async function measurePdf(documents: number): Promise<Percentiles> {
  const samples: number[] = [];
  for (let i = 0; i < documents; i++) {
    const started = performance.now();
    await renderLetterPdf({
      documentId: `01JBENCH${String(i).padStart(18, '0')}`,
      letterNumber: `500.2/${String(i + 1).padStart(3, '0')}/TMP/XI/2026`,
      issuedAt: '2026-11-22T03:00:00.000Z',
      letterhead: {
        regency: 'Banyuwangi',
        district: 'Cluring',
        village: 'Tampo',
        villageKind: 'desa',
        address: 'Jl. Raya Tampo',
      },
      title: 'SURAT KETERANGAN USAHA',
      opening: 'Yang bertanda tangan di bawah ini Kepala Desa Tampo menerangkan dengan sebenarnya bahwa:',
      body: ['Nama: Budi Santoso', 'NIK: 3510061208900003', 'Alamat: Dusun Krajan RT 01 RW 02, Tampo'],
      closing: 'Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.',
      signer: { name: 'Suwebi', title: 'Kepala Desa Tampo' },
      placeOfIssue: 'Tampo',
      verificationUrl: 'http://127.0.0.1:8787/v1/verify/01JBENCH',
    });
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}
