import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestStore } from '../../functions/adapters/dynamo-request-store.js';
import { ORIGIN_VERIFY_ENV, ORIGIN_VERIFY_HEADER } from '../../functions/api/actor.js';
import { MAX_UPLOAD_BYTES, VERIFY_UPLOADS_PER_CLIENT } from '../../functions/core/documents/verification.js';
import type { ServiceRequest } from '../../functions/core/requests/requests.js';
import { TRACK_FAILURES_PER_CLIENT } from '../../functions/core/requests/tracking.js';
import { newId, newTrackingCode } from '../../functions/core/shared/ids.js';
import { TAMPO, validBusinessApplication } from '../support/fixtures.js';
import { manyObjectsPdf } from '../support/hostile-pdf.js';
import { type ApiClient, signInAll, startTestRuntime, tableItems } from '../support/runtime.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type ErrorBody = { error?: { code: string; message: { id: string; en: string } }; message?: string };

/**
 * The edges of the local runtime and of the public API (issue 10, items 5, 6 and 8): what the local gateway
 * answers for requests API Gateway refuses, which interfaces the local servers listen on, where a call is
 * said to come from, and the bounds of public verification over HTTP.
 */
describe('local runtime edges', () => {
  let runtime: Runtime;
  let operator: ApiClient;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [operator] = await signInAll(runtime, ['operator.tampo']);
  }, 300_000); // the first start on a machine also compiles DynamoDB Local's loopback launcher (javac)
  afterAll(() => runtime?.cleanup());

  const raw = (path: string, init: RequestInit = {}) => fetch(`${runtime.url}${path}`, init);

  describe('the gateway answers what API Gateway refuses with JSON, as API Gateway does', () => {
    it.each([
      ['a malformed escape in the path', '/v1/verify/%ZZ'],
      ['a truncated escape in a path parameter', '/v1/verify/01JD%E0%A4'],
      ['a malformed escape in the query', '/v1/services?village=%ZZ'],
    ])('400 for %s', async (_what, path) => {
      const response = await raw(path);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await response.json()) as ErrorBody;
      expect(body.message).toMatch(/tidak valid.*Bad request/s);
    });

    it('431 with a JSON body for a 20,000-character path', async () => {
      const response = await raw(`/v1/verify/${'A'.repeat(20_000)}`);
      expect(response.status).toBe(431);
      const body = (await response.json()) as ErrorBody;
      expect(body.message).toMatch(/terlalu panjang.*too large/s);
    });
  });

  describe('every local server listens on 127.0.0.1 only', () => {
    const endpoints = () => ({
      gateway: runtime.url,
      dynamodb: runtime.env.AWS_ENDPOINT_URL_DYNAMODB ?? '',
      s3: runtime.env.AWS_ENDPOINT_URL_S3 ?? '',
      stepFunctions: runtime.env.AWS_ENDPOINT_URL_SFN ?? '',
      cognito: runtime.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER ?? '',
    });
    /** Resolves 'connected' or the error code. */
    const tryConnect = (host: string, port: number) =>
      new Promise<string>((resolve) => {
        const socket = connect({ host, port, timeout: 5_000 });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('timeout', () => {
          socket.destroy();
          resolve('timeout');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
    const externalAddresses = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal && address.family === 'IPv4')
      .map((address) => address?.address as string);

    it('is reachable on loopback and refused on every other address of the machine', async () => {
      for (const [name, endpoint] of Object.entries(endpoints())) {
        const { hostname, port } = new URL(endpoint);
        expect(hostname, name).toBe('127.0.0.1');
        expect(await tryConnect('127.0.0.1', Number(port)), name).toBe('connected');
        for (const address of externalAddresses) {
          expect(await tryConnect(address, Number(port)), `${name} on ${address}`).not.toBe('connected');
        }
      }
    });
  });

  describe('where a call comes from', () => {
    const forged = { 'cloudfront-viewer-address': '8.8.8.8:443' };
    const asCloudFront = (viewer: string) => ({
      'cloudfront-viewer-address': `${viewer}:443`,
      [ORIGIN_VERIFY_HEADER]: runtime.env[ORIGIN_VERIFY_ENV] ?? '',
    });

    async function storedRequest(): Promise<ServiceRequest> {
      const now = new Date();
      const request: ServiceRequest = {
        id: newId(now),
        trackingCode: newTrackingCode(),
        serviceCode: 'SKU',
        villageCode: TAMPO,
        status: 'IN_REVIEW',
        stageIndex: 0,
        applicant: { subject: 'test-citizen', name: 'Budi Santoso' },
        data: validBusinessApplication,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        version: 1,
      };
      await requestStore().create(request, {
        requestId: request.id,
        at: now.toISOString(),
        type: 'SUBMITTED',
        status: 'IN_REVIEW',
        actor: { subject: 'system', name: 'test', role: 'system' },
      });
      return request;
    }
    const trailOf = async (id: string) =>
      (await tableItems(runtime))
        .map((item) => unmarshall(item as Record<string, AttributeValue>))
        .filter((item) => item.action === 'request.read' && item.target?.id === id);

    it('writes the source address, not a forged CloudFront-Viewer-Address, into the access trail', async () => {
      // Prepare
      const request = await storedRequest();
      // Act: a full-record read with the header sent straight to the API, then one as CloudFront sends it
      const direct = await operator.send('GET', `/v1/requests/${request.id}`, undefined, forged);
      const viaCloudFront = await operator.send(
        'GET',
        `/v1/requests/${request.id}`,
        undefined,
        asCloudFront('36.85.1.2'),
      );
      // Assess
      expect([direct.status, viaCloudFront.status]).toEqual([200, 200]);
      const ips = (await trailOf(request.id)).map((entry) => entry.origin?.ip);
      expect(ips).toHaveLength(2);
      expect(ips).not.toContain('8.8.8.8');
      expect(ips).toEqual(expect.arrayContaining(['36.85.1.2']));
      expect(ips.find((ip) => ip !== '36.85.1.2')).toMatch(/127\.0\.0\.1/);
    });

    it('does not let a forged address escape the per-address tracking limit', async () => {
      // Act: failed lookups, each "from" another forged address
      const statuses: number[] = [];
      for (let i = 0; i <= TRACK_FAILURES_PER_CLIENT.limit; i++) {
        const response = await raw('/v1/track', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'cloudfront-viewer-address': `8.8.${i}.8:443` },
          body: JSON.stringify({ trackingCode: `DD-2222-${String(i).padStart(4, 'A')}`, nikLast6: '654321' }),
        });
        statuses.push(response.status);
      }
      // Assess: all counted against the one real address
      expect(statuses.slice(0, -1)).toEqual(Array(TRACK_FAILURES_PER_CLIENT.limit).fill(404));
      expect(statuses.at(-1)).toBe(429);
    });
  });

  describe('public verification over HTTP is bounded', () => {
    const upload = (body: Uint8Array, headers: Record<string, string> = {}) =>
      raw('/v1/verify', { method: 'POST', headers: { 'content-type': 'application/pdf', ...headers }, body });

    it('answers the hostile 4 MB body of ~95,000 tiny objects with a bilingual 413 and writes nothing but the counter', async () => {
      const response = await upload(manyObjectsPdf(95_000), { [ORIGIN_VERIFY_HEADER]: 'x' });
      expect(response.status).toBe(413);
      const body = (await response.json()) as ErrorBody;
      expect(body.error).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: { id: expect.stringMatching(/2 MB/), en: expect.stringMatching(/2 MB/) },
      });
      expect(MAX_UPLOAD_BYTES).toBeLessThan(4_000_000);
    });

    it('limits checks per address: 429 with Retry-After past the limit', async () => {
      const viewer = {
        'cloudfront-viewer-address': '198.51.100.9:443',
        [ORIGIN_VERIFY_HEADER]: runtime.env[ORIGIN_VERIFY_ENV] ?? '',
      };
      const notALetter = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
      const statuses: number[] = [];
      for (let i = 0; i <= VERIFY_UPLOADS_PER_CLIENT.limit; i++)
        statuses.push((await upload(notALetter, viewer)).status);
      expect(statuses.slice(0, -1)).toEqual(Array(VERIFY_UPLOADS_PER_CLIENT.limit).fill(200));
      const refused = await upload(notALetter, viewer);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as ErrorBody).error?.message.id).toMatch(/Terlalu banyak/);
    });
  });
});
