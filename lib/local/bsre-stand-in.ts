import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { DemoBsreSigner } from '../../config/demo-bsre.js';
import { LocalDocumentSigner } from '../../functions/adapters/signing/local-signer.js';
import {
  type CertificateIssuer,
  type CertificateSubject,
  issueCertificate,
} from '../../functions/core/documents/certificates.js';
import { detachedSignature } from '../../functions/core/documents/cms.js';
import { addSignaturePlaceholder, sealPdf } from '../../functions/core/documents/pades.js';
import { readEmbeddedSignature } from '../../functions/core/documents/pades-verify.js';

/**
 * A local stand-in for BSrE's electronic signature API (v2, as public clients call it), so the BSrE
 * connector runs on this machine as it would against BSSN: HTTP Basic client credentials,
 * POST /api/v2/sign/pdf ({nik, passphrase | totp, signatureProperties[0] {tampilan, page, originX, originY,
 * width, height, location, reason}, file[0] base64} → {time, file[0]}), POST /api/v2/verify/pdf and
 * POST /api/v2/user/check-status. It signs with a certificate authority of its own (a root and an
 * intermediate, as BSrE's chain has), one key per signer, all kept under its data directory.
 * Differs from BSrE on purpose: it re-saves the PDF rather than appending an incremental update, knows only
 * the signers it is given, and its error codes are BSrE-like, not BSrE's full list.
 */
export interface BsreStandIn {
  readonly url: string;
  /** `file:<path>` of the client credentials ({"username","password"}), as BSRE_REGENCIES names them. */
  readonly credentials: string;
  /** The stand-in's root certificate, base64 DER (SIGNING_SERVICE_ROOTS). */
  readonly rootCertificate: string;
  /** Plays BSrE down (503 to every call) or back up. */
  setAvailable(available: boolean): void;
  /** Signatures made so far. */
  signatures(): number;
  stop(): Promise<void>;
}

const ROOT: CertificateSubject = {
  commonName: 'Stand-in Root CA Indonesia (lokal)',
  organization: 'Desa Digital stand-in',
  locality: 'Jakarta',
};
const INTERMEDIATE: CertificateSubject = {
  commonName: 'Stand-in BSrE CA (lokal)',
  organization: 'Desa Digital stand-in',
  locality: 'Jakarta',
};
const YEAR_MS = 365.25 * 86_400_000;
const MAX_BODY = 20 * 1024 * 1024;

export async function startBsreStandIn(options: {
  readonly dataDir: string;
  readonly signers: readonly DemoBsreSigner[];
  readonly port?: number;
}): Promise<BsreStandIn> {
  const dir = join(options.dataDir, 'bsre');
  await mkdir(dir, { recursive: true });
  const rootKey = new LocalDocumentSigner(join(dir, 'root-key.pem'));
  const intermediateKey = new LocalDocumentSigner(join(dir, 'intermediate-key.pem'));
  // A root and an intermediate authority, as BSrE's chain has: the root signs the intermediate's certificate.
  const start = new Date(Date.UTC(2020, 0, 1));
  const authority = async (
    subject: CertificateSubject,
    key: LocalDocumentSigner,
    years: number,
    issuer: CertificateIssuer,
  ) =>
    issueCertificate(
      {
        subject,
        publicKey: await key.publicKeyDer(),
        notBefore: start,
        notAfter: new Date(start.getTime() + years * YEAR_MS),
        serialNumber: serial(subject.commonName),
        kind: 'authority',
      },
      issuer,
    );
  const rootCertificate = await authority(ROOT, rootKey, 30, { subject: ROOT, key: rootKey });
  const intermediateCertificate = await authority(INTERMEDIATE, intermediateKey, 20, {
    subject: ROOT,
    key: rootKey,
  });
  const client = { username: 'desa-digital-local', password: randomBytes(18).toString('hex') };
  const credentialsFile = join(dir, 'client-credentials.json');
  await writeFile(credentialsFile, JSON.stringify(client), { mode: 0o600 });
  const rootKeys = [await rootKey.publicKeyDer()];

  let available = true;
  let signatures = 0;

  /** A signer's certificate over their own key: valid this year, or expired at the end of last year. */
  const chainOf = async (
    signer: DemoBsreSigner,
  ): Promise<{ chain: Uint8Array[]; key: LocalDocumentSigner }> => {
    const key = new LocalDocumentSigner(join(dir, 'signers', `${digest(signer.nik).slice(0, 16)}.pem`));
    const year = new Date().getUTCFullYear() - (signer.expired ? 1 : 0);
    const certificate = await issueCertificate(
      {
        subject: { commonName: signer.name, organization: 'Pemerintah Daerah', locality: 'Indonesia' },
        publicKey: await key.publicKeyDer(),
        notBefore: new Date(Date.UTC(year - 1, 0, 1)),
        notAfter: new Date(Date.UTC(year, 11, 31, 23, 59, 59)),
        serialNumber: serial(`${signer.nik}|${year}`),
        kind: 'signer',
      },
      { subject: INTERMEDIATE, key: intermediateKey },
    );
    return { chain: [certificate, intermediateCertificate, rootCertificate], key };
  };

  const sign = async (body: Record<string, unknown>): Promise<Answer> => {
    const signer = options.signers.find((candidate) => candidate.nik === body.nik);
    if (!signer) return refuse(1111, 'NIK tidak terdaftar sebagai pengguna tanda tangan elektronik');
    const proven =
      typeof body.totp === 'string' ? body.totp === signer.totp : body.passphrase === signer.passphrase;
    if (!proven) return refuse(2031, 'Passphrase anda salah');
    const [file] = Array.isArray(body.file) ? body.file : [];
    const [properties] = Array.isArray(body.signatureProperties) ? body.signatureProperties : [];
    if (typeof file !== 'string' || typeof properties !== 'object' || properties === null) {
      return refuse(2021, 'Dokumen atau signatureProperties tidak ada');
    }
    const place = properties as Record<string, unknown>;
    const doc = await PDFDocument.load(Buffer.from(file, 'base64'), { updateMetadata: false });
    const page = doc.getPages()[Number(place.page ?? 1) - 1];
    if (!page) return refuse(2022, 'Halaman tanda tangan tidak ada');
    const signedAt = new Date();
    addSignaturePlaceholder(
      doc,
      {
        page,
        x: Number(place.originX),
        y: Number(place.originY),
        width: Number(place.width),
        height: Number(place.height),
      },
      {
        name: signer.name,
        reason: String(place.reason ?? ''),
        location: String(place.location ?? ''),
        signedAt,
      },
      await doc.embedFont(StandardFonts.Helvetica),
    );
    const prepared = await doc.save({ useObjectStreams: false });
    const { chain, key } = await chainOf(signer);
    const signed = await sealPdf(prepared, (bytes) => detachedSignature(bytes, chain, key));
    signatures += 1;
    return {
      status: 200,
      body: { time: signedAt.toISOString(), file: [Buffer.from(signed).toString('base64')] },
    };
  };

  const verify = (body: Record<string, unknown>): Answer => {
    const [file] = Array.isArray(body.file) ? body.file : [body.file];
    if (typeof file !== 'string') return refuse(2021, 'Dokumen tidak ada');
    const embedded = readEmbeddedSignature(Buffer.from(file, 'base64'), rootKeys);
    const valid = embedded?.valid === true && embedded.coversWholeFile && embedded.trusted;
    return {
      status: 200,
      body: {
        conclusion: embedded ? (valid ? 'VALID' : 'INVALID') : 'NO_SIGNATURE',
        signatureInformations: embedded ? [{ signerName: embedded.signer, issuerName: embedded.issuer }] : [],
      },
    };
  };

  const checkStatus = (body: Record<string, unknown>): Answer => {
    const signer = options.signers.find((candidate) => candidate.nik === body.nik);
    return {
      status: 200,
      body: { status: !signer ? 'NOT_REGISTERED' : signer.expired ? 'EXPIRED' : 'ISSUE' },
    };
  };

  const routes: Record<string, (body: Record<string, unknown>) => Answer | Promise<Answer>> = {
    '/api/v2/sign/pdf': sign,
    '/api/v2/verify/pdf': verify,
    '/api/v2/user/check-status': checkStatus,
  };

  const server = createServer((request, response) => {
    void handle(request, response).catch(() =>
      send(response, { status: 500, body: { error: 'internal error' } }),
    );
  });
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (!available) return send(response, { status: 503, body: { error: 'Service Unavailable' } });
    const route = routes[new URL(request.url ?? '/', 'http://stand-in').pathname];
    if (request.method !== 'POST' || !route)
      return send(response, { status: 404, body: { error: 'not found' } });
    const expected = `Basic ${Buffer.from(`${client.username}:${client.password}`).toString('base64')}`;
    if (request.headers.authorization !== expected) {
      return send(response, { status: 401, body: { status_code: 401, error: 'Unauthorized' } });
    }
    const raw = await readBody(request);
    if (raw === undefined) return send(response, refuse(413, 'Dokumen terlalu besar'));
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return send(response, refuse(400, 'Permintaan bukan JSON'));
    }
    send(response, await route(body));
  };
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    credentials: `file:${credentialsFile}`,
    rootCertificate: Buffer.from(rootCertificate).toString('base64'),
    setAvailable: (value) => {
      available = value;
    },
    signatures: () => signatures,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const refuse = (code: number, error: string): Answer => ({ status: 400, body: { status_code: code, error } });

function send(response: ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(answer.body));
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const digest = (value: string): string => createHash('sha256').update(value).digest('hex');
const serial = (value: string): Uint8Array => createHash('sha256').update(value).digest().subarray(0, 16);
