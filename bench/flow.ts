import { DEMO_USERS } from '../config/demo-users.js';
import { DEMO_VILLAGES } from '../config/villages.js';
import { memoryKey } from '../functions/adapters/signing/local-signer.js';
import { detachedSignature } from '../functions/core/documents/cms.js';
import { type LetterContent, renderLetterPdf } from '../functions/core/documents/index.js';
import { sealPdf } from '../functions/core/documents/pades.js';
import { type CertificateStore, signingChain } from '../functions/core/documents/signer-certificates.js';
import { TAMPO, validBusinessApplication } from '../test/support/fixtures.js';
import type { ApiClient } from '../test/support/runtime.js';
import { attachAll, requiredRequirements } from '../test/support/uploads.js';
import { type BenchRuntime, type Percentiles, percentiles, poll } from './runtime.js';

export type { Percentiles } from './runtime.js';

/**
 * SKU requests through the local runtime over HTTP, one after the other: time from submission to the first
 * human task being ready (the operator's inbox shows it with a due time), and from the village head's final
 * approval to a downloadable document link; plus the state transitions each execution took. Readiness is
 * polled through the API every 5 ms, so figures carry up to 5 ms of polling granularity.
 */
export async function measureFlow(runtime: BenchRuntime, requests: number) {
  const demo = (username: string) => {
    const user = DEMO_USERS.find((candidate) => candidate.username === username);
    if (!user) throw new Error(`no demo user ${username}`);
    return runtime.clientAs(user);
  };
  const citizen = await demo('warga.tampo');
  const operator = await demo('operator.tampo');
  const villageHead = await demo('kades.tampo');
  const toFirstTask: number[] = [];
  const approvalToDocument: number[] = [];
  const transitions: number[] = [];
  for (let i = 0; i < requests; i++) {
    const attachments = await attachAll(citizen, 'SKU', requiredRequirements('SKU'), TAMPO);
    const submittedAt = performance.now();
    const { body } = await citizen.post<{ id: string }>('/v1/requests', {
      serviceCode: 'SKU',
      villageCode: TAMPO,
      data: validBusinessApplication,
      attachments,
    });
    await stageReady(operator, body.id, 'verify');
    toFirstTask.push(performance.now() - submittedAt);
    await operator.post(`/v1/requests/${body.id}/decisions`, { decision: 'approve', note: '' });
    await stageReady(operator, body.id, 'sign');
    const approvedAt = performance.now();
    await villageHead.post(`/v1/requests/${body.id}/decisions`, { decision: 'approve', note: '' });
    await poll('document', async () =>
      (await citizen.get(`/v1/requests/${body.id}/document`)).status === 200 ? true : undefined,
    );
    approvalToDocument.push(performance.now() - approvedAt);
    const execution = await runtime.stepFunctions.waitFor(body.id, (record) => record.status !== 'RUNNING');
    transitions.push(execution.transitions);
  }
  return {
    requests,
    toFirstTask: percentiles(toFirstTask),
    approvalToDocument: percentiles(approvalToDocument),
    transitions,
  };
}

function stageReady(client: ApiClient, id: string, key: string) {
  return poll(`stage ${key}`, async () => {
    const { body } = await client.get<{ stage?: { key: string; dueAt?: string } }>(`/v1/requests/${id}`);
    return body.stage?.key === key && body.stage.dueAt ? true : undefined;
  });
}

/** The letter of the demo request, as the issuer renders it (the i-th of a series). */
const benchLetter = (i: number): LetterContent => ({
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

/** Rendering alone, warm: the letter of the demo request, N times. */
export async function measurePdf(documents: number): Promise<Percentiles> {
  const samples: number[] = [];
  for (let i = 0; i < documents; i++) {
    const started = performance.now();
    await renderLetterPdf(benchLetter(i));
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

/**
 * Rendering and signing, warm, as IssueDocument does it (issue 14): the letter with its signature field, the
 * signer's certificate chain (issued once, then read: here from memory), the CMS signature over the sealed
 * bytes. Keys in memory: in AWS each letter adds one KMS Sign call (about 10–20 ms) to this.
 */
export async function measureSignedPdf(documents: number): Promise<Percentiles> {
  const documentKey = memoryKey();
  const deps = {
    authorityKey: memoryKey(),
    documentKey,
    certificates: memoryCertificates(),
    clock: { now: () => new Date('2026-11-22T03:00:00.000Z') },
  };
  const village = DEMO_VILLAGES.find((candidate) => candidate.code === TAMPO);
  if (!village) throw new Error('Tampo is a demo village');
  const samples: number[] = [];
  for (let i = 0; i < documents; i++) {
    const started = performance.now();
    const letter = benchLetter(i);
    const chain = await signingChain(deps, letter.signer, village);
    const prepared = await renderLetterPdf({
      ...letter,
      signature: {
        name: letter.signer.name,
        reason: letter.title,
        location: 'Tampo',
        signedAt: deps.clock.now(),
      },
    });
    await sealPdf(prepared, (bytes) => detachedSignature(bytes, chain, documentKey));
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

function memoryCertificates(): CertificateStore {
  const issued = new Map<string, Uint8Array>();
  return {
    get: async (id) => issued.get(id),
    create: async (id, der) => {
      if (!issued.has(id)) issued.set(id, der);
      return issued.get(id) ?? der;
    },
  };
}

/** One rendered letter: what a normal verification upload is. */
export const measurePdfBytes = (): Promise<Uint8Array> => renderLetterPdf(benchLetter(0));
