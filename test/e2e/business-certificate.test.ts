import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageOpen } from '../support/chain.js';
import { TAMPO, validBusinessApplication } from '../support/fixtures.js';
import { readPdf } from '../support/pdf-reader.js';
import { pdfSignatures } from '../support/pdf-signature.js';
import { ApiClient, eventually, signInAll, startTestRuntime } from '../support/runtime.js';
import { attachAll, requiredRequirements } from '../support/uploads.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type RequestBody = {
  id: string;
  status: string;
  stage?: { key: string; dueAt?: string };
  document?: { documentId: string; letterNumber: string };
};

/** The whole Surat Keterangan Usaha flow over HTTP, against the local runtime: submit → operator → village head → PDF → verify. */
describe('a business certificate, end to end', () => {
  let runtime: Runtime;
  let citizen: ApiClient;
  let operator: ApiClient;
  let villageHead: ApiClient;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [citizen, operator, villageHead] = await signInAll(runtime, [
      'warga.tampo',
      'operator.tampo',
      'kades.tampo',
    ]);
  });
  afterAll(() => runtime?.cleanup());

  const waitForStage = (id: string, key: string) => stageOpen<RequestBody>(operator, id, key);

  it('is issued as a signed, numbered PDF that the public verification endpoint recognises', async () => {
    // Prepare: the catalog and the village are served publicly
    const anonymous = new ApiClient(runtime.url);
    const services = await anonymous.get<{ items: { code: string }[] }>('/v1/services');
    expect(services.body.items.map((service) => service.code)).toContain('SKU');
    const villages = await anonymous.get<{ items: { code: string; name: string }[] }>('/v1/villages');
    expect(villages.body.items).toContainEqual(expect.objectContaining({ code: TAMPO, name: 'Tampo' }));

    // Act: submit, then each stage's decider approves
    const submitted = await citizen.post<RequestBody>('/v1/requests', {
      serviceCode: 'SKU',
      villageCode: TAMPO,
      data: validBusinessApplication,
      attachments: await attachAll(citizen, 'SKU', requiredRequirements('SKU')),
      contact: { phone: '081234567890' },
    });
    expect(submitted.status).toBe(201);
    const { id } = submitted.body;
    await waitForStage(id, 'verify');
    const verified = await operator.post<RequestBody>(`/v1/requests/${id}/decisions`, {
      decision: 'approve',
      note: 'Berkas lengkap',
    });
    expect(verified.status).toBe(200);
    expect(verified.body.stage?.key).toBe('sign');
    await waitForStage(id, 'sign');
    const signed = await villageHead.post<RequestBody>(`/v1/requests/${id}/decisions`, {
      decision: 'approve',
      note: '',
    });
    expect(signed.body.status).toBe('APPROVED');
    const issued = await eventually('the document to be issued', async () => {
      const { body } = await citizen.get<RequestBody>(`/v1/requests/${id}`);
      return body.status === 'ISSUED' ? body : undefined;
    });

    // Assess: the citizen downloads the PDF through a short-lived link; its text and hash check out
    const link = await citizen.get<{ url: string; sha256: string; letterNumber: string }>(
      `/v1/requests/${id}/document`,
    );
    expect(link.status).toBe(200);
    expect(link.body.letterNumber).toMatch(/^500\.2\/\d{3}\/TMP\/[IVX]+\/\d{4}$/);
    const pdf = new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(link.body.sha256);
    const text = (await readPdf(pdf)).pages
      .map((page) => page.items.map((item) => item.str).join(' '))
      .join('\n');
    expect(text).toContain('SURAT KETERANGAN USAHA');
    expect(text).toContain(link.body.letterNumber);
    expect(text).toContain('Warung Kopi Osing');
    expect(text).toContain('Suwebi');
    // The letter carries its own signature (PAdES): any PDF tool verifies it, and one changed byte breaks it
    const embedded = await pdfSignatures(pdf);
    expect(embedded.valid, embedded.text).toBe(true);
    expect(embedded.signers).toEqual(['Suwebi']);
    const altered = pdf.slice();
    altered[200] = (altered[200] ?? 0) ^ 0x01;
    expect((await pdfSignatures(altered)).valid).toBe(false);

    const documentId = issued.document?.documentId ?? '';
    const verification = await anonymous.get<Record<string, unknown>>(`/v1/verify/${documentId}`);
    expect(verification.body).toMatchObject({
      status: 'valid',
      letterNumber: link.body.letterNumber,
      sha256: link.body.sha256,
      village: { name: 'Tampo' },
      signer: { name: 'Suwebi' },
    });

    // The applicant left a phone number only: the one status they must hear about, the issued letter, came
    // by SMS (issue 11: SMS only to act or collect); the others are on the tracking page. No NIK in it.
    const told = await citizen.get<{ items: { channel: string; message: { id: string }; status: string }[] }>(
      `/v1/requests/${id}/notifications`,
    );
    expect(told.body.items.map((item) => [item.channel, item.status])).toEqual([['sms', 'sent-local']]);
    const texts = told.body.items.map((item) => item.message.id).join('\n');
    expect(texts).toMatch(/sudah terbit/);
    expect(texts).not.toMatch(/\d{16}/);

    const timeline = await citizen.get<{ events: { type: string }[] }>(`/v1/requests/${id}`);
    expect(timeline.body.events.map((event) => event.type)).toEqual([
      'SUBMITTED',
      'CHECKS_PASSED',
      'STAGE_OPENED',
      'DECISION_APPROVE',
      'STAGE_OPENED',
      'DECISION_APPROVE',
      'ISSUED',
    ]);
  });
});
