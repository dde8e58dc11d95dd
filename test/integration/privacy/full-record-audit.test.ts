import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../../functions/adapters/keys.js';
import { findService } from '../../../functions/core/catalog/index.js';
import type { AuditEntry } from '../../../functions/core/privacy/audit.js';
import type { RequestEvent } from '../../../functions/core/requests/requests.js';
import { type ReliabilityRuntime, standIns, startRuntime } from '../../reliability/support.js';
import { approveThroughChain, type RequestState, settled, submit } from '../../support/chain.js';
import { SAWOO, TAMPO } from '../../support/fixtures.js';
import { hasNikLike } from '../../support/log-scan.js';
import { type ApiClient, signInAll } from '../../support/runtime.js';
import { SAMPLE_APPLICATIONS } from '../../support/samples.js';

/**
 * Issue 4, item 7: every read of one request's full record is in its access trail (who, role, area, when,
 * what, from where) before the data leaves, and a read whose entry cannot be written returns no data; every
 * change's event says the same of whoever made it. Issue 4, item 6: NIK and KK numbers appear in full only
 * in that audited read; lists and answers to changes mask them.
 */
const USER_AGENT = 'privacy-audit-test/1.0';
const sku = findService('SKU');
const sample = SAMPLE_APPLICATIONS.SKU;
const masked = `${sample.nik.slice(0, 6)}**********`;

type Item = Record<string, unknown>;

describe('full-record reads are audited; personal numbers are masked elsewhere', () => {
  let runtime: ReliabilityRuntime;
  let stand: ReturnType<typeof standIns>;
  let citizen: ApiClient;
  let operator: ApiClient;
  let villageHead: ApiClient;
  let sawooOperator: ApiClient;
  let request: RequestState;

  /** A client that names itself, so the trail's origin can be checked. */
  const withAgent = (client: ApiClient) => ({
    get: <T = Item>(path: string) => client.send<T>('GET', path, undefined, { 'user-agent': USER_AGENT }),
  });

  const trailOf = async (id: string): Promise<AuditEntry[]> => {
    const { pk, sk } = keys.audit({ kind: 'request', id });
    const page = await stand.dynamo.send(
      new QueryCommand({
        TableName: runtime.env.TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': pk, ':sk': sk },
      }),
    );
    return (page.Items ?? []) as AuditEntry[];
  };

  const eventsOf = async (id: string): Promise<RequestEvent[]> => {
    const page = await stand.dynamo.send(
      new QueryCommand({
        TableName: runtime.env.TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': keys.request(id).pk, ':sk': keys.eventPrefix },
      }),
    );
    return (page.Items ?? []) as RequestEvent[];
  };

  beforeAll(async () => {
    runtime = await startRuntime({ proxies: true });
    stand = standIns(runtime);
    [citizen, operator, villageHead, sawooOperator] = await signInAll(runtime, [
      'warga.tampo',
      'operator.tampo',
      'kades.tampo',
      'operator.sawoo',
    ]);
    const submitted = await submit(citizen, sku, TAMPO, { ...sample });
    request = await settled(citizen, submitted.id);
  });
  afterAll(async () => {
    stand?.dynamo.destroy();
    await runtime?.cleanup();
  });

  it('appends who, role, area, when and from where before the record is returned; the record shows the NIK', async () => {
    const before = (await trailOf(request.id)).length;
    const read = await withAgent(operator).get<{ data: Item }>(`/v1/requests/${request.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data.nik).toBe(sample.nik);
    expect(read.headers.get('cache-control')).toBe('no-store');

    const trail = await trailOf(request.id);
    expect(trail).toHaveLength(before + 1);
    const entry = trail.at(-1);
    expect(entry).toMatchObject({
      action: 'request.read',
      target: { kind: 'request', id: request.id },
      actor: {
        subject: 'local-operator.tampo',
        name: 'Rina Operator Tampo',
        roles: ['operator'],
        areas: [TAMPO],
      },
      origin: { userAgent: USER_AGENT },
    });
    expect(entry?.origin?.ip).toMatch(/127\.0\.0\.1/);
    expect(Date.parse(entry?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('audits a refused read not at all: another village cannot see the request, nor leave a trace on it', async () => {
    const before = (await trailOf(request.id)).length;
    expect((await sawooOperator.get(`/v1/requests/${request.id}`)).status).toBe(404);
    expect(await trailOf(request.id)).toHaveLength(before);
  });

  it('returns 5xx and no data when the audit entry cannot be written (fail closed)', async () => {
    const proxy = runtime.proxies?.dynamodb;
    if (!proxy) throw new Error('the runtime was started without proxies');
    const before = (await trailOf(request.id)).length;
    proxy.inject({
      rate: 1,
      operations: ['PutItem'],
      callers: (caller) => caller === 'functions/api/get-request.ts',
      faults: ['InternalServerError'],
    });
    try {
      const refused = await citizen.get(`/v1/requests/${request.id}`);
      expect(refused.status).toBe(500);
      expect(JSON.stringify(refused.body)).not.toContain(sample.nik);
      expect(JSON.stringify(refused.body)).not.toContain(sample.fullName);
      expect(Object.keys(refused.body)).toEqual(['error']);
    } finally {
      proxy.inject(undefined);
    }
    expect(await trailOf(request.id)).toHaveLength(before);
    expect((await citizen.get(`/v1/requests/${request.id}`)).status).toBe(200);
  });

  it("records who changed a request, in which role and area and from where, in the change's own event", async () => {
    const decided = await operator.send<RequestState>(
      'POST',
      `/v1/requests/${request.id}/decisions`,
      JSON.stringify({ decision: 'approve', note: 'Berkas lengkap' }),
      { 'user-agent': USER_AGENT },
    );
    expect(decided.status).toBe(200);
    const events = await eventsOf(request.id);
    const decision = events.find((event) => event.type === 'DECISION_APPROVE');
    expect(decision?.actor).toMatchObject({
      subject: 'local-operator.tampo',
      role: 'operator',
      areas: [TAMPO],
      origin: { userAgent: USER_AGENT },
    });
    const submitted = events.find((event) => event.type === 'SUBMITTED');
    expect(submitted?.actor).toMatchObject({ subject: 'local-warga.tampo', role: 'citizen', areas: [] });
    expect(submitted?.actor.origin?.ip).toBeTruthy();
    // The workflow's own events name the system, with no area or origin.
    const opened = events.find((event) => event.type === 'STAGE_OPENED');
    expect(opened?.actor).toEqual({ subject: 'system', name: 'Sistem Desa Digital', role: 'system' });
    // What a person is shown of the timeline: name and role, not where staff sat.
    const { body } = await citizen.get<RequestState>(`/v1/requests/${request.id}`);
    expect(body.events.every((event) => Object.keys(event.actor).sort().join() === 'name,role')).toBe(true);
  });

  it('audits the attachment link, the letter link and the notifications as reads of the full record', async () => {
    const { request: issued } = await approveThroughChain(
      sku,
      request.id,
      { operator, village_head: villageHead },
      citizen,
    );
    const attachment = issued.attachments[0]?.attachmentId;
    expect(
      (await withAgent(citizen).get(`/v1/requests/${request.id}/attachments/${attachment}`)).status,
    ).toBe(200);
    expect((await withAgent(citizen).get(`/v1/requests/${request.id}/document`)).status).toBe(200);
    expect((await withAgent(operator).get(`/v1/requests/${request.id}/notifications`)).status).toBe(200);
    const actions = (await trailOf(request.id)).map((entry) => `${entry.action} ${entry.actor.subject}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'attachment.read local-warga.tampo',
        'document.read local-warga.tampo',
        'notifications.read local-operator.tampo',
      ]),
    );
  });

  it('fails the letter link closed too', async () => {
    const proxy = runtime.proxies?.dynamodb;
    if (!proxy) throw new Error('the runtime was started without proxies');
    proxy.inject({
      rate: 1,
      operations: ['PutItem'],
      callers: (caller) => caller === 'functions/api/get-request-document.ts',
      faults: ['InternalServerError'],
    });
    try {
      const refused = await citizen.get(`/v1/requests/${request.id}/document`);
      expect(refused.status).toBe(500);
      expect(JSON.stringify(refused.body)).not.toMatch(/url|letterNumber/);
    } finally {
      proxy.inject(undefined);
    }
  });

  describe('masking outside the full record', () => {
    let waiting: RequestState;

    beforeAll(async () => {
      const submitted = await submit(citizen, sku, TAMPO, { ...sample });
      waiting = await settled(citizen, submitted.id);
    });

    const holdsNoNik = (body: unknown) => {
      const json = JSON.stringify(body);
      expect(json).not.toContain(sample.nik);
      expect(json).toContain(masked);
    };

    it("masks the NIK in the village's request list", async () => {
      const list = await operator.get<{ items: { id: string; data: Item }[] }>(
        `/v1/requests?village=${TAMPO}`,
      );
      expect(list.status).toBe(200);
      expect(list.body.items.find((item) => item.id === waiting.id)?.data.nik).toBe(masked);
      holdsNoNik(list.body);
    });

    it("masks it in the staff inbox and the citizen's own list", async () => {
      const tasks = await operator.get(`/v1/tasks?village=${TAMPO}`);
      expect(tasks.status).toBe(200);
      holdsNoNik(tasks.body);
      const mine = await citizen.get('/v1/me/requests');
      expect(mine.status).toBe(200);
      holdsNoNik(mine.body);
    });

    it('masks it in the answer to a change (a decision, a submission)', async () => {
      const decided = await operator.post(`/v1/requests/${waiting.id}/decisions`, {
        decision: 'return',
        note: `Foto KTP buram; NIK ${sample.nik} tidak terbaca`,
      });
      expect(decided.status).toBe(200);
      holdsNoNik(decided.body);
      const submitted = await submit(citizen, sku, TAMPO, { ...sample });
      holdsNoNik(submitted);
    });

    it('never repeats a NIK in a notification, even one a decider wrote into a reason', async () => {
      const notifications = await citizen.get(`/v1/requests/${waiting.id}/notifications`);
      expect(notifications.status).toBe(200);
      // (Notification ids are hexadecimal: a bare /\d{16}/ would find digits inside them.)
      expect(JSON.stringify(notifications.body)).not.toContain(sample.nik);
      expect(hasNikLike(JSON.stringify(notifications.body))).toBe(false);
    });

    it('shows no other village any of it', async () => {
      const list = await sawooOperator.get(`/v1/requests?village=${SAWOO}`);
      expect(JSON.stringify(list.body)).not.toContain(waiting.id);
    });
  });
});
