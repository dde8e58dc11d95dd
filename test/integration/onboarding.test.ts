import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageOpen } from '../support/chain.js';
import { TAMPO, validBusinessApplication } from '../support/fixtures.js';
import {
  ApiClient,
  type ApiResponse,
  eventually,
  signInAll,
  startTestRuntime,
  tableItems,
} from '../support/runtime.js';
import { attachAll, requiredRequirements } from '../support/uploads.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type RequestBody = {
  id: string;
  status: string;
  stage?: { key: string; dueAt?: string };
  document?: { documentId: string; letterNumber: string };
};
type ErrorBody = {
  error: { code: string; message: { id: string; en: string }; issues?: { field: string }[] };
};

/** A new desa in Cluring, Banyuwangi, onboarded through the API (not one of the seeded demo villages). */
const NEW_VILLAGE = '35.10.06.2099';
const HEAD_NAME = 'Hj. Siti Marwiyah';
const newVillage = {
  name: 'Sumberarum',
  kind: 'desa',
  district: { code: '35.10.06', name: 'Cluring' },
  regency: { code: '35.10', name: 'Banyuwangi' },
  province: 'Jawa Timur',
  address: 'Jl. Raya Sumberarum No. 1, Kec. Cluring, Kab. Banyuwangi, Jawa Timur',
  head: { name: HEAD_NAME, title: { id: 'Kepala Desa', en: 'Village Head' } },
  letterCode: 'SMR',
  services: ['SKU', 'SKD'],
  announcements: [{ id: 'Kantor desa buka Senin–Jumat.', en: 'The village office opens Monday–Friday.' }],
};
const operatorAccount = {
  username: 'operator.sumberarum',
  name: 'Dewi Operator Sumberarum',
  email: 'operator.sumberarum@example.org',
  role: 'operator',
};
const headAccount = {
  username: 'kades.sumberarum',
  name: HEAD_NAME,
  phone: '+6281234500099',
  role: 'village_head',
};

const put = (client: ApiClient, path: string, body: unknown) =>
  client.send<ErrorBody>('PUT', path, JSON.stringify(body));

/** Decodes a DynamoDB (AttributeValue) item's string attribute. */
const stringOf = (item: Record<string, unknown>, name: string) =>
  (item[name] as { S?: string } | undefined)?.S ?? '';

/**
 * What onboarding may write: village records, their audit entries and staff audit entries, plus the user
 * pool. Denied calls must leave all of it as it was.
 */
async function tenantState(runtime: Runtime) {
  const items = (await tableItems(runtime))
    .filter((item) => /^(VILLAGE|STAFF)#/.test(stringOf(item, 'pk')))
    .map((item) => JSON.stringify(item))
    .sort();
  const users = runtime.identity
    .users()
    .map((user) => JSON.stringify(user))
    .sort();
  return { items, users };
}

const auditActions = async (runtime: Runtime, pk: string) =>
  (await tableItems(runtime))
    .filter((item) => stringOf(item, 'pk') === pk && stringOf(item, 'sk').startsWith('AUDIT#'))
    .map((item) => stringOf(item, 'action'))
    .sort();

/**
 * Villages as tenants (issue 4): one runtime, never restarted. A regency admin onboards a village and its
 * staff through the API; they sign in at once, and a citizen's letter is issued in that village's name.
 */
describe('onboarding a village and its staff through the API', () => {
  let runtime: Runtime;
  let admin: ApiClient;
  let otherAdmin: ApiClient;
  let citizen: ApiClient;
  let tampoOperator: ApiClient;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [admin, otherAdmin, citizen, tampoOperator] = await signInAll(runtime, [
      'admin.banyuwangi',
      'admin.ponorogo',
      'warga.tampo',
      'operator.tampo',
    ]);
  });
  afterAll(() => runtime?.cleanup());

  describe('refuses, writing nothing,', () => {
    const refusedWithoutChange = async (call: () => Promise<ApiResponse<ErrorBody>>, status: number) => {
      const before = await tenantState(runtime);
      const response = await call();
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      expect(response.body.error.message).toEqual({ id: expect.any(String), en: expect.any(String) });
      expect(await tenantState(runtime)).toEqual(before);
      return response.body.error;
    };

    it('a regency admin onboarding a village outside their regency (403), or creating its staff', async () => {
      await refusedWithoutChange(() => put(otherAdmin, `/v1/villages/${NEW_VILLAGE}`, newVillage), 403);
      await refusedWithoutChange(
        () => otherAdmin.post<ErrorBody>(`/v1/villages/${TAMPO}/staff`, operatorAccount),
        403,
      );
      expect((await new ApiClient(runtime.url).get(`/v1/villages/${NEW_VILLAGE}`)).status).toBe(404);
    });

    it('village staff, who may not onboard (403)', async () => {
      await refusedWithoutChange(() => put(tampoOperator, `/v1/villages/${NEW_VILLAGE}`, newVillage), 403);
      await refusedWithoutChange(
        () => tampoOperator.post<ErrorBody>(`/v1/villages/${TAMPO}/staff`, operatorAccount),
        403,
      );
    });

    it('a body with a field the record does not have (400 naming it)', async () => {
      const error = await refusedWithoutChange(
        () => put(admin, `/v1/villages/${NEW_VILLAGE}`, { ...newVillage, mayor: 'Pak Lurah' }),
        400,
      );
      expect(error.issues?.map((issue) => issue.field)).toEqual(['mayor']);
      expect(error.message.en).toContain('mayor');
      const nested = await refusedWithoutChange(
        () =>
          put(admin, `/v1/villages/${NEW_VILLAGE}`, {
            ...newVillage,
            head: { ...newVillage.head, nip: '197001011990031001' },
          }),
        400,
      );
      expect(nested.issues?.map((issue) => issue.field)).toEqual(['head.nip']);
      const staff = await refusedWithoutChange(
        () => admin.post<ErrorBody>(`/v1/villages/${TAMPO}/staff`, { ...operatorAccount, password: 'x' }),
        400,
      );
      expect(staff.issues?.map((issue) => issue.field)).toEqual(['password']);
    });

    it('a service the regency catalog does not have (400)', async () => {
      const error = await refusedWithoutChange(
        () => put(admin, `/v1/villages/${NEW_VILLAGE}`, { ...newVillage, services: ['SKU', 'NOPE'] }),
        400,
      );
      expect(error.issues).toEqual([expect.objectContaining({ field: 'services.1' })]);
      expect(error.message.en).toContain('NOPE');
    });

    it('codes that disagree: district and regency codes must continue the village code (400)', async () => {
      const error = await refusedWithoutChange(
        () =>
          put(admin, `/v1/villages/${NEW_VILLAGE}`, {
            ...newVillage,
            district: { code: '35.10.07', name: 'Gambiran' },
            kind: 'kelurahan',
          }),
        400,
      );
      expect(error.issues?.map((issue) => issue.field).sort()).toEqual(['district.code', 'kind']);
    });

    it('staff without an e-mail or phone for the temporary password (400), or of an unknown village (404)', async () => {
      const { email: _email, ...withoutContact } = operatorAccount;
      await refusedWithoutChange(
        () => admin.post<ErrorBody>(`/v1/villages/${TAMPO}/staff`, withoutContact),
        400,
      );
      await refusedWithoutChange(
        () => admin.post<ErrorBody>('/v1/villages/35.10.06.2098/staff', operatorAccount),
        404,
      );
      await refusedWithoutChange(
        () =>
          admin.post<ErrorBody>(`/v1/villages/${TAMPO}/staff`, { ...operatorAccount, phone: '081234567890' }),
        400,
      );
    });
  });

  it('onboards a village that is live at once, with an audit entry written with it', async () => {
    // Act
    const created = await put(admin, `/v1/villages/${NEW_VILLAGE}`, newVillage);

    // Assess: created, public at once (no cache hides it), audited in the village's partition
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ code: NEW_VILLAGE, name: 'Sumberarum', letterCode: 'SMR' });
    const anonymous = new ApiClient(runtime.url);
    const villages = await anonymous.get<{ items: { code: string; name: string }[] }>('/v1/villages');
    expect(villages.body.items).toContainEqual(
      expect.objectContaining({ code: NEW_VILLAGE, name: 'Sumberarum' }),
    );
    const board = await anonymous.get(`/v1/villages/${NEW_VILLAGE}`);
    expect(board.body).toMatchObject({ head: { name: HEAD_NAME }, services: ['SKU', 'SKD'] });
    expect(await auditActions(runtime, `VILLAGE#${NEW_VILLAGE}`)).toEqual(['village.onboard']);

    // A replacement is a PUT of the whole record: 200, audited as an update
    const replaced = await put(admin, `/v1/villages/${NEW_VILLAGE}`, newVillage);
    expect(replaced.status).toBe(200);
    expect(await auditActions(runtime, `VILLAGE#${NEW_VILLAGE}`)).toEqual([
      'village.onboard',
      'village.update',
    ]);
  });

  it('creates its staff in the user pool; a repeated call is a replay, another account under the name a 409', async () => {
    // Act
    const operator = await admin.post(`/v1/villages/${NEW_VILLAGE}/staff`, operatorAccount);
    const head = await admin.post(`/v1/villages/${NEW_VILLAGE}/staff`, headAccount);
    const again = await admin.post(`/v1/villages/${NEW_VILLAGE}/staff`, operatorAccount);
    const clash = await admin.post<ErrorBody>(`/v1/villages/${NEW_VILLAGE}/staff`, {
      ...operatorAccount,
      name: 'Someone Else',
    });
    const taken = await admin.post<ErrorBody>(`/v1/villages/${NEW_VILLAGE}/staff`, {
      ...operatorAccount,
      username: 'operator.tampo',
    });

    // Assess
    expect(operator.status, JSON.stringify(operator.body)).toBe(201);
    expect(operator.body).toEqual({ ...operatorAccount, area: NEW_VILLAGE });
    expect(head.status).toBe(201);
    expect(again.status).toBe(200);
    expect(clash.status).toBe(409);
    expect(taken.status).toBe(409);
    const account = runtime.identity.user(operatorAccount.username);
    expect(account).toMatchObject({
      groups: ['operator'],
      status: 'FORCE_CHANGE_PASSWORD',
      attributes: { name: operatorAccount.name, email: operatorAccount.email, 'custom:area': NEW_VILLAGE },
      invitations: [expect.objectContaining({ mediums: ['EMAIL'] })],
    });
    expect(runtime.identity.user(headAccount.username)).toMatchObject({
      groups: ['village_head'],
      attributes: { phone_number: headAccount.phone, 'custom:area': NEW_VILLAGE },
    });
    // One entry per account, however often the call is repeated
    expect(await auditActions(runtime, `STAFF#${operatorAccount.username}`)).toEqual(['staff.create']);
    expect(await auditActions(runtime, `STAFF#${headAccount.username}`)).toEqual(['staff.create']);
  });

  it("lets the new staff decide a citizen's request there; the letter carries the village's name and signer", async () => {
    // Prepare: the new staff sign in with the (local) temporary password
    const [operator, villageHead] = await signInAll(runtime, [
      operatorAccount.username,
      headAccount.username,
    ]);
    const waitForStage = (id: string, key: string) => stageOpen<RequestBody>(operator, id, key);

    // Act
    const submitted = await citizen.post<RequestBody>('/v1/requests', {
      serviceCode: 'SKU',
      villageCode: NEW_VILLAGE,
      data: { ...validBusinessApplication, address: 'Dusun Krajan RT 01 RW 01, Sumberarum' },
      attachments: await attachAll(citizen, 'SKU', requiredRequirements('SKU'), NEW_VILLAGE),
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const { id } = submitted.body;
    await waitForStage(id, 'verify');
    const tasks = await operator.get<{ items: { id: string }[] }>(`/v1/tasks?village=${NEW_VILLAGE}`);
    expect(JSON.stringify(tasks.body)).toContain(id);
    expect(
      (await operator.post(`/v1/requests/${id}/decisions`, { decision: 'approve', note: '' })).status,
    ).toBe(200);
    await waitForStage(id, 'sign');
    expect(
      (await villageHead.post(`/v1/requests/${id}/decisions`, { decision: 'approve', note: 'Setuju' }))
        .status,
    ).toBe(200);
    const issued = await eventually('the letter to be issued', async () => {
      const { body } = await citizen.get<RequestBody>(`/v1/requests/${id}`);
      return body.status === 'ISSUED' ? body : undefined;
    });

    // Assess
    expect(issued.document?.letterNumber).toMatch(/^500\.2\/\d{3}\/SMR\/[IVX]+\/\d{4}$/);
    const verification = await new ApiClient(runtime.url).get(`/v1/verify/${issued.document?.documentId}`);
    expect(verification.body).toMatchObject({
      status: 'valid',
      village: { name: 'Sumberarum' },
      signer: { name: HEAD_NAME },
    });
  });

  it("keeps villages apart: the new village's staff cannot see Tampo's requests, nor Tampo's staff theirs", async () => {
    // Prepare
    const [operator] = await signInAll(runtime, [operatorAccount.username]);
    const tampoRequest = await citizen.post<RequestBody>('/v1/requests', {
      serviceCode: 'SKU',
      villageCode: TAMPO,
      data: validBusinessApplication,
      attachments: await attachAll(citizen, 'SKU', requiredRequirements('SKU'), TAMPO),
    });
    const newRequest = await citizen.post<RequestBody>('/v1/requests', {
      serviceCode: 'SKU',
      villageCode: NEW_VILLAGE,
      data: validBusinessApplication,
      attachments: await attachAll(citizen, 'SKU', requiredRequirements('SKU'), NEW_VILLAGE),
    });
    expect([tampoRequest.status, newRequest.status]).toEqual([201, 201]);

    // Act + Assess
    expect((await operator.get(`/v1/requests/${tampoRequest.body.id}`)).status).toBe(404);
    expect((await tampoOperator.get(`/v1/requests/${newRequest.body.id}`)).status).toBe(404);
    expect((await operator.get(`/v1/tasks?village=${TAMPO}`)).status).toBe(403);
    expect((await tampoOperator.get(`/v1/tasks?village=${NEW_VILLAGE}`)).status).toBe(403);
    expect((await operator.get(`/v1/requests/${newRequest.body.id}`)).status).toBe(200);
  });
});
