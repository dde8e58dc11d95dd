import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BSRE_PASSPHRASE, DEMO_BSRE_SIGNERS, DEMO_BSRE_TOTP } from '../../../config/demo-bsre.js';
import { BsreClient } from '../../../functions/adapters/signing/bsre-client.js';
import { readCertificate } from '../../../functions/core/documents/certificates.js';
import {
  type ExternalSignRequest,
  SignerRefusedError,
  SignerUnavailableError,
} from '../../../functions/core/documents/external-signing.js';
import { readEmbeddedSignature } from '../../../functions/core/documents/pades-verify.js';
import { type BsreStandIn, startBsreStandIn } from '../../../lib/local/bsre-stand-in.js';

/** The BSrE connector against the local stand-in, which speaks BSrE's v2 API shape (no other server). */
describe('BSrE connector', () => {
  let dataDir: string;
  let standIn: BsreStandIn;
  let pdf: Uint8Array;
  const signer = DEMO_BSRE_SIGNERS[0];
  if (!signer) throw new Error('no demo BSrE signer');
  const credentials = async () =>
    JSON.parse(await readFile(standIn.credentials.slice('file:'.length), 'utf8')) as {
      username: string;
      password: string;
    };
  const client = () =>
    new BsreClient({ baseUrl: standIn.url, credentials: standIn.credentials }, credentials, { pauseMs: 10 });
  const requestFor = (proof: ExternalSignRequest['credentials']): ExternalSignRequest => ({
    credentials: proof,
    pdf,
    box: { page: 1, x: 350, y: 200, width: 160, height: 60 },
    reason: 'Kepala Desa Tampo menandatangani Surat Keterangan Usaha',
    location: 'Tampo, Banyuwangi',
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'bsre-'));
    standIn = await startBsreStandIn({ dataDir, signers: DEMO_BSRE_SIGNERS });
    const doc = await PDFDocument.create();
    doc.addPage();
    pdf = await doc.save({ useObjectStreams: false });
  });
  afterAll(async () => {
    await standIn?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('signs with the passphrase or a TOTP code, under a chain to the stand-in root', async () => {
    const root = readCertificate(Buffer.from(standIn.rootCertificate, 'base64')).publicKey;
    for (const proof of [
      { nik: signer.nik, passphrase: DEMO_BSRE_PASSPHRASE },
      { nik: signer.nik, totp: DEMO_BSRE_TOTP },
    ]) {
      const signed = await client().signPdf(requestFor(proof));
      expect(readEmbeddedSignature(signed, [root])).toMatchObject({
        valid: true,
        coversWholeFile: true,
        trusted: true,
        signer: signer.name,
      });
    }
  });

  it('reports a wrong passphrase or an unknown NIK as the signer’s error, with BSrE’s message', async () => {
    const wrong = await client()
      .signPdf(requestFor({ nik: signer.nik, passphrase: 'salah' }))
      .catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(SignerRefusedError);
    expect((wrong as SignerRefusedError).messages.id).toMatch(/Passphrase anda salah/);
    const unknown = await client()
      .signPdf(requestFor({ nik: '3510000000000000', passphrase: DEMO_BSRE_PASSPHRASE }))
      .catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(SignerRefusedError);
  });

  it('tells the regency’s rejected credentials apart from an outage, and retries an outage', async () => {
    const misconfigured = new BsreClient(
      { baseUrl: standIn.url, credentials: 'file:/nowhere' },
      async () => ({ username: 'desa-digital-local', password: 'wrong' }),
    );
    const rejected = await misconfigured
      .signPdf(requestFor({ nik: signer.nik, passphrase: DEMO_BSRE_PASSPHRASE }))
      .catch((error: unknown) => error);
    expect(rejected).toMatchObject({ status: 503, code: 'SIGNING_SERVICE_MISCONFIGURED' });

    const unreadable = new BsreClient({ baseUrl: standIn.url, credentials: 'file:/nowhere' }, async () => {
      throw new Error('no secret');
    });
    await expect(
      unreadable.signPdf(requestFor({ nik: signer.nik, passphrase: DEMO_BSRE_PASSPHRASE })),
    ).rejects.toMatchObject({ code: 'SIGNING_SERVICE_MISCONFIGURED' });

    standIn.setAvailable(false);
    const before = standIn.signatures();
    const down = await client()
      .signPdf(requestFor({ nik: signer.nik, passphrase: DEMO_BSRE_PASSPHRASE }))
      .catch((error: unknown) => error)
      .finally(() => standIn.setAvailable(true));
    expect(down).toBeInstanceOf(SignerUnavailableError);
    expect(down).toMatchObject({ status: 503, code: 'SIGNING_SERVICE_UNAVAILABLE' });
    expect(standIn.signatures()).toBe(before);

    const closed = new BsreClient({ baseUrl: 'http://127.0.0.1:9', credentials: '' }, credentials, {
      pauseMs: 10,
    });
    await expect(
      closed.signPdf(requestFor({ nik: signer.nik, passphrase: DEMO_BSRE_PASSPHRASE })),
    ).rejects.toMatchObject({ code: 'SIGNING_SERVICE_UNAVAILABLE' });
  });

  it('answers verify and check-status in BSrE’s shape', async () => {
    const { username, password } = await credentials();
    const call = (path: string, body: unknown) =>
      fetch(`${standIn.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      }).then((response) => response.json());
    const signed = await client().signPdf(requestFor({ nik: signer.nik, passphrase: DEMO_BSRE_PASSPHRASE }));
    expect(await call('/api/v2/verify/pdf', { file: Buffer.from(signed).toString('base64') })).toMatchObject({
      conclusion: 'VALID',
      signatureInformations: [{ signerName: signer.name }],
    });
    expect(await call('/api/v2/user/check-status', { nik: signer.nik })).toEqual({ status: 'ISSUE' });
    const expired = DEMO_BSRE_SIGNERS.find((candidate) => candidate.expired);
    expect(await call('/api/v2/user/check-status', { nik: expired?.nik })).toEqual({ status: 'EXPIRED' });
  });
});
