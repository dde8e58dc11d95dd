import { execFile } from 'node:child_process';
import { sign as cryptoSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { issueCertificate, readCertificate } from '../../../functions/core/documents/certificates.js';
import { detachedSignature } from '../../../functions/core/documents/cms.js';
import { addSignaturePlaceholder, sealPdf } from '../../../functions/core/documents/pades.js';
import { readEmbeddedSignature } from '../../../functions/core/documents/pades-verify.js';
import type { KeySigner } from '../../../functions/core/shared/ports.js';

const run = promisify(execFile);

function keySigner(): KeySigner {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    signBytes: async (message) => cryptoSign('sha256', message, privateKey),
    publicKeyDer: async () => publicKey.export({ type: 'spki', format: 'der' }),
  };
}

const authority = {
  commonName: 'Desa Digital CA Kabupaten Banyuwangi',
  organization: 'Pemerintah Kabupaten Banyuwangi',
  locality: 'Banyuwangi',
};
const villageHead = {
  commonName: 'Sutrisno',
  title: 'Kepala Desa Tampo',
  organization: 'Pemerintah Desa Tampo',
  locality: 'Banyuwangi',
};

async function signedPdf() {
  const ca = keySigner();
  const key = keySigner();
  const now = new Date('2026-12-03T01:00:00Z');
  const year = 365 * 86_400_000;
  const caCert = await issueCertificate(
    {
      subject: authority,
      publicKey: await ca.publicKeyDer(),
      notBefore: now,
      notAfter: new Date(+now + 10 * year),
      serialNumber: randomBytes(16),
      kind: 'authority',
    },
    { subject: authority, key: ca },
  );
  const signerCert = await issueCertificate(
    {
      subject: villageHead,
      publicKey: await key.publicKeyDer(),
      notBefore: now,
      notAfter: new Date(+now + year),
      serialNumber: randomBytes(16),
      kind: 'signer',
    },
    { subject: authority, key: ca },
  );
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Surat Keterangan Usaha', { x: 72, y: 700, font, size: 14 });
  addSignaturePlaceholder(
    doc,
    { page, x: 300, y: 400, width: 200, height: 56 },
    {
      name: 'Sutrisno',
      reason: 'Kepala Desa Tampo menetapkan surat ini',
      location: 'Tampo, Banyuwangi',
      signedAt: now,
    },
    font,
  );
  const prepared = await doc.save({ useObjectStreams: false });
  const sealed = await sealPdf(prepared, (bytes) => detachedSignature(bytes, [signerCert, caCert], key));
  return { sealed, signerCert, authorityKey: await ca.publicKeyDer(), prepared };
}

async function pdfsig(bytes: Uint8Array): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'pades-')), 'letter.pdf');
  writeFileSync(file, bytes);
  const result = await run('pdfsig', [file]).catch((error: { stdout?: string; stderr?: string }) => error);
  return `${result.stdout ?? ''}${result.stderr ?? ''}`;
}

describe('a PAdES signature', () => {
  it('is valid for pdfsig, names the signer, and breaks when one byte changes', async () => {
    const { sealed, signerCert } = await signedPdf();
    expect(readCertificate(signerCert).subject).toBe('Sutrisno');
    const report = await pdfsig(sealed);
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Sutrisno');
    // One byte of the signed part (the page's content stream, before the signature) changed.
    const tampered = new Uint8Array(sealed);
    const at = Buffer.from(sealed).indexOf('stream') + 10;
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    expect(await pdfsig(tampered)).not.toContain('Signature is Valid.');
  });

  it('is read back by our own verifier: signer, authority, signing time; a change, an append or a stranger CA show', async () => {
    const { sealed, authorityKey, prepared } = await signedPdf();
    expect(readEmbeddedSignature(sealed, [authorityKey])).toEqual({
      valid: true,
      coversWholeFile: true,
      trusted: true,
      signer: 'Sutrisno',
      issuer: 'Desa Digital CA Kabupaten Banyuwangi',
      signedAt: '2026-12-03T01:00:00.000Z',
      validFrom: expect.any(String),
      validUntil: expect.any(String),
    });
    const tampered = sealed.slice();
    const at = Buffer.from(sealed).indexOf('stream') + 10;
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    expect(readEmbeddedSignature(tampered, [authorityKey])).toMatchObject({ valid: false });
    const appended = Buffer.concat([sealed, Buffer.from('\n% added later\n')]);
    expect(readEmbeddedSignature(appended, [authorityKey])).toMatchObject({
      valid: true,
      coversWholeFile: false,
    });
    expect(readEmbeddedSignature(sealed, [await keySigner().publicKeyDer()])).toMatchObject({
      trusted: false,
    });
    // A letter issued before signatures were embedded: nothing to read (its hash still verifies).
    const unsigned = await PDFDocument.create();
    unsigned.addPage();
    expect(readEmbeddedSignature(await unsigned.save(), [authorityKey])).toBeUndefined();
    expect(prepared.length).toBe(sealed.length);
  });
});
