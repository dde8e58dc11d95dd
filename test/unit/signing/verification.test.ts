import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { sha256Hex } from '../../../functions/core/documents/index.js';
import {
  type AlertLog,
  MAX_UPLOAD_BYTES,
  maskName,
  VERIFY_LOOKUPS_PER_CLIENT,
  VERIFY_UPLOADS_PER_CLIENT,
  type VerificationDeps,
  verifyById as verifyByIdFrom,
  verifyUpload as verifyUploadFrom,
} from '../../../functions/core/documents/verification.js';
import { RateLimitedError } from '../../../functions/core/privacy/rate-limit.js';
import { NotFoundError, ValidationError } from '../../../functions/core/shared/errors.js';
import { manyObjectsPdf } from '../../support/hostile-pdf.js';
import {
  catalog,
  DOCUMENT_ID,
  fakeSigner,
  issued,
  letterPdf,
  MemoryRateCounter,
  Registry,
  Requests,
  villages,
} from './fakes.js';

const CLIENT = { address: '36.85.1.2' };
const verifyUpload = (deps: VerificationDeps, pdf: Uint8Array, client = CLIENT) =>
  verifyUploadFrom({ ...deps, authorityKey: fakeSigner, trustedRoots: [] }, pdf, client);
const verifyById = (deps: VerificationDeps, documentId: string, client = CLIENT) =>
  verifyByIdFrom(deps, documentId, client);

describe('verifying a document', () => {
  let registry: Registry;
  let log: { error: Mock<AlertLog['error']> };
  let deps: VerificationDeps;
  let pdf: Uint8Array;

  beforeEach(async () => {
    registry = new Registry(new Requests());
    log = { error: vi.fn<AlertLog['error']>() };
    deps = {
      registry,
      villages,
      catalog,
      signer: fakeSigner,
      log,
      rates: new MemoryRateCounter(),
      clock: { now: () => new Date('2026-11-22T05:00:00Z') },
    };
    pdf = await letterPdf();
  });
  afterEach(() => vi.restoreAllMocks());

  const onRecord = async (overrides = {}) => {
    const { document } = await issued(pdf, overrides);
    registry.put(document);
    return document;
  };

  describe('by uploading the PDF', () => {
    it('says valid for the issued file, with the facts the page shows and a masked name', async () => {
      // Prepare
      const document = await onRecord();
      // Act
      const result = await verifyUpload(deps, pdf);
      // Assess
      expect(result).toMatchObject({
        status: 'valid',
        sha256: document.sha256,
        document: {
          documentId: DOCUMENT_ID,
          status: 'valid',
          signatureValid: true,
          letterNumber: '500.2/001/TMP/XI/2026',
          service: { code: 'SKU' },
          village: { code: '35.10.06.2001', name: 'Tampo', district: 'Cluring', regency: 'Banyuwangi' },
          signer: { name: 'Suwebi' },
          applicantName: 'Bu** Sa*****',
          sha256: document.sha256,
        },
      });
      expect(result.message.id).toMatch(/ASLI/);
      expect(result.message.en).toMatch(/AUTHENTIC/);
      expect(log.error).not.toHaveBeenCalled();
    });

    it('says revoked for the issued file of a revoked document, with the reason', async () => {
      // Prepare
      await onRecord({
        status: 'revoked',
        revokedAt: '2026-11-23T00:00:00.000Z',
        revocation: {
          reason: 'Usaha sudah tutup',
          by: { subject: 's', name: 'Suwebi', role: 'village_head' },
        },
      });
      // Act
      const result = await verifyUpload(deps, pdf);
      // Assess
      expect(result).toMatchObject({
        status: 'revoked',
        document: { revocation: { reason: 'Usaha sudah tutup' }, revokedAt: '2026-11-23T00:00:00.000Z' },
      });
      expect(result.document).not.toHaveProperty('revocation.by');
    });

    it('says superseded for the issued file of a reissued document, pointing to its replacement', async () => {
      // Prepare
      await onRecord({ status: 'superseded', supersededBy: '01JD7X3M4N5P6Q7R8S9T0V1W30' });
      // Act / Assess
      expect(await verifyUpload(deps, pdf)).toMatchObject({
        status: 'superseded',
        document: { supersededBy: '01JD7X3M4N5P6Q7R8S9T0V1W30' },
      });
    });

    it('says tampered when one byte of the issued file changed, showing the document that was issued', async () => {
      // Prepare
      const document = await onRecord();
      const altered = pdf.slice();
      altered[11] = (altered[11] ?? 0) ^ 0x01; // inside the binary comment under the header
      // Act
      const result = await verifyUpload(deps, altered);
      // Assess
      expect(result).toMatchObject({
        status: 'tampered',
        reason: 'content-differs',
        sha256: sha256Hex(altered),
        document: { documentId: DOCUMENT_ID, sha256: document.sha256, status: 'valid' },
      });
      expect(result.message.en).toMatch(/ALTERED/);
    });

    it('says tampered for an edited and re-saved copy of the issued file', async () => {
      // Prepare
      await onRecord();
      const copy = await PDFDocument.load(pdf, { updateMetadata: false });
      copy.setTitle('Surat Keterangan Usaha (diubah)');
      // Act / Assess
      expect(await verifyUpload(deps, await copy.save())).toMatchObject({
        status: 'tampered',
        reason: 'content-differs',
      });
    });

    it('says tampered, and alerts, when the record of the file fails its signature check', async () => {
      // Prepare: the stored hash and signature no longer belong together
      const document = await onRecord();
      registry.put({ ...document, signature: { ...document.signature, value: 'AAAA' } });
      // Act
      const result = await verifyUpload(deps, pdf);
      // Assess
      expect(result).toMatchObject({
        status: 'tampered',
        reason: 'signature-invalid',
        document: { signatureValid: false },
      });
      expect(log.error).toHaveBeenCalledWith(
        expect.stringContaining('DOCUMENT_SIGNATURE_INVALID'),
        expect.objectContaining({ documentId: DOCUMENT_ID }),
      );
    });

    it('says unknown for a PDF that names no document of ours, or one that is not on record', async () => {
      // Prepare
      await onRecord();
      const foreign = await PDFDocument.create();
      foreign.addPage();
      const unrecorded = await letterPdf('01JD7X3M4N5P6Q7R8S9T0V1W31');
      // Act / Assess
      expect(await verifyUpload(deps, await foreign.save())).toMatchObject({ status: 'unknown' });
      expect(await verifyUpload(deps, unrecorded)).toEqual({
        status: 'unknown',
        sha256: sha256Hex(unrecorded),
        message: expect.objectContaining({ en: expect.stringMatching(/not issued by Desa Digital/) }),
      });
    });

    it('says unknown for a file that starts like a PDF but cannot be read', async () => {
      const broken = new TextEncoder().encode(`%PDF-1.7\n/Subject (${DOCUMENT_ID})\ngarbage`);
      expect(await verifyUpload(deps, broken)).toMatchObject({ status: 'unknown' });
    });

    it.each([
      ['an empty file', new Uint8Array(), /kosong/, /empty/],
      ['a file that is not a PDF', new TextEncoder().encode('GIF89a...'), /bukan PDF/, /not a PDF/],
    ])('refuses %s with a bilingual message naming the body', async (_what, bytes, id, en) => {
      const error = await verifyUpload(deps, bytes).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({
        status: 400,
        messages: { id: expect.stringMatching(id), en: expect.stringMatching(en) },
      });
      expect((error as ValidationError).issues[0]?.field).toBe('body');
    });
  });

  describe('bounded work and limits (public, no sign-in)', () => {
    it('refuses a file over the limit with 413 before hashing or reading it', async () => {
      // Prepare
      const load = vi.spyOn(PDFDocument, 'load');
      // Act
      const error = await verifyUpload(deps, new Uint8Array(MAX_UPLOAD_BYTES + 1)).catch((caught) => caught);
      // Assess
      expect(MAX_UPLOAD_BYTES).toBe(2 * 1024 * 1024);
      expect(error).toMatchObject({
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        messages: {
          id: expect.stringMatching(/lebih besar dari 2 MB/),
          en: expect.stringMatching(/larger than 2 MB/),
        },
      });
      expect(load).not.toHaveBeenCalled();
    });

    it('answers the hostile 4 MB body of ~95,000 tiny objects with 413, without parsing it', async () => {
      // Prepare
      const hostile = manyObjectsPdf(95_000);
      const load = vi.spyOn(PDFDocument, 'load');
      // Act
      const error = await verifyUpload(deps, hostile).catch((caught: unknown) => caught);
      // Assess
      expect(hostile.length).toBeGreaterThan(4_000_000);
      expect(error).toMatchObject({ status: 413 });
      expect(load).not.toHaveBeenCalled();
    });

    it('says unknown for a many-objects body within the limit, without parsing it', async () => {
      // Prepare: as many tiny objects as fit under the limit (~47,000)
      const hostile = manyObjectsPdf(Math.floor(MAX_UPLOAD_BYTES / 44) - 100);
      const load = vi.spyOn(PDFDocument, 'load');
      // Act
      const result = await verifyUpload(deps, hostile);
      // Assess
      expect(hostile.length).toBeLessThanOrEqual(MAX_UPLOAD_BYTES);
      expect(result).toMatchObject({ status: 'unknown', sha256: sha256Hex(hostile) });
      expect(load).not.toHaveBeenCalled();
    });

    it('answers a file whose hash is on record without reading the file at all', async () => {
      // Prepare
      await onRecord();
      const load = vi.spyOn(PDFDocument, 'load');
      // Act / Assess
      expect(await verifyUpload(deps, pdf)).toMatchObject({ status: 'valid' });
      expect(load).not.toHaveBeenCalled();
    });

    it('says unknown for a compressed-metadata bomb, inflating no more than the scan allows', async () => {
      // Prepare: an object stream that inflates to 4 MB of spaces (16 times the scan limit), then the Subject naming our document
      await onRecord();
      const bomb = deflateSync(
        Buffer.concat([Buffer.alloc(4 * 1024 * 1024, 0x20), Buffer.from(`<< /Subject (${DOCUMENT_ID}) >>`)]),
      );
      const file = Buffer.concat([
        Buffer.from(
          `%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 0 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`,
        ),
        bomb,
        Buffer.from('\nendstream\nendobj\n%%EOF\n'),
      ]);
      // Act / Assess: the id lies beyond the inflate limit, so the file names no document
      expect(await verifyUpload(deps, new Uint8Array(file))).toMatchObject({ status: 'unknown' });
    });

    it('limits uploads per client address: 429 with Retry-After past the limit, other addresses unaffected', async () => {
      // Prepare: the limit's worth of checks from one address
      await onRecord();
      for (let i = 0; i < VERIFY_UPLOADS_PER_CLIENT.limit; i++) await verifyUpload(deps, pdf);
      // Act
      const refused = await verifyUpload(deps, pdf).catch((caught: unknown) => caught);
      // Assess
      expect(refused).toBeInstanceOf(RateLimitedError);
      expect(refused).toMatchObject({
        status: 429,
        headers: { 'retry-after': expect.stringMatching(/^\d+$/) },
        messages: { id: expect.stringMatching(/Terlalu banyak/), en: expect.stringMatching(/Too many/) },
      });
      expect(await verifyUpload(deps, pdf, { address: '36.85.9.9' })).toMatchObject({ status: 'valid' });
    });
  });

  describe('the applicant name on the public page', () => {
    it.each([
      ['Budi Santoso', 'Bu** Sa*****'],
      ['  Siti   Aminah ', 'Si** Am****'],
      ['I Gede Ngurah', 'I Ge** Ng****'],
      ['Al', 'A*'],
    ])('masks %j as %j', (name, masked) => {
      expect(maskName(name)).toBe(masked);
    });
  });

  describe('by document id', () => {
    it('limits lookups per client address with 429', async () => {
      // Prepare
      await onRecord();
      for (let i = 0; i < VERIFY_LOOKUPS_PER_CLIENT.limit; i++) await verifyById(deps, DOCUMENT_ID);
      // Act / Assess
      await expect(verifyById(deps, DOCUMENT_ID)).rejects.toBeInstanceOf(RateLimitedError);
      await expect(verifyById(deps, DOCUMENT_ID, { address: '36.85.9.9' })).resolves.toMatchObject({
        status: 'valid',
      });
    });

    it('gives the status, the facts and a signature that verifies', async () => {
      // Prepare
      const document = await onRecord();
      // Act
      const result = await verifyById(deps, DOCUMENT_ID);
      // Assess
      expect(result).toMatchObject({
        status: 'valid',
        signatureValid: true,
        signature: { algorithm: 'ECDSA_SHA_256', keyId: 'test-key', value: document.signature.value },
        applicantName: 'Bu** Sa*****',
      });
    });

    it('reports a record whose signature fails as not valid, and alerts', async () => {
      // Prepare
      const document = await onRecord();
      registry.put({ ...document, sha256: sha256Hex(new Uint8Array([1])) });
      // Act
      const result = await verifyById(deps, DOCUMENT_ID);
      // Assess
      expect(result).toMatchObject({ status: 'valid', signatureValid: false });
      expect(result.message.en).toMatch(/does not verify/);
      expect(log.error).toHaveBeenCalledOnce();
    });

    it('answers 404 for a document that is not on record', async () => {
      await expect(verifyById(deps, DOCUMENT_ID)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
