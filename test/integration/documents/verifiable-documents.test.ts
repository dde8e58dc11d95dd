import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDocumentSigner } from '../../../functions/adapters/signing/index.js';
import type { DocumentRecord } from '../../../functions/core/shared/ports.js';
import { TAMPO, validBusinessApplication } from '../../support/fixtures.js';
import { downloadDocument, issueApproved } from '../../support/issue.js';
import { type ApiClient, signInAll, startTestRuntime, tableItems } from '../../support/runtime.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type Verification = {
  status: string;
  signatureValid?: boolean;
  supersededBy?: string;
  supersedes?: string;
  revocation?: { reason: string };
  reason?: string;
  document?: Verification & { documentId: string };
  letterNumber?: string;
  documentId?: string;
};
type ErrorBody = { error: { code: string; message: { id: string; en: string } } };

/**
 * Verifiable documents against the local runtime (DynamoDB Local, s3rver, the local signing key): letters
 * are issued by the issue use case itself (number, PDF, S3, signature, hash lookup) for requests written
 * straight to the table as APPROVED, so these tests do not depend on the approval chain.
 */
describe('verifiable documents', () => {
  let runtime: Runtime;
  let anonymous: ApiClient;
  let villageHead: ApiClient;
  let secretary: ApiClient;
  let operator: ApiClient;
  let otherVillageHead: ApiClient;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [anonymous, villageHead, secretary, operator, otherVillageHead] = await signInAll(runtime, [
      'warga.sawoo', // any account: the verification routes are public and ignore it
      'kades.tampo',
      'sekdes.tampo',
      'operator.tampo',
      'kades.sawoo',
    ]);
  });
  afterAll(() => runtime?.cleanup());

  /** An approved Tampo business certificate, issued by the issue use case; its record and PDF. */
  async function issueLetter(): Promise<{ document: DocumentRecord; pdf: Uint8Array }> {
    return issueApproved(runtime.url, {
      serviceCode: 'SKU',
      villageCode: TAMPO,
      applicantName: 'Budi Santoso',
      data: validBusinessApplication,
    });
  }

  const _download = downloadDocument;

  /** POST /v1/verify over HTTP: the gateway hands the PDF to the handler base64-encoded, as API Gateway does. */
  async function verifyUploaded(pdf: Uint8Array): Promise<{ status: number; body: Verification }> {
    const response = await fetch(`${runtime.url}/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: pdf,
    });
    return { status: response.status, body: (await response.json()) as Verification };
  }

  const verifyById = (documentId: string) => anonymous.get<Verification>(`/v1/verify/${documentId}`);

  /** One byte changed inside a stream's data (page content, font or image), so the file still opens. */
  const withOneByteChanged = (pdf: Uint8Array) => {
    const altered = pdf.slice();
    const bytes = Buffer.from(altered);
    let stream = bytes.indexOf('stream');
    while (stream >= 3 && bytes.subarray(stream - 3, stream).toString() === 'end') {
      stream = bytes.indexOf('stream', stream + 6);
    }
    if (stream < 0) throw new Error('no stream in the PDF');
    const at = stream + 'stream\n'.length + 8;
    altered[at] = (altered[at] ?? 0) ^ 0x20;
    return altered;
  };

  describe('signatures', () => {
    it('signs each issued letter with the local key, which verifies it and refuses a flipped bit', async () => {
      // Prepare
      const { document } = await issueLetter();
      const localKey = new LocalDocumentSigner(join(runtime.dataDir, 'signing', 'document-signing-key.pem'));
      const flipped = Buffer.from(document.signature.value, 'base64');
      flipped[8] = (flipped[8] ?? 0) ^ 0x01;
      // Act / Assess
      expect(document.signature).toMatchObject({
        algorithm: 'ECDSA_SHA_256',
        keyId: expect.stringMatching(/^local:/),
      });
      expect(await localKey.verify(document.sha256, document.signature)).toBe(true);
      expect(
        await localKey.verify(document.sha256, { ...document.signature, value: flipped.toString('base64') }),
      ).toBe(false);
      expect(await readFile(runtime.env.LOCAL_SIGNING_KEY_FILE ?? '', 'utf8')).toContain('PRIVATE KEY');
    });

    it('records a hash lookup for each issued letter, in the same table', async () => {
      // Prepare
      const { document } = await issueLetter();
      // Act
      const items = await tableItems(runtime);
      // Assess
      expect(items).toContainEqual(
        expect.objectContaining({
          pk: { S: `DOCHASH#${document.sha256}` },
          documentId: { S: document.documentId },
        }),
      );
    });
  });

  describe('public verification', () => {
    it('says valid, with a signature that verifies, by id and for the issued file', async () => {
      // Prepare
      const { document, pdf } = await issueLetter();
      // Act
      const byId = await verifyById(document.documentId);
      const byFile = await verifyUploaded(pdf);
      // Assess
      expect(byId.status).toBe(200);
      expect(byId.body).toMatchObject({
        status: 'valid',
        signatureValid: true,
        letterNumber: document.letterNumber,
        village: { name: 'Tampo' },
        applicantName: 'Bu** Sa*****',
      });
      expect(byFile).toMatchObject({
        status: 200,
        body: { status: 'valid', document: { documentId: document.documentId } },
      });
    });

    it('gives the QR page the facts to compare with the paper: number, date, service, village, signer, masked applicant; never the NIK or the data', async () => {
      // Prepare
      const { document } = await issueLetter();
      // Act
      const { status, body } = await verifyById(document.documentId);
      // Assess
      expect(status).toBe(200);
      expect(body).toMatchObject({
        letterNumber: document.letterNumber,
        issuedAt: document.issuedAt,
        service: { code: 'SKU', name: { id: expect.stringMatching(/Usaha/) } },
        village: { code: TAMPO, name: 'Tampo', district: expect.any(String), regency: 'Banyuwangi' },
        signer: { name: document.signer.name, title: document.signer.title },
        applicantName: 'Bu** Sa*****',
      });
      const text = JSON.stringify(body);
      expect(text).not.toContain('Budi Santoso');
      expect(text).not.toContain(validBusinessApplication.nik);
      expect(text).not.toContain(validBusinessApplication.businessName);
    });

    it('says tampered when one byte of the issued PDF is changed', async () => {
      // Prepare
      const { document, pdf } = await issueLetter();
      // Act
      const result = await verifyUploaded(withOneByteChanged(pdf));
      // Assess
      expect(result.body).toMatchObject({
        status: 'tampered',
        reason: 'content-differs',
        document: { documentId: document.documentId, status: 'valid' },
      });
    });

    it.each([
      ['an empty body', '', 'application/pdf', 'body'],
      ['a text file', 'Surat palsu', 'application/pdf', 'body'],
      ['JSON instead of the file', '{"documentId":"x"}', 'application/json', 'content-type'],
    ])('refuses %s with 400 and a bilingual message', async (_what, body, contentType, field) => {
      const response = await anonymous.send<ErrorBody & { error: { issues: { field: string }[] } }>(
        'POST',
        '/v1/verify',
        body,
        { 'content-type': contentType },
      );
      expect(response.status).toBe(400);
      expect(response.body.error.message.id).not.toBe('');
      expect(response.body.error.message.en).not.toBe('');
      expect(response.body.error.issues[0]?.field).toBe(field);
    });
  });

  describe('revocation', () => {
    it('lets the village head revoke with a reason; verification then says revoked, by id and by file', async () => {
      // Prepare
      const { document, pdf } = await issueLetter();
      // Act
      const revoked = await villageHead.post(`/v1/documents/${document.documentId}/revocation`, {
        reason: 'Usaha sudah tidak berjalan',
      });
      // Assess
      expect(revoked).toMatchObject({
        status: 200,
        body: { status: 'revoked', revocation: { reason: 'Usaha sudah tidak berjalan', by: 'Suwebi' } },
      });
      expect((await verifyById(document.documentId)).body).toMatchObject({
        status: 'revoked',
        signatureValid: true,
        revocation: { reason: 'Usaha sudah tidak berjalan' },
      });
      expect((await verifyUploaded(pdf)).body).toMatchObject({ status: 'revoked' });
      const timeline = await villageHead.get<{ events: { type: string; note?: string }[] }>(
        `/v1/requests/${document.requestId}`,
      );
      expect(timeline.body.events.at(-1)).toMatchObject({
        type: 'DOCUMENT_REVOKED',
        note: 'Usaha sudah tidak berjalan',
      });
    });

    it('answers 409 to a second revocation', async () => {
      // Prepare
      const { document } = await issueLetter();
      await secretary.post(`/v1/documents/${document.documentId}/revocation`, { reason: 'Salah data' });
      // Act
      const again = await villageHead.post<ErrorBody>(`/v1/documents/${document.documentId}/revocation`, {
        reason: 'Salah data',
      });
      // Assess
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('DOCUMENT_REVOKED');
    });

    it.each([
      ['the village operator', () => operator, 403],
      ['the head of another village', () => otherVillageHead, 403],
    ])('refuses %s and changes nothing', async (_who, client, status) => {
      // Prepare
      const { document } = await issueLetter();
      // Act
      const response = await client().post(`/v1/documents/${document.documentId}/revocation`, {
        reason: 'Coba',
      });
      // Assess
      expect(response.status).toBe(status);
      expect((await verifyById(document.documentId)).body.status).toBe('valid');
    });

    it('requires a reason (400)', async () => {
      const { document } = await issueLetter();
      const response = await villageHead.post(`/v1/documents/${document.documentId}/revocation`, {
        reason: ' ',
      });
      expect(response.status).toBe(400);
    });
  });

  describe('reissue', () => {
    it('issues a new signed letter under a new number; the old one says superseded, pointing to the new', async () => {
      // Prepare
      const { document: old, pdf: oldPdf } = await issueLetter();
      // Act
      const reissued = await villageHead.post<{
        documentId: string;
        letterNumber: string;
        supersedes: string;
      }>(`/v1/documents/${old.documentId}/reissue`, { reason: 'Alamat usaha salah ketik' });
      // Assess
      expect(reissued.status).toBe(201);
      const next = reissued.body;
      expect(next).toMatchObject({ status: 'valid', supersedes: old.documentId });
      expect(next.documentId).not.toBe(old.documentId);
      expect(next.letterNumber).not.toBe(old.letterNumber);

      expect((await verifyById(old.documentId)).body).toMatchObject({
        status: 'superseded',
        supersededBy: next.documentId,
      });
      expect((await verifyById(next.documentId)).body).toMatchObject({
        status: 'valid',
        signatureValid: true,
        supersedes: old.documentId,
      });
      expect((await verifyUploaded(oldPdf)).body).toMatchObject({
        status: 'superseded',
        document: { supersededBy: next.documentId },
      });

      // The request's document is the new one, and its timeline says why
      const link = await villageHead.get<{ documentId: string; url: string }>(
        `/v1/requests/${old.requestId}/document`,
      );
      expect(link.body.documentId).toBe(next.documentId);
      const newPdf = new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
      expect((await verifyUploaded(newPdf)).body).toMatchObject({
        status: 'valid',
        document: { documentId: next.documentId },
      });
      const timeline = await villageHead.get<{ events: { type: string; note?: string }[] }>(
        `/v1/requests/${old.requestId}`,
      );
      expect(timeline.body.events.at(-1)).toMatchObject({
        type: 'DOCUMENT_REISSUED',
        note: 'Alamat usaha salah ketik',
      });
    });

    it('answers 409 to reissuing a letter that was already replaced', async () => {
      // Prepare
      const { document } = await issueLetter();
      await villageHead.post(`/v1/documents/${document.documentId}/reissue`, { reason: 'Perbaikan' });
      // Act
      const again = await villageHead.post<ErrorBody>(`/v1/documents/${document.documentId}/reissue`, {
        reason: 'Perbaikan',
      });
      // Assess
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('DOCUMENT_SUPERSEDED');
    });
  });
});
