import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BSRE_PASSPHRASE, DEMO_BSRE_SIGNERS, DEMO_BSRE_TOTP } from '../../../config/demo-bsre.js';
import { findService } from '../../../functions/core/catalog/index.js';
import { type RequestState, settled, stageOpen, submit } from '../../support/chain.js';
import { TAMPO, validBusinessApplication } from '../../support/fixtures.js';
import { pdfSignatures } from '../../support/pdf-signature.js';
import { type ApiClient, signInAll, startTestRuntime, tableItems } from '../../support/runtime.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type ErrorBody = {
  error: { code: string; message: { id: string; en: string }; issues?: { field: string }[] };
};
type Verification = {
  status: string;
  embeddedSignature?: {
    valid: boolean;
    coversWholeFile: boolean;
    trusted: boolean;
    signer: string;
    issuer: string;
  };
};

const SKU = findService('SKU');
const signerNamed = (name: string, expired = false) => {
  const signer = DEMO_BSRE_SIGNERS.find(
    (candidate) => candidate.name === name && !!candidate.expired === expired,
  );
  if (!signer) throw new Error(`no demo BSrE signer ${name}`);
  return signer;
};

/**
 * Issue 14, item 3: a regency that signs through BSrE, against the local stand-in (lib/local/bsre-stand-in.ts)
 * that speaks BSrE's v2 API and signs under a root and intermediate of its own. Banyuwangi (Tampo) signs
 * through it in this runtime.
 */
describe('letters signed through BSrE', () => {
  let runtime: Runtime;
  let citizen: ApiClient;
  let operator: ApiClient;
  let villageHead: ApiClient;
  let anonymous: ApiClient;
  let request: RequestState;

  beforeAll(async () => {
    runtime = await startTestRuntime(undefined, { bsreRegencies: ['35.10'] });
    [citizen, operator, villageHead, anonymous] = await signInAll(runtime, [
      'warga.tampo',
      'operator.tampo',
      'kades.tampo',
      'warga.sawoo',
    ]);
    const submitted = await submit(citizen, SKU, TAMPO, validBusinessApplication);
    await stageOpen(operator, submitted.id, 'verify');
    const verified = await operator.post(`/v1/requests/${submitted.id}/decisions`, { decision: 'approve' });
    expect(verified.status).toBe(200);
    request = await stageOpen<RequestState>(villageHead, submitted.id, 'sign');
  });
  afterAll(() => runtime?.cleanup());

  const signedApproval = (body: Record<string, unknown>) =>
    villageHead.post<ErrorBody & RequestState>(`/v1/requests/${request.id}/signed-approval`, body);
  const head = () => signerNamed('Suwebi');

  it('refuses a plain approval of the signing stage: the letter needs the approver’s certificate', async () => {
    const { status, body } = await villageHead.post<ErrorBody>(`/v1/requests/${request.id}/decisions`, {
      decision: 'approve',
    });
    expect(status).toBe(409);
    expect(body.error.code).toBe('SIGNATURE_REQUIRED');
    expect(body.error.message.id).toMatch(/BSrE/);
  });

  it('names the field when the NIK or the passphrase is missing or malformed', async () => {
    const missing = await signedApproval({ nik: head().nik });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues?.map((issue) => issue.field)).toEqual(['passphrase']);
    const short = await signedApproval({ nik: '3510', passphrase: DEMO_BSRE_PASSPHRASE });
    expect(short.status).toBe(400);
    expect(short.body.error.issues?.map((issue) => issue.field)).toEqual(['nik']);
  });

  it('passes BSrE’s refusal on as the signer’s error: a wrong passphrase, a certificate in another’s name, an expired one', async () => {
    const wrong = await signedApproval({ nik: head().nik, passphrase: 'not-the-passphrase' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('SIGNATURE_REFUSED');
    expect(wrong.body.error.message.id).toMatch(/Passphrase anda salah/);

    const someoneElse = await signedApproval({
      nik: signerNamed('Hadi Sekretaris Tampo').nik,
      passphrase: DEMO_BSRE_PASSPHRASE,
    });
    expect(someoneElse.status).toBe(400);
    expect(someoneElse.body.error.message.id).toMatch(/atas nama "Hadi Sekretaris Tampo", bukan "Suwebi"/);

    const expired = await signedApproval({
      nik: signerNamed('Suwebi', true).nik,
      passphrase: DEMO_BSRE_PASSPHRASE,
    });
    expect(expired.status).toBe(400);
    expect(expired.body.error.message.id).toMatch(/tidak berlaku/);

    const { body } = await villageHead.get<RequestState>(`/v1/requests/${request.id}`);
    expect(body).toMatchObject({ status: 'IN_REVIEW', stage: { key: 'sign' } });
    expect(body.events.filter((event) => event.type.startsWith('DECISION_'))).toHaveLength(1);
  });

  it('leaves the stage waiting, with its reason on the record, while BSrE is down', async () => {
    runtime.bsre.setAvailable(false);
    try {
      const down = await villageHead.post<ErrorBody>(`/v1/requests/${request.id}/signed-approval`, {
        nik: head().nik,
        passphrase: DEMO_BSRE_PASSPHRASE,
      });
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe('SIGNING_SERVICE_UNAVAILABLE');
      expect(down.headers.get('retry-after')).toBe('60');
    } finally {
      runtime.bsre.setAvailable(true);
    }
    const { body } = await villageHead.get<RequestState>(`/v1/requests/${request.id}`);
    expect(body).toMatchObject({ status: 'IN_REVIEW', stage: { key: 'sign' } });
    expect(body.events.at(-1)).toMatchObject({ type: 'SIGNING_FAILED', actor: { name: 'Suwebi' } });
  });

  it('issues the very letter BSrE signed: valid for pdfsig in the signer’s name, and for POST /v1/verify', async () => {
    const approved = await signedApproval({ nik: head().nik, totp: DEMO_BSRE_TOTP, note: 'Ditandatangani' });
    expect(approved.status).toBe(200);
    const issued = await settled(villageHead, request.id);
    expect(issued.status).toBe('ISSUED');
    expect(issued.document).toMatchObject({ signingService: 'bsre' });

    const link = await citizen.get<{ url: string; sha256: string }>(`/v1/requests/${request.id}/document`);
    expect(link.status).toBe(200);
    const pdf = new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
    const report = await pdfSignatures(pdf);
    expect(report.valid, report.text).toBe(true);
    expect(report.signers).toEqual(['Suwebi']);
    const altered = pdf.slice();
    const at = Buffer.from(pdf).indexOf('stream') + 10;
    altered[at] = (altered[at] ?? 0) ^ 0x01;
    expect((await pdfSignatures(altered)).valid).toBe(false);

    const verified = await anonymous.send<Verification>('POST', '/v1/verify', pdf, {
      'content-type': 'application/pdf',
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      status: 'valid',
      embeddedSignature: {
        valid: true,
        coversWholeFile: true,
        trusted: true,
        signer: 'Suwebi',
        issuer: 'Stand-in BSrE CA (lokal)',
      },
    });
  });

  it('keeps neither the passphrase nor the signer’s NIK anywhere in the table', async () => {
    const items = JSON.stringify(await tableItems(runtime));
    expect(items).not.toContain(DEMO_BSRE_PASSPHRASE);
    expect(items).not.toContain(head().nik);
    expect(items).not.toContain(DEMO_BSRE_TOTP);
  });
});
