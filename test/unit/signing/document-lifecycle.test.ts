import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type LetterRenderer,
  type ReissueDeps,
  reissueDocument,
  revokeDocument,
} from '../../../functions/core/documents/document-lifecycle.js';
import { sha256Hex } from '../../../functions/core/documents/index.js';
import type { ServiceRequest } from '../../../functions/core/requests/requests.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../functions/core/shared/errors.js';
import type { DocumentRecord } from '../../../functions/core/shared/ports.js';
import {
  actor,
  catalog,
  DOCUMENT_ID,
  fakeSigner,
  issued,
  letterPdf,
  REQUEST_ID,
  Registry,
  Requests,
  villages,
} from './fakes.js';

const NOW = new Date('2026-12-01T02:00:00.000Z');
const REASON = 'Nama usaha salah ketik';

describe('staff acting on an issued letter', () => {
  let requests: Requests;
  let registry: Registry;
  let renderLetter: ReturnType<typeof vi.fn<LetterRenderer>>;
  let deps: ReissueDeps;
  let original: DocumentRecord;

  beforeEach(async () => {
    requests = new Requests();
    registry = new Registry(requests);
    // The issuer's renderer: renders a letter under the given number and id, stores and signs it.
    renderLetter = vi.fn<LetterRenderer>(async (request, service, village, pinned) => {
      const pdf = await letterPdf(pinned.documentId, pinned.letterNumber);
      const sha256 = sha256Hex(pdf);
      return {
        record: {
          ...pinned,
          requestId: request.id,
          serviceCode: service.code,
          villageCode: village.code,
          signer: { name: 'Suwebi', title: 'Kepala Desa Tampo' },
          applicantName: 'Budi Santoso',
          sha256,
          objectKey: `documents/${village.code}/${pinned.documentId}.pdf`,
          signature: await fakeSigner.sign(sha256),
          status: 'valid',
        },
      };
    });
    deps = { requests, registry, villages, catalog, clock: { now: () => NOW }, renderLetter };
    const { request, document } = await issued(await letterPdf());
    requests.items.set(request.id, request);
    registry.put(document);
    registry.counters.set('35.10.06.2001#2026#ALL', 1);
    original = document;
  });

  const request = () => requests.items.get(REQUEST_ID) as ServiceRequest;
  const kades = actor(['village_head']);

  describe('revoking', () => {
    it('revokes a valid letter with the reason and who, and appends DOCUMENT_REVOKED to its request', async () => {
      // Act
      const revoked = await revokeDocument(deps, kades, DOCUMENT_ID, REASON);
      // Assess
      const expected = {
        status: 'revoked',
        revokedAt: NOW.toISOString(),
        revocation: {
          reason: REASON,
          by: { subject: 'village_head-subject', name: 'Suwebi', role: 'village_head' },
        },
      };
      expect(revoked).toMatchObject(expected);
      expect(registry.documents.get(DOCUMENT_ID)).toMatchObject(expected);
      expect(request()).toMatchObject({ status: 'ISSUED', version: 8, updatedAt: NOW.toISOString() });
      expect(requests.events).toEqual([
        expect.objectContaining({
          type: 'DOCUMENT_REVOKED',
          status: 'ISSUED',
          note: REASON,
          actor: expect.objectContaining({
            subject: 'village_head-subject',
            name: 'Suwebi',
            role: 'village_head',
          }),
        }),
      ]);
    });

    it('lets the village secretary revoke too', async () => {
      await expect(
        revokeDocument(deps, actor(['village_secretary']), DOCUMENT_ID, REASON),
      ).resolves.toMatchObject({ revocation: { by: { role: 'village_secretary' } } });
    });

    it('refuses to revoke twice (409) and writes nothing more', async () => {
      // Prepare
      await revokeDocument(deps, kades, DOCUMENT_ID, REASON);
      // Act
      const second = revokeDocument(deps, kades, DOCUMENT_ID, 'lagi');
      // Assess
      await expect(second).rejects.toBeInstanceOf(ConflictError);
      await expect(second).rejects.toMatchObject({ status: 409, code: 'DOCUMENT_REVOKED' });
      expect(requests.events).toHaveLength(1);
    });

    it('refuses a revocation that lost the race to another one (409)', async () => {
      // Prepare: another revocation lands between the read and the write
      registry.beforeWrite = () => {
        registry.beforeWrite = undefined;
        registry.documents.set(DOCUMENT_ID, { ...original, status: 'revoked' });
      };
      // Act / Assess
      await expect(revokeDocument(deps, kades, DOCUMENT_ID, REASON)).rejects.toMatchObject({
        code: 'DOCUMENT_REVOKED',
      });
      expect(requests.events).toEqual([]);
    });

    it('tries again when the request changed underneath, against its new version', async () => {
      // Prepare
      registry.beforeWrite = () => {
        registry.beforeWrite = undefined;
        requests.items.set(REQUEST_ID, { ...request(), version: request().version + 1 });
      };
      // Act
      await revokeDocument(deps, kades, DOCUMENT_ID, REASON);
      // Assess
      expect(request().version).toBe(9);
      expect(registry.documents.get(DOCUMENT_ID)?.status).toBe('revoked');
    });

    it.each([
      ['an operator', actor(['operator'])],
      ['a citizen', actor(['citizen'])],
      ['the head of another village', actor(['village_head'], ['35.02.05.2008'])],
    ])('refuses %s (403)', async (_who, who) => {
      await expect(revokeDocument(deps, who, DOCUMENT_ID, REASON)).rejects.toBeInstanceOf(ForbiddenError);
      expect(registry.documents.get(DOCUMENT_ID)?.status).toBe('valid');
    });

    it('lets district staff over the village act only with a village role', async () => {
      await expect(
        revokeDocument(deps, actor(['district_head'], ['35.10.06']), DOCUMENT_ID, REASON),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('answers 404 for an unknown document', async () => {
      await expect(revokeDocument(deps, kades, '01JD7X3M4N5P6Q7R8S9T0V1W99', REASON)).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });
  });

  describe('reissuing', () => {
    it('issues a new letter under the next number; the old one is superseded and the request points to the new', async () => {
      // Act
      const next = await reissueDocument(deps, kades, DOCUMENT_ID, REASON);
      // Assess
      expect(next.documentId).not.toBe(DOCUMENT_ID);
      expect(next).toMatchObject({
        letterNumber: '500.2/002/TMP/XII/2026',
        issuedAt: NOW.toISOString(),
        status: 'valid',
        supersedes: DOCUMENT_ID,
        requestId: REQUEST_ID,
      });
      expect(await fakeSigner.verify(next.sha256, next.signature)).toBe(true);
      expect(renderLetter).toHaveBeenCalledWith(
        expect.objectContaining({ id: REQUEST_ID }),
        expect.objectContaining({ code: 'SKU' }),
        expect.objectContaining({ code: '35.10.06.2001' }),
        { documentId: next.documentId, letterNumber: next.letterNumber, issuedAt: NOW.toISOString() },
      );
      expect(registry.documents.get(DOCUMENT_ID)).toMatchObject({
        status: 'superseded',
        supersededBy: next.documentId,
      });
      expect(registry.documents.get(next.documentId)).toEqual(next);
      expect(await registry.findByHash(next.sha256)).toBe(next.documentId);
      expect(request().document).toEqual({
        documentId: next.documentId,
        letterNumber: next.letterNumber,
        issuedAt: next.issuedAt,
        sha256: next.sha256,
      });
      expect(requests.events).toEqual([
        expect.objectContaining({
          type: 'DOCUMENT_REISSUED',
          note: REASON,
          actor: expect.objectContaining({ role: 'village_head' }),
        }),
      ]);
      expect(registry.voided).toEqual([]);
    });

    it('reissues a revoked letter (the correction after a revocation)', async () => {
      // Prepare
      await revokeDocument(deps, kades, DOCUMENT_ID, 'Salah data');
      // Act
      const next = await reissueDocument(deps, kades, DOCUMENT_ID, REASON);
      // Assess
      expect(registry.documents.get(DOCUMENT_ID)).toMatchObject({
        status: 'superseded',
        supersededBy: next.documentId,
        revocation: { reason: 'Salah data' },
      });
    });

    it('refuses to reissue a superseded letter (409), and voids nothing because it drew nothing', async () => {
      // Prepare
      const next = await reissueDocument(deps, kades, DOCUMENT_ID, REASON);
      // Act
      const again = reissueDocument(deps, kades, DOCUMENT_ID, REASON);
      // Assess
      await expect(again).rejects.toMatchObject({
        status: 409,
        code: 'DOCUMENT_SUPERSEDED',
        details: { supersededBy: next.documentId },
      });
      expect(registry.voided).toEqual([]);
    });

    it('voids the drawn number when the letter cannot be rendered, and records nothing', async () => {
      // Prepare
      renderLetter.mockRejectedValueOnce(new Error('S3 unavailable'));
      // Act / Assess
      await expect(reissueDocument(deps, kades, DOCUMENT_ID, REASON)).rejects.toThrow('S3 unavailable');
      expect(registry.voided).toEqual([
        expect.objectContaining({ villageCode: '35.10.06.2001', year: 2026, sequence: 2, scope: 'ALL' }),
      ]);
      expect(registry.documents.get(DOCUMENT_ID)?.status).toBe('valid');
      expect(request().document?.documentId).toBe(DOCUMENT_ID);
    });

    it('voids the drawn number when another reissue won the race (409)', async () => {
      // Prepare
      registry.beforeWrite = () => {
        registry.beforeWrite = undefined;
        registry.documents.set(DOCUMENT_ID, { ...original, status: 'superseded', supersededBy: 'OTHER' });
      };
      // Act / Assess
      await expect(reissueDocument(deps, kades, DOCUMENT_ID, REASON)).rejects.toMatchObject({
        code: 'DOCUMENT_SUPERSEDED',
      });
      expect(registry.voided).toEqual([
        expect.objectContaining({ sequence: 2, reason: expect.stringMatching(/race/) }),
      ]);
    });

    it('refuses a letter that is no longer the request’s current one (409)', async () => {
      // Prepare
      requests.items.set(REQUEST_ID, { ...request(), document: { documentId: 'NEWER', letterNumber: 'x' } });
      // Act / Assess
      await expect(reissueDocument(deps, kades, DOCUMENT_ID, REASON)).rejects.toMatchObject({
        code: 'DOCUMENT_NOT_CURRENT',
      });
      expect(registry.counters.get('35.10.06.2001#2026#ALL')).toBe(1); // nothing drawn
    });

    it('refuses an operator (403) before drawing a number', async () => {
      await expect(reissueDocument(deps, actor(['operator']), DOCUMENT_ID, REASON)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      expect(renderLetter).not.toHaveBeenCalled();
      expect(registry.counters.get('35.10.06.2001#2026#ALL')).toBe(1);
    });
  });
});
