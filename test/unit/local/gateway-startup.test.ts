import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../../functions/api/routes.js';
import { createGateway } from '../../../lib/local/gateway.js';

/**
 * The local gateway listens before the runtime behind it is configured (its address is part of that
 * configuration): until then, API and local calls get a clear 503 to retry, and no handler runs.
 */
describe('the local gateway while the runtime starts', () => {
  let ready = false;
  let invoked = 0;
  let base = '';
  let webRoot = '';
  const gateway = createGateway({
    ready: () => ready,
    routes: ROUTES,
    invoke: async () => {
      invoked += 1;
      return { statusCode: 200, body: '{}' };
    },
    issuer: () => {
      throw new Error('issuer not ready');
    },
    users: () => {
      throw new Error('user pool not ready');
    },
    get webRoot() {
      return webRoot;
    },
  });

  beforeAll(async () => {
    webRoot = await mkdtemp(join(tmpdir(), 'desa-web-'));
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => gateway.close(() => resolve()));
    await rm(webRoot, { recursive: true, force: true });
  });

  it('answers API and local calls 503 with Retry-After and a message in both languages, running nothing', async () => {
    for (const path of ['/v1/services', '/local/token']) {
      const response = await fetch(`${base}${path}`, { method: path === '/local/token' ? 'POST' : 'GET' });
      expect(response.status, path).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(((await response.json()) as { message: string }).message).toMatch(/sedang dimulai.*starting/i);
    }
    expect(invoked).toBe(0);
  });

  it('runs the handlers once the runtime is ready', async () => {
    ready = true;
    const response = await fetch(`${base}/v1/services`);
    expect(response.status).toBe(200);
    expect(invoked).toBe(1);
  });
});
