import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageOpen } from '../support/chain.js';
import { SAWOO, TAMPO, validBusinessApplication } from '../support/fixtures.js';
import { ApiClient, expectNothingWritten, signInAll, startTestRuntime } from '../support/runtime.js';
import { sampleApplication } from '../support/samples.js';
import { attachAll, requiredRequirements } from '../support/uploads.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type ErrorBody = {
  error: { code: string; message: { id: string; en: string }; issues?: { field: string }[] };
};
type RequestBody = { id: string; status: string; stage?: { key: string; dueAt?: string } };

/** Bad input gets a 4xx that names the field or the state, and writes nothing. */
describe('the API refuses bad input and changes nothing', () => {
  let runtime: Runtime;
  let citizen: ApiClient;
  let operator: ApiClient;
  let villageHead: ApiClient;
  let sawooOperator: ApiClient;
  const submit = (body: unknown, client = citizen, headers: Record<string, string> = {}) =>
    client.post<ErrorBody & RequestBody>('/v1/requests', body, headers);
  const valid = { serviceCode: 'SKU', villageCode: TAMPO, data: validBusinessApplication };
  /** A service's sample submission with some fields replaced. */
  function withData(serviceCode: string, changes: Record<string, unknown>) {
    return { serviceCode, villageCode: TAMPO, data: { ...sampleApplication(serviceCode), ...changes } };
  }
  /** A valid body with freshly uploaded persyaratan (a submission consumes its uploads). */
  const complete = async () => ({
    ...valid,
    attachments: await attachAll(citizen, 'SKU', requiredRequirements('SKU')),
  });

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [citizen, operator, villageHead, sawooOperator] = await signInAll(runtime, [
      'warga.tampo',
      'operator.tampo',
      'kades.tampo',
      'operator.sawoo',
    ]);
  });
  afterAll(() => runtime?.cleanup());

  const waitForOpenStage = (id: string, key: string) => stageOpen<RequestBody>(operator, id, key);

  it.each([
    ['malformed JSON', '{"serviceCode": "SKU",', 400, 'body'],
    ['an unknown service', { ...valid, serviceCode: 'XYZ' }, 404, undefined],
    ['an unknown village', { ...valid, villageCode: '35.10.99.2999' }, 404, undefined],
    ['a malformed village code', { ...valid, villageCode: 'Tampo' }, 400, 'villageCode'],
    [
      'an invalid NIK birth date',
      { ...valid, data: { ...validBusinessApplication, nik: '3510063299900003' } },
      400,
      'data.nik',
    ],
    [
      'a missing field',
      { ...valid, data: { ...validBusinessApplication, fullName: undefined } },
      400,
      'data.fullName',
    ],
    [
      'an extra field in the data',
      { ...valid, data: { ...validBusinessApplication, approvedBy: 'me' } },
      400,
      'data.approvedBy',
    ],
    ['an extra field in the body', { ...valid, status: 'ISSUED' }, 400, 'status'],
    // The people a letter names get the applicant's rules: an heir's NIK, a witness's birth date, an amount.
    [
      'a malformed NIK of the second heir',
      withData('SKAW', { heir2Nik: '35100609037800' }),
      400,
      'data.heir2Nik',
    ],
    [
      "a witness's impossible birth date",
      withData('SKAW', { witness1BirthDate: '1990-02-30' }),
      400,
      'data.witness1BirthDate',
    ],
    [
      "a child's NIK with an impossible birth date",
      withData('SKWALI', { childNik: '3510066713190001' }),
      400,
      'data.childNik',
    ],
    ['an income with cents', withData('SKPOT', { monthlyIncome: 900000.5 }), 400, 'data.monthlyIncome'],
    ['a negative sale price', withData('SKJB', { price: -1 }), 400, 'data.price'],
    ['a land area given as text', withData('SKRT', { landArea: '1400 m2' }), 400, 'data.landArea'],
  ])('refuses %s', async (_case, body, status, field) => {
    await expectNothingWritten(runtime, async () => {
      const response = await submit(body);
      expect(response.status).toBe(status);
      expect(response.body.error.message.id).not.toBe('');
      expect(response.body.error.message.en).not.toBe('');
      if (field) expect(response.body.error.issues?.map((issue) => issue.field)).toContain(field);
      if (status === 404) expect(response.body.error.message.en).toMatch(/serviceCode|villageCode/);
    });
  });

  // Text that goes onto signed letters (issue 10, item 4): each a 400 naming the field, nothing written.
  const skuBodyWith = (change: Record<string, unknown>) =>
    JSON.stringify({ ...valid, data: { ...validBusinessApplication, ...change } });
  it.each([
    [
      'a newline in a one-line field (a forged line on the letter)',
      skuBodyWith({ purpose: 'Pengajuan KUR\nCatatan Kepala Desa: disetujui tanpa syarat' }),
      'data.purpose',
      'Purpose of the letter: must be a single line',
    ],
    [
      'a name of zero-width spaces only',
      skuBodyWith({ fullName: '\u200b\u200b\u200b' }),
      'data.fullName',
      'Full name: is empty',
    ],
    [
      'a NUL in a name',
      skuBodyWith({ fullName: 'Budi\u0000Santoso' }),
      'data.fullName',
      'Full name: contains control',
    ],
    [
      'an RTL override in a name',
      skuBodyWith({ businessName: 'Warung \u202eipoK' }),
      'data.businessName',
      'Business name: contains control',
    ],
    // JSON.stringify escapes a lone surrogate, so the body carries the JSON text "\ud800" as a client may send it
    [
      'a lone surrogate sent as "\\ud800"',
      skuBodyWith({ fullName: 'Budi\ud800' }),
      'data.fullName',
      'Full name: contains invalid',
    ],
    [
      'invalid UTF-8 bytes in the body',
      Buffer.concat(
        skuBodyWith({ fullName: 'Budi @@' })
          .split('@@')
          .flatMap((part, index) =>
            index === 0 ? [Buffer.from(part)] : [Buffer.from([0xff, 0xfe]), Buffer.from(part)],
          ),
      ),
      'data.fullName',
      'Full name: contains invalid',
    ],
  ])('refuses %s with a 400 naming the field', async (_case, body, field, message) => {
    await expectNothingWritten(runtime, async () => {
      const response = await citizen.send<ErrorBody>('POST', '/v1/requests', body);
      expect(response.status).toBe(400);
      expect(response.body.error.issues?.map((issue) => issue.field)).toEqual([field]);
      expect(response.body.error.message.en).toContain(message);
    });
  });

  it('refuses a protected route without a valid token with 401', async () => {
    await expectNothingWritten(runtime, async () => {
      expect((await new ApiClient(runtime.url).post('/v1/requests', valid)).status).toBe(401);
      expect((await new ApiClient(runtime.url, 'not-a-jwt').post('/v1/requests', valid)).status).toBe(401);
    });
  });

  it('answers a replayed Idempotency-Key with the first request, and a reused key with a new body with 422', async () => {
    const headers = { 'Idempotency-Key': 'retry-test-0001' };
    const body = await complete();
    const first = await submit(body, citizen, headers);
    const again = await submit(body, citizen, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    await waitForOpenStage(first.body.id, 'verify');
    const changed = { ...body, data: { ...validBusinessApplication, purpose: 'Lain' } };
    await expectNothingWritten(runtime, async () => {
      const reused = await submit(changed, citizen, headers);
      expect(reused.status).toBe(422);
      expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  it('refuses decisions from the wrong role, the wrong village, and a second decision on the same stage', async () => {
    const { body } = await submit(await complete());
    await waitForOpenStage(body.id, 'verify');
    const approve = { decision: 'approve', note: '' };
    await expectNothingWritten(runtime, async () => {
      const wrongRole = await villageHead.post<ErrorBody>(`/v1/requests/${body.id}/decisions`, approve);
      expect(wrongRole.status).toBe(403);
      expect(wrongRole.body.error.message.en).toMatch(/operator/);
      const wrongVillage = await sawooOperator.post<ErrorBody>(`/v1/requests/${body.id}/decisions`, approve);
      expect(wrongVillage.status).toBe(404);
      const citizenDecides = await citizen.post<ErrorBody>(`/v1/requests/${body.id}/decisions`, approve);
      expect(citizenDecides.status).toBe(403);
      const badDecision = await operator.post<ErrorBody>(`/v1/requests/${body.id}/decisions`, {
        decision: 'maybe',
      });
      expect(badDecision.status).toBe(400);
      expect(badDecision.body.error.issues?.[0]?.field).toBe('decision');
      const noReason = await operator.post<ErrorBody>(`/v1/requests/${body.id}/decisions`, {
        decision: 'reject',
      });
      expect(noReason.status).toBe(400);
    });
    expect((await operator.post(`/v1/requests/${body.id}/decisions`, approve)).status).toBe(200);
    await waitForOpenStage(body.id, 'sign');
    await expectNothingWritten(runtime, async () => {
      const twice = await operator.post<ErrorBody>(`/v1/requests/${body.id}/decisions`, {
        ...approve,
        stage: 'verify',
      });
      expect(twice.status).toBe(409);
      expect(twice.body.error.message.en).toMatch(/stage "sign"/);
    });
  });

  it("keeps other villages' requests out of reach", async () => {
    const { body } = await submit(await complete());
    expect((await sawooOperator.get(`/v1/requests/${body.id}`)).status).toBe(404);
    expect((await sawooOperator.get(`/v1/requests?village=${TAMPO}`)).status).toBe(403);
    const otherCitizen = await ApiClient.signIn(runtime, 'warga.sawoo');
    expect((await otherCitizen.get(`/v1/requests/${body.id}`)).status).toBe(404);
    expect((await sawooOperator.get(`/v1/requests?village=${SAWOO}`)).status).toBe(200);
  });

  it("lists a village's requests newest first, page by page", async () => {
    const page1 = await operator.get<{ items: { id: string }[]; nextCursor?: string }>(
      `/v1/requests?village=${TAMPO}&limit=2`,
    );
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await operator.get<{ items: { id: string }[] }>(
      `/v1/requests?village=${TAMPO}&limit=2&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.items.length).toBeGreaterThan(0);
    const ids = [...page1.body.items, ...page2.body.items].map((item) => item.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const forged = await operator.get<ErrorBody>(`/v1/requests?village=${TAMPO}&cursor=bm90LWEtY3Vyc29y`);
    expect(forged.status).toBe(400);
    const inReview = await operator.get<{ items: { status: string }[] }>(
      `/v1/requests?village=${TAMPO}&status=IN_REVIEW`,
    );
    expect(inReview.body.items.every((item) => item.status === 'IN_REVIEW')).toBe(true);
  });
});
