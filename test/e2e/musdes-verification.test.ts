import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RequestState, settled } from '../support/chain.js';
import { TAMPO } from '../support/fixtures.js';
import { pdfSignatures } from '../support/pdf-signature.js';
import { ApiClient, eventually, signInAll, startTestRuntime } from '../support/runtime.js';
import { sampleSurvey } from '../support/samples.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type Issued = RequestState & { document?: { documentId: string } };

/**
 * The musdes verification (issue 13, item 1) over HTTP against the local runtime: the poverty team's surveys
 * are recorded; an enumerator drafts the verification, which compiles the list; the village head records
 * the meeting and signs; Dinas Sosial ratifies; the berita acara PDF lists the households by head and
 * hamlet, carries no NIK or KK, and verifies. The public verification tells nothing of the list.
 */
describe('the musdes verification of the household surveys', () => {
  let runtime: Runtime;
  let enumerator: ApiClient;
  let villageHead: ApiClient;
  let dinsos: ApiClient;
  let kesmas: ApiClient;
  let citizen: ApiClient;
  let files: string;

  beforeAll(async () => {
    [runtime, files] = await Promise.all([startTestRuntime(), mkdtemp(join(tmpdir(), 'musdes-'))]);
    [enumerator, villageHead, dinsos, kesmas, citizen] = await signInAll(runtime, [
      'enumerator.tampo',
      'kades.tampo',
      'dinsos.banyuwangi',
      'kesmas.banyuwangi',
      'warga.tampo',
    ]);
  });
  afterAll(async () => {
    await runtime?.cleanup();
    if (files) await rm(files, { recursive: true, force: true });
  });

  const survey = (familyCardNumber: string, hamlet: string, head: string) => {
    const sample = sampleSurvey({ withNiks: true });
    return {
      ...sample,
      familyCardNumber,
      hamlet,
      members: sample.members.map((member, index) =>
        index === 0 ? { ...member, name: head } : { ...member, nik: undefined },
      ),
    };
  };

  it('goes from the surveys to a signed, ratified berita acara without a NIK in it', async () => {
    // Prepare: three households surveyed, one of them twice (the later survey counts)
    const households = [
      survey('3510061002160001', 'Krajan', 'Misnadi'),
      survey('3510061002160002', 'Sumberejo', 'Sutini'),
      survey('3510061002160003', 'Krajan', 'Paiman'),
      survey('3510061002160003', 'Krajan', 'Paiman'),
    ];
    for (const [index, body] of households.entries()) {
      const recorded = await enumerator.post(`/v1/villages/${TAMPO}/household-surveys`, body, {
        'idempotency-key': `musdes-survey-${index}`,
      });
      expect(recorded.status).toBe(201);
    }

    // Act: the enumerator drafts; a citizen cannot, nor can the verification be sent as a plain request
    const path = `/v1/villages/${TAMPO}/musdes-verifications`;
    expect((await citizen.post(path, {})).status).toBe(403);
    const forged = await villageHead.post('/v1/requests', {
      serviceCode: 'MUSDES',
      villageCode: TAMPO,
      data: { coverage: 'Seluruh dusun', householdCount: 1, households: '1. Orang lain (Dusun X)' },
    });
    expect(forged.status).toBe(403);
    const drafted = await enumerator.post<RequestState & { data: Record<string, unknown> }>(
      path,
      {},
      { 'idempotency-key': 'musdes-2026-12' },
    );
    expect(drafted.status).toBe(201);
    const id = drafted.body.id;
    expect(drafted.body.data).toMatchObject({
      coverage: 'Seluruh dusun',
      householdCount: 3,
      households: '1. Misnadi (Dusun Krajan); 2. Paiman (Dusun Krajan); 3. Sutini (Dusun Sumberejo)',
    });

    // Act: the village head records the meeting and signs; Dinas Sosial (not kesmas) ratifies
    expect((await settled(villageHead, id)).stage?.key).toBe('musdes');
    const withoutMeeting = await villageHead.post(`/v1/requests/${id}/decisions`, {
      decision: 'approve',
      note: '',
    });
    expect(withoutMeeting.status).toBe(400);
    const signed = await villageHead.post(`/v1/requests/${id}/decisions`, {
      decision: 'approve',
      note: 'Disepakati musyawarah',
      records: { meetingDate: '2026-12-02', meetingPlace: 'Balai Desa Tampo', attendance: 37 },
    });
    expect(signed.status).toBe(200);
    expect((await settled(dinsos, id)).stage?.key).toBe('ratification');
    const notKesmas = await kesmas.post(`/v1/requests/${id}/decisions`, { decision: 'approve', note: '' });
    expect([403, 404]).toContain(notKesmas.status);
    const ratified = await dinsos.post(`/v1/requests/${id}/decisions`, { decision: 'approve', note: 'Sah' });
    expect(ratified.status).toBe(200);
    const issued = await eventually('the berita acara', async () => {
      const { body } = await villageHead.get<Issued>(`/v1/requests/${id}`);
      return body.status === 'ISSUED' ? body : undefined;
    });

    // Assess: the PDF lists the households by head and hamlet, no 16-digit number, and is signed
    const link = await villageHead.get<{ url: string; sha256: string }>(`/v1/requests/${id}/document`);
    expect(link.status).toBe(200);
    const pdf = new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
    const file = join(files, 'berita-acara.pdf');
    await writeFile(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('BERITA ACARA MUSYAWARAH DESA');
    for (const name of ['Misnadi (Dusun Krajan)', 'Paiman (Dusun Krajan)', 'Sutini (Dusun Sumberejo)']) {
      expect(text.replace(/\s+/g, ' ')).toContain(name);
    }
    expect(text).toContain('Balai Desa Tampo');
    expect(text).not.toMatch(/\d{16}/);
    expect((await pdfSignatures(pdf)).valid).toBe(true);

    // Assess: anyone verifies it; the verification names the document, never the households
    const verified = await new ApiClient(runtime.url).get<Record<string, unknown>>(
      `/v1/verify/${issued.document?.documentId}`,
    );
    expect(verified.body).toMatchObject({
      status: 'valid',
      sha256: link.body.sha256,
      village: { name: 'Tampo' },
    });
    expect(JSON.stringify(verified.body)).not.toMatch(/Misnadi|Paiman|Sutini|Krajan/);
    // The PDF itself goes only to those who may see the request: not a citizen of the village
    expect((await citizen.get(`/v1/requests/${id}/document`)).status).toBe(404);
  });
});
