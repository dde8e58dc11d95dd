import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRequestStore } from '../../../functions/adapters/dynamo-request-store.js';
import { loadPseudonymKey } from '../../../functions/adapters/pseudonym-key.js';
import { ORIGIN_VERIFY_ENV, ORIGIN_VERIFY_HEADER } from '../../../functions/api/actor.js';
import { personHash } from '../../../functions/core/privacy/person-pseudonym.js';
import { newId } from '../../../functions/core/shared/ids.js';
import { TAMPO, validBusinessApplication } from '../../support/fixtures.js';
import {
  ApiClient,
  type ApiResponse,
  eventually,
  expectNothingWritten,
  signInAll,
  startTestRuntime,
  tableItems,
} from '../../support/runtime.js';
import { attachAll, requiredRequirements } from '../../support/uploads.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type ErrorBody = {
  error: { code: string; message: { id: string; en: string }; issues?: { field: string }[] };
};
type RequestBody = {
  id: string;
  trackingCode: string;
  status: string;
  applicant: { name: string };
  stage?: { key: string; dueAt?: string };
};
type Tracking = {
  trackingCode: string;
  service: { code: string; name: { id: string; en: string } };
  village: { code: string; name: string };
  status: string;
  timeline: { at: string; status: string }[];
  nextStep: { id: string; en: string };
};

/** Budi Santoso of Tampo, in the synthetic population register (and the demo citizen warga.tampo). */
const BUDI = { nik: validBusinessApplication.nik, name: 'Budi Santoso', birthDate: '1990-08-12' };
/** The person as the table keys them: the keyed pseudonym, under the runtime's key (loaded in beforeAll). */
const nikHash = personHash;
const fieldsOf = (response: ApiResponse<ErrorBody>) =>
  response.body.error.issues?.map((issue) => issue.field);

/**
 * Two channels and tracking without an account (issue 4, item 5): an operator submits at the counter with
 * the citizen's consent; the citizen links their NIK and then sees that request; anyone with the tracking
 * code and the last 6 NIK digits follows it, within rate limits, and learns nothing about the person.
 */
describe('citizen channels', () => {
  let runtime: Runtime;
  let citizen: ApiClient;
  let otherCitizen: ApiClient;
  let operator: ApiClient;
  let anonymous: ApiClient;
  let assisted: RequestBody;

  const consent = () => ({ method: 'signed-form', recordedAt: new Date().toISOString() });
  const counterBody = async (extra: Record<string, unknown> = {}) => ({
    serviceCode: 'SKU',
    villageCode: TAMPO,
    data: validBusinessApplication,
    attachments: await attachAll(operator, 'SKU', requiredRequirements('SKU')),
    ...extra,
  });
  /** As CloudFront calls the API for a viewer at `address` (with the origin secret: lib/local/runtime.ts). */
  const track = (body: unknown, address = '198.51.100.1') =>
    anonymous.post<Tracking & ErrorBody>('/v1/track', body, {
      'cloudfront-viewer-address': `${address}:443`,
      [ORIGIN_VERIFY_HEADER]: runtime.env[ORIGIN_VERIFY_ENV] ?? '',
    });
  const putNik = (client: ApiClient, body: unknown) =>
    client.send<ErrorBody & { nik?: { masked: string } }>('PUT', '/v1/me/nik', JSON.stringify(body));

  /** The table's items as plain objects. */
  const items = async () =>
    (await tableItems(runtime)).map((item) => unmarshall(item as Record<string, AttributeValue>));

  /** Waits until the workflow has opened the request's first stage (so no background write races a test). */
  const settledAtFirstStage = (id: string) =>
    eventually(`request ${id} to wait for the operator`, async () => {
      const { body } = await operator.get<RequestBody>(`/v1/requests/${id}`);
      return body.stage?.dueAt ? body : undefined;
    });

  beforeAll(async () => {
    runtime = await startTestRuntime();
    await loadPseudonymKey();
    [citizen, otherCitizen, operator] = await signInAll(runtime, [
      'warga.tampo',
      'warga.sawoo',
      'operator.tampo',
    ]);
    anonymous = new ApiClient(runtime.url);
  });
  afterAll(() => runtime?.cleanup());

  describe('assisted submission at the counter', () => {
    it.each([
      ['without consent', { citizen: { name: 'Budi Santoso' } }, 'consent'],
      ['without the citizen', { consent: consent() }, 'citizen.name'],
      [
        'with verbal consent but no witness',
        {
          citizen: { name: 'Budi Santoso' },
          consent: { method: 'verbal-witnessed', recordedAt: new Date().toISOString() },
        },
        'consent.witnessName',
      ],
      [
        'with an unknown consent method',
        {
          citizen: { name: 'Budi Santoso' },
          consent: { method: 'nod', recordedAt: new Date().toISOString() },
        },
        'consent.method',
      ],
      [
        'with consent recorded in the future',
        {
          citizen: { name: 'Budi Santoso' },
          consent: { method: 'thumbprint', recordedAt: new Date(Date.now() + 86_400_000).toISOString() },
        },
        'consent.recordedAt',
      ],
    ])('is refused %s (400, bilingual, nothing written)', async (_case, extra, field) => {
      const body = await counterBody(extra);
      await expectNothingWritten(runtime, async () => {
        const response = await operator.post<ErrorBody>('/v1/requests', body);
        expect(response.status).toBe(400);
        expect(fieldsOf(response)).toContain(field);
        expect(response.body.error.message.id).not.toBe('');
        expect(response.body.error.message.en).not.toBe('');
      });
    });

    it('is recorded with its channel, the citizen and their consent, on the request and its SUBMITTED event', async () => {
      // Act
      const response = await operator.post<RequestBody>(
        '/v1/requests',
        await counterBody({
          citizen: { name: 'Budi Santoso', phone: '081234567890' },
          consent: {
            method: 'verbal-witnessed',
            recordedAt: new Date().toISOString(),
            witnessName: 'Pak RT',
          },
        }),
      );
      // Assess
      expect(response.status).toBe(201);
      // the answer says who it is for: the operator is the account, the citizen the person
      expect(response.body as unknown).toMatchObject({
        channel: 'assisted',
        citizen: { name: 'Budi Santoso' },
        consent: { method: 'verbal-witnessed' },
      });
      assisted = response.body;
      await settledAtFirstStage(assisted.id);
      const all = await items();
      // who applied, for whom and how they consented: the request's write-once data item
      const stored = all.find((item) => item.pk === `REQ#${assisted.id}` && item.sk === 'META#DATA');
      expect(stored).toMatchObject({
        channel: 'assisted',
        citizen: { name: 'Budi Santoso' },
        consent: { method: 'verbal-witnessed', witnessName: 'Pak RT' },
        contact: { phone: '081234567890' },
      });
      const submitted = all.find(
        (item) =>
          item.pk === `REQ#${assisted.id}` && String(item.sk).startsWith('EVT#') && item.type === 'SUBMITTED',
      );
      expect(submitted).toMatchObject({ channel: 'assisted', consent: { method: 'verbal-witnessed' } });
      // the lookups written with it: the tracking code, and the person by a hash of their NIK
      expect(all).toContainEqual(
        expect.objectContaining({ pk: `TRACK#${assisted.trackingCode}`, requestId: assisted.id }),
      );
      expect(all).toContainEqual(
        expect.objectContaining({ pk: `PERSON#${nikHash(BUDI.nik)}`, sk: `REQ#${assisted.id}` }),
      );
      // A NIK is 16 digits standing alone; a pseudonym's hex digest may hold a run of digits by chance.
      const keysWithNik = all.filter((item) =>
        /(?<![0-9a-f])\d{16}(?![0-9a-f])/.test(`${item.pk} ${item.sk} ${item.gsi1pk ?? ''}`),
      );
      expect(keysWithNik).toEqual([]);
    });
  });

  describe('tracking codes are unique', () => {
    it('writes nothing for a request whose tracking code is taken, and says so (the use case draws anew)', async () => {
      // Prepare: a copy of the counter submission under a new id, with the same code
      const store = new DynamoRequestStore(runtime.env.TABLE_NAME ?? '');
      const original = await store.get(assisted.id);
      if (!original) throw new Error('the counter submission is not on record');
      const id = newId();
      const copy = { ...original, id };
      const event = {
        requestId: id,
        at: original.createdAt,
        type: 'SUBMITTED',
        status: 'SUBMITTED' as const,
        actor: { subject: 'test', name: 'test', role: 'system' as const },
      };
      // Act + Assess
      await expectNothingWritten(runtime, async () => {
        expect(await store.create(copy, event, undefined, [BUDI.nik])).toEqual({
          created: false,
          trackingCodeTaken: true,
        });
      });
      expect(await store.idByTrackingCode(assisted.trackingCode)).toBe(assisted.id);
      expect(await store.idsByNik(BUDI.nik)).toContain(assisted.id);
    });
  });

  describe('self-service and strict bodies', () => {
    it.each([
      ['consent', { consent: { method: 'signed-form', recordedAt: new Date().toISOString() } }],
      ['citizen', { citizen: { name: 'Budi Santoso' } }],
      ['status', { status: 'ISSUED' }],
      ['approvedBy', { approvedBy: 'kades' }],
      ['applicant', { applicant: { subject: 'x', name: 'y' } }],
      ['channel', { channel: 'assisted' }],
    ])('refuses a citizen body with %s (400 naming it)', async (field, extra) => {
      const body = {
        serviceCode: 'SKU',
        villageCode: TAMPO,
        data: validBusinessApplication,
        attachments: await attachAll(citizen, 'SKU', requiredRequirements('SKU')),
        ...extra,
      };
      await expectNothingWritten(runtime, async () => {
        const response = await citizen.post<ErrorBody>('/v1/requests', body);
        expect(response.status).toBe(400);
        expect(fieldsOf(response)).toContain(field);
      });
    });
  });

  describe('linking a NIK', () => {
    type Activation = { code: string; villageCode: string; name: string; expiresAt: string };
    const issue = (client: ApiClient, body: Record<string, unknown>, village = TAMPO) =>
      client.post<Activation & ErrorBody>(`/v1/villages/${village}/nik-activations`, body);
    /** What a refused call may leave: its rate-limit hit and the register's access log, nothing else. */
    const records = async () =>
      (await items()).filter(
        (item) => !String(item.pk).startsWith('RATE#') && !String(item.sk).startsWith('REGLOG#'),
      );
    async function expectNoRecordWritten(act: () => Promise<unknown>) {
      const before = await records();
      await act();
      expect(await records()).toEqual(before);
    }
    let budiCode: string;

    it("keeps the counter submission out of the citizen's reach before they link their NIK", async () => {
      expect((await citizen.get(`/v1/requests/${assisted.id}`)).status).toBe(404);
      const mine = await citizen.get<{ items: { id: string }[] }>('/v1/me/requests');
      expect(mine.body.items.map((item) => item.id)).not.toContain(assisted.id);
      expect((await citizen.get<{ nik?: unknown }>('/v1/me')).body.nik).toBeUndefined();
    });

    it("no longer links a NIK for a citizen of another regency who knows the person's name and birth date", async () => {
      await expectNoRecordWritten(async () => {
        const response = await putNik(otherCitizen, BUDI);
        expect(response.status).toBe(400);
        expect(fieldsOf(response)).toEqual(expect.arrayContaining(['activationCode', 'name', 'birthDate']));
        expect(response.body.error.message.id).not.toBe('');
        expect(response.body.error.message.en).not.toBe('');
      });
      expect((await otherCitizen.get<{ nik?: unknown }>('/v1/me')).body.nik).toBeUndefined();
    });

    it('issues an activation code at the counter only for a resident named as on the KTP (400 naming nik and name, nothing written)', async () => {
      const [sawooOperator] = await signInAll(runtime, ['operator.sawoo']);
      await expectNoRecordWritten(async () => {
        const wrongName = await issue(operator, { nik: BUDI.nik, name: 'Siti Rahayu' });
        const unknown = await issue(operator, { nik: '3510061208909999', name: BUDI.name });
        const otherVillage = await issue(sawooOperator, { nik: BUDI.nik, name: BUDI.name }, '35.02.05.2008');
        for (const response of [wrongName, unknown, otherVillage]) {
          expect(response.status).toBe(400);
          expect(fieldsOf(response)).toEqual(['nik', 'name']);
          expect(JSON.stringify(response.body)).not.toMatch(/\d{16}|1990|Budi/);
        }
        expect(unknown.body.error.message).toEqual(wrongName.body.error.message);
        // not staff of Tampo: refused by the row rule
        expect((await issue(sawooOperator, { nik: BUDI.nik, name: BUDI.name })).status).toBe(403);
        // a citizen cannot issue codes
        expect((await issue(citizen, { nik: BUDI.nik, name: BUDI.name })).status).toBe(403);
        const badPhone = await issue(operator, { nik: BUDI.nik, name: BUDI.name, phone: '021-555' });
        expect(badPhone.status).toBe(400);
        expect(fieldsOf(badPhone)).toEqual(['phone']);
      });
    });

    it('issues a code shown once: stored only as a hash, audited', async () => {
      const response = await issue(operator, { nik: BUDI.nik, name: BUDI.name, phone: '081234567890' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ villageCode: TAMPO, name: BUDI.name });
      expect(response.body.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      budiCode = response.body.code;
      const all = await items();
      const stored = all.find((item) => item.pk === `NIKACT#${nikHash(BUDI.nik)}`);
      expect(stored).toMatchObject({ villageCode: TAMPO, contact: { phone: '+6281234567890' } });
      expect(JSON.stringify(stored)).not.toContain(budiCode.replace('-', ''));
      expect(JSON.stringify(stored)).not.toContain(BUDI.nik);
      expect(all).toContainEqual(
        expect.objectContaining({ pk: `PERSON#${nikHash(BUDI.nik)}`, action: 'profile.nik-activation' }),
      );
    });

    it('answers a wrong code, an unknown NIK and a NIK without a code identically, writing nothing', async () => {
      await expectNoRecordWritten(async () => {
        const wrongCode = await putNik(otherCitizen, { nik: BUDI.nik, activationCode: 'ABCDE-FGHJK' });
        const unknownNik = await putNik(otherCitizen, { nik: '3510061208909999', activationCode: budiCode });
        const noCode = await putNik(citizen, { nik: '3510066104930001', activationCode: budiCode });
        for (const response of [wrongCode, unknownNik, noCode]) {
          expect(response.status).toBe(400);
          expect(response.body).toEqual(wrongCode.body);
        }
        expect(fieldsOf(wrongCode)).toEqual(['nik', 'activationCode']);
        expect(wrongCode.body.error.message.en).toMatch(/NIK or the activation code does not match/);
        expect(wrongCode.body.error.message.id).toMatch(/NIK atau kode aktivasi tidak cocok/);
      });
    });

    it('links the real person with the code: audited, the code used, shown masked, and the person told', async () => {
      // Act
      const linked = await putNik(citizen, { nik: BUDI.nik, activationCode: budiCode.toLowerCase() });
      // Assess
      expect(linked.status).toBe(200);
      expect(linked.body.nik?.masked).toBe('351006**********');
      const me = await citizen.get<{ nik?: { masked: string; name: string } }>('/v1/me');
      expect(me.body.nik).toMatchObject({ masked: '351006**********', name: 'Budi Santoso' });
      expect(JSON.stringify(me.body)).not.toContain(BUDI.nik);
      const all = await items();
      expect(all).toContainEqual(
        expect.objectContaining({ pk: `PERSON#${nikHash(BUDI.nik)}`, action: 'profile.link-nik' }),
      );
      expect(all).toContainEqual(expect.objectContaining({ pk: `NIKLINK#${nikHash(BUDI.nik)}` }));
      expect(all.find((item) => item.pk === `NIKACT#${nikHash(BUDI.nik)}`)?.usedAt).toBeDefined();
      const notice = all.find(
        (item) => item.pk === `REQ#nik-link-${nikHash(BUDI.nik)}` && String(item.sk).startsWith('NOTIFY#'),
      );
      expect(notice).toMatchObject({ channel: 'sms', to: '+6281234567890', status: 'sent-local' });
      expect((notice?.message as { id: string } | undefined)?.id).toMatch(/kantor desa/);
      // the same NIK again is no change
      expect((await putNik(citizen, { nik: BUDI.nik, activationCode: budiCode })).status).toBe(200);
    });

    it('does not take a used code again', async () => {
      await expectNoRecordWritten(async () => {
        const again = await putNik(otherCitizen, { nik: BUDI.nik, activationCode: budiCode });
        expect(again.status).toBe(400);
        expect(fieldsOf(again)).toEqual(['nik', 'activationCode']);
      });
    });

    it('refuses a NIK already linked to another account (409), and another NIK for a linked account', async () => {
      const fresh = await issue(operator, { nik: BUDI.nik, name: BUDI.name });
      const elsewhere = await putNik(otherCitizen, { nik: BUDI.nik, activationCode: fresh.body.code });
      expect(elsewhere.status).toBe(409);
      expect(elsewhere.body.error.code).toBe('NIK_ALREADY_LINKED');
      const second = await putNik(citizen, { nik: '3510065503960001', activationCode: 'ABCDE-FGHJK' });
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('ACCOUNT_ALREADY_LINKED');
    });

    it('refuses extra fields in the link body', async () => {
      const response = await putNik(otherCitizen, { nik: BUDI.nik, activationCode: budiCode, subject: 'x' });
      expect(response.status).toBe(400);
      expect(fieldsOf(response)).toContain('subject');
    });

    it('lets the linked citizen see and list the request the operator submitted for them', async () => {
      const read = await citizen.get<RequestBody>(`/v1/requests/${assisted.id}`);
      expect(read.status).toBe(200);
      expect(read.body.trackingCode).toBe(assisted.trackingCode);
      const mine = await citizen.get<{ items: { id: string }[] }>('/v1/me/requests');
      expect(mine.body.items.map((item) => item.id)).toContain(assisted.id);
      // another citizen still does not
      expect((await otherCitizen.get(`/v1/requests/${assisted.id}`)).status).toBe(404);
    });

    it('lets the village unlink it, audited with the reason, and tells the person; then nothing is left to unlink', async () => {
      const unlink = (client: ApiClient, body: unknown, village = TAMPO) =>
        client.post<ErrorBody & { unlinked?: boolean }>(`/v1/villages/${village}/nik-unlinks`, body);
      const [sawooOperator] = await signInAll(runtime, ['operator.sawoo']);
      await expectNoRecordWritten(async () => {
        expect((await unlink(sawooOperator, { nik: BUDI.nik, reason: 'Salah hubung' })).status).toBe(403);
        const noReason = await unlink(operator, { nik: BUDI.nik, reason: '' });
        expect(noReason.status).toBe(400);
        expect(fieldsOf(noReason)).toEqual(['reason']);
      });
      // Act
      const done = await unlink(operator, { nik: BUDI.nik, reason: 'Warga melapor: akun bukan miliknya' });
      // Assess
      expect(done.status).toBe(200);
      expect(done.body.unlinked).toBe(true);
      expect((await citizen.get<{ nik?: unknown }>('/v1/me')).body.nik).toBeUndefined();
      expect((await citizen.get(`/v1/requests/${assisted.id}`)).status).toBe(404);
      const all = await items();
      expect(all).toContainEqual(
        expect.objectContaining({
          pk: `PERSON#${nikHash(BUDI.nik)}`,
          action: 'profile.unlink-nik',
          detail: expect.stringContaining('bukan miliknya'),
        }),
      );
      expect(all.find((item) => item.pk === `NIKLINK#${nikHash(BUDI.nik)}`)).toBeUndefined();
      const notices = all.filter(
        (item) => item.pk === `REQ#nik-link-${nikHash(BUDI.nik)}` && String(item.sk).startsWith('NOTIFY#'),
      );
      expect(notices.map((item) => (item.message as { id: string }).id)).toContainEqual(
        expect.stringMatching(/diputus/),
      );
      await expectNoRecordWritten(async () => {
        const again = await unlink(operator, { nik: BUDI.nik, reason: 'Salah hubung' });
        expect(again.status).toBe(409);
        expect(again.body.error.code).toBe('NIK_NOT_LINKED');
      });
      // the person links again with a new code from the counter, and sees their request again
      const fresh = await issue(operator, { nik: BUDI.nik, name: BUDI.name });
      expect((await putNik(citizen, { nik: BUDI.nik, activationCode: fresh.body.code })).status).toBe(200);
      expect((await citizen.get(`/v1/requests/${assisted.id}`)).status).toBe(200);
    });
  });

  describe('tracking without an account', () => {
    const lastSix = BUDI.nik.slice(-6);

    it('shows where the request is, without any personal data, never cached', async () => {
      // Act: typed loosely, as people do
      const response = await track({ trackingCode: assisted.trackingCode.toLowerCase(), nikLast6: lastSix });
      // Assess
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.body).toMatchObject({
        trackingCode: assisted.trackingCode,
        service: { code: 'SKU' },
        village: { code: TAMPO, name: 'Tampo' },
      });
      expect(response.body.timeline[0]).toMatchObject({ status: 'SUBMITTED' });
      const text = JSON.stringify(response.body);
      for (const personal of [
        'Budi',
        'Santoso',
        'Rina',
        'Pak RT',
        'Warung',
        '0812',
        lastSix,
        BUDI.nik.slice(0, 6),
      ]) {
        expect(text, personal).not.toContain(personal);
      }
      expect(Object.keys(response.body)).not.toEqual(
        expect.arrayContaining(['data', 'applicant', 'contact']),
      );
    });

    it('answers wrong digits and an unknown code with the same 404', async () => {
      const wrongDigits = await track(
        { trackingCode: assisted.trackingCode, nikLast6: '000000' },
        '198.51.100.2',
      );
      const unknownCode = await track({ trackingCode: 'DD-0000-0000', nikLast6: lastSix }, '198.51.100.2');
      expect(wrongDigits.status).toBe(404);
      expect(unknownCode.status).toBe(404);
      expect(wrongDigits.body).toEqual(unknownCode.body);
      expect(wrongDigits.headers.get('cache-control')).toBe('no-store');
    });

    it('refuses a code after 5 failed attempts in the hour (429 with Retry-After), from any address', async () => {
      // Prepare: a fresh request, so the earlier attempts do not count
      const { body } = await operator.post<RequestBody>(
        '/v1/requests',
        await counterBody({ citizen: { name: 'Budi Santoso' }, consent: consent() }),
      );
      const wrong = { trackingCode: body.trackingCode, nikLast6: '123456' };
      // Act: five wrong guesses from five addresses
      for (let i = 0; i < 5; i++) expect((await track(wrong, `203.0.113.${10 + i}`)).status).toBe(404);
      const refused = await track(wrong, '203.0.113.20');
      const rightButLocked = await track({ ...wrong, nikLast6: lastSix }, '203.0.113.21');
      // Assess
      expect(refused.status).toBe(429);
      expect(rightButLocked.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(refused.body.error.code).toBe('RATE_LIMITED');
      expect(refused.body.error.message.id).toMatch(/coba lagi/);
      expect(refused.body.error.message.en).toMatch(/try again/);
    });

    it('does not count successful lookups against the address (many citizens share one address)', async () => {
      const right = { trackingCode: assisted.trackingCode, nikLast6: lastSix };
      const answers = [];
      for (let i = 0; i < 12; i++) answers.push((await track(right, '192.0.2.50')).status);
      expect(answers).toEqual(Array(12).fill(200));
    });

    it('refuses an address after 10 failed attempts in 15 minutes (429 with Retry-After)', async () => {
      // Act: ten different unknown codes (each code's own limit is never reached), then one more
      const codes = Array.from(
        { length: 11 },
        (_, i) => `DD-1111-${String(i).padStart(4, '0').replace(/0/g, 'A')}`,
      );
      const answers = [];
      for (const code of codes)
        answers.push(await track({ trackingCode: code, nikLast6: '654321' }, '192.0.2.77'));
      // Assess
      expect(answers.slice(0, 10).map((answer) => answer.status)).toEqual(Array(10).fill(404));
      const refused = answers[10];
      expect(refused?.status).toBe(429);
      const retryAfter = Number(refused?.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(900);
      // another address is not affected
      expect((await track({ trackingCode: codes[0], nikLast6: '654321' }, '192.0.2.78')).status).toBe(404);
    });

    it('keeps no NIK digits or addresses in the rate-limit counters', async () => {
      const counters = (await items()).filter((item) => String(item.pk).startsWith('RATE#'));
      expect(counters.length).toBeGreaterThan(0);
      for (const counter of counters) {
        expect(Object.keys(counter).sort()).toEqual(['expiresAt', 'hits', 'pk', 'sk']);
        expect(String(counter.pk)).toMatch(/^RATE#[a-z-]+#[0-9a-f]{64}$/);
      }
      const text = JSON.stringify(counters);
      expect(text).not.toContain(lastSix);
      expect(text).not.toContain('192.0.2.77');
    });
  });
});
