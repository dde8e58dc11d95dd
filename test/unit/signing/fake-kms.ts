import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KMSClient } from '@aws-sdk/client-kms';

/** One request as the fake KMS received it. */
export interface KmsCall {
  readonly target: string;
  readonly contentType: string;
  readonly authorization: string;
  readonly body: Record<string, unknown>;
}

export interface FakeKms {
  readonly keyArn: string;
  readonly publicKey: KeyObject;
  readonly calls: KmsCall[];
  /** A KMS client of the real SDK, pointed at the fake. */
  client(): KMSClient;
  stop(): Promise<void>;
}

/**
 * A tiny KMS for tests: an HTTP server speaking KMS's JSON protocol (POST /, X-Amz-Target
 * TrentService.<Operation>, application/x-amz-json-1.1, blobs as base64) for Sign and GetPublicKey, backed
 * by a node:crypto P-256 key. It lets the real adapter run over the real SDK (serialization, signing of the
 * HTTP request, error parsing). Differs from KMS: no request-signature check, RAW messages only.
 */
export async function startFakeKms(options: { keySpec?: string; keyUsage?: string } = {}): Promise<FakeKms> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
  const keyArn = `arn:aws:kms:ap-southeast-3:111122223333:key/${keyId}`;
  const names = new Set([keyId, keyArn, 'alias/test-signing']);
  const calls: KmsCall[] = [];

  const operations: Record<string, (body: Record<string, unknown>) => [number, Record<string, unknown>]> = {
    'TrentService.GetPublicKey': (body) => {
      if (!names.has(String(body.KeyId))) return notFound(body.KeyId);
      return [
        200,
        {
          KeyId: keyArn,
          KeySpec: options.keySpec ?? 'ECC_NIST_P256',
          KeyUsage: options.keyUsage ?? 'SIGN_VERIFY',
          SigningAlgorithms: ['ECDSA_SHA_256'],
          PublicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
        },
      ];
    },
    'TrentService.Sign': (body) => {
      if (!names.has(String(body.KeyId))) return notFound(body.KeyId);
      if (body.SigningAlgorithm !== 'ECDSA_SHA_256' || body.MessageType !== 'RAW') {
        return [400, { __type: 'ValidationException', message: 'fake KMS: ECDSA_SHA_256 over RAW only' }];
      }
      const message = Buffer.from(String(body.Message), 'base64');
      // What KMS does for RAW + ECDSA_SHA_256: hash the message with SHA-256, sign, DER-encode.
      const signature = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
      return [
        200,
        { KeyId: keyArn, Signature: signature.toString('base64'), SigningAlgorithm: 'ECDSA_SHA_256' },
      ];
    },
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      calls.push({
        target,
        contentType: String(req.headers['content-type'] ?? ''),
        authorization: String(req.headers.authorization ?? ''),
        body,
      });
      const operation = operations[target];
      const [status, answer] = operation
        ? operation(body)
        : [400, { __type: 'UnsupportedOperationException', message: `fake KMS: ${target}` }];
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new KMSClient({
    endpoint,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'fake-secret' },
    maxAttempts: 1,
  });
  return {
    keyArn,
    publicKey,
    calls,
    client: () => client,
    stop: () =>
      new Promise((resolve) => {
        client.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const notFound = (keyId: unknown): [number, Record<string, unknown>] => [
  400,
  { __type: 'NotFoundException', message: `Key '${String(keyId)}' does not exist` },
];
