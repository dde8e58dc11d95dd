import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoUser } from '../../../config/demo-users.js';
import { DynamoAuditTrail } from '../../../functions/adapters/dynamo-audit.js';
import { loadPseudonymKey } from '../../../functions/adapters/pseudonym-key.js';
import { findService } from '../../../functions/core/catalog/index.js';
import { personHash } from '../../../functions/core/identity/citizen-profile.js';
import { type RequestState, settled, submit } from '../../support/chain.js';
import { SAWOO, TAMPO } from '../../support/fixtures.js';
import { ApiClient, signInAll, startTestRuntime } from '../../support/runtime.js';
import { SAMPLE_APPLICATIONS } from '../../support/samples.js';
import { attachAll, requiredRequirements } from '../../support/uploads.js';

/**
 * Issue 4, item 7: the data-protection officer answers a data subject with everything the platform holds
 * about their NIK in the officer's area, and only there; the export is itself in the access trail.
 */
type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

const EXPORTS = '/v1/privacy/data-subject-exports';
const misnadi = SAMPLE_APPLICATIONS.SPM; // in the demo population: his registry checks run and are logged
const NIK = misnadi.nik;

const officer = (username: string, areas: string[]): DemoUser => ({
  username,
  name: `Petugas PDP ${areas.join(', ')}`,
  role: 'data_protection_officer',
  areas,
});

interface ExportBody {
  subject: { personId: string; nikMasked: string };
  requests: {
    id: string;
    villageCode: string;
    foundIn: string[];
    record: { data: Record<string, unknown>; awaiting?: Record<string, unknown> };
    events: { type: string; actor: { subject: string; areas?: string[] } }[];
    notifications: { audience: { kind: string }; to?: string }[];
    registryLookups: { registry: string; nikMasked: string; outcome: string }[];
    documents: unknown[];
    accessTrail: { action: string; actor: { subject: string }; origin?: { ip: string } }[];
  }[];
}

describe('the data-subject export (DPO)', () => {
  let runtime: Runtime;
  let banyuwangiDpo: ApiClient;
  let ponorogoDpo: ApiClient;
  let tampoRequest: RequestState;
  let sawooRequest: RequestState;
  let exported: ExportBody;

  const clientFor = async (user: DemoUser) => new ApiClient(runtime.url, await runtime.issuer.sign(user));

  beforeAll(async () => {
    runtime = await startTestRuntime();
    await loadPseudonymKey(); // the runtime's key: this test names the person as the API does
    banyuwangiDpo = await clientFor(officer('pdp.banyuwangi', ['35.10']));
    ponorogoDpo = await clientFor(officer('pdp.ponorogo', ['35.02']));
    const [tampoCitizen, tampoOperator, sawooCitizen] = await signInAll(runtime, [
      'warga.tampo',
      'operator.tampo',
      'warga.sawoo',
    ]);

    // Tampo: Misnadi's poverty declaration; the operator's approval runs the registry checks.
    const entered = await tampoCitizen.post<RequestState>('/v1/requests', {
      serviceCode: 'SPM',
      villageCode: TAMPO,
      data: { ...misnadi },
      contact: { phone: '081234567890', email: 'misnadi@example.com' },
      attachments: await attachAll(tampoCitizen, 'SPM', requiredRequirements('SPM')),
    });
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);
    await settled(tampoOperator, entered.body.id);
    const approved = await tampoOperator.post(`/v1/requests/${entered.body.id}/decisions`, {
      decision: 'approve',
      note: 'Berkas lengkap',
    });
    expect(approved.status).toBe(200);
    tampoRequest = await settled(tampoOperator, entered.body.id);
    // Sawoo (Ponorogo): a business certificate naming the same NIK.
    const sku = findService('SKU');
    const sawooSubmitted = await submit(sawooCitizen, sku, SAWOO, {
      ...SAMPLE_APPLICATIONS.SKU,
      nik: NIK,
    });
    sawooRequest = await settled(sawooCitizen, sawooSubmitted.id);

    const response = await banyuwangiDpo.post<ExportBody>(EXPORTS, { nik: NIK });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    exported = response.body;
  });
  afterAll(() => runtime?.cleanup());

  it("gives the Banyuwangi officer Tampo's request and nothing of Sawoo's", () => {
    expect(exported.requests.map((request) => request.id)).toEqual([tampoRequest.id]);
    expect(JSON.stringify(exported)).not.toContain(sawooRequest.id);
    expect(exported.subject).toEqual({ personId: personHash(NIK), nikMasked: '351006**********' });
  });

  it('holds the record in full, its timeline, notifications, registry lookups and access trail', () => {
    const [request] = exported.requests;
    expect(request?.foundIn).toEqual(['nik']);
    expect(request?.record.data.nik).toBe(NIK);
    expect(request?.record.data.familyCardNumber).toBe(misnadi.familyCardNumber);
    expect(JSON.stringify(request?.record)).not.toMatch(/taskToken|objectKey/);
    expect(request?.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['SUBMITTED', 'DECISION_APPROVE']),
    );
    expect(request?.events.find((event) => event.type === 'SUBMITTED')?.actor).toMatchObject({
      subject: 'local-warga.tampo',
      areas: [],
    });
    expect(request?.events.find((event) => event.type === 'DECISION_APPROVE')?.actor).toMatchObject({
      subject: 'local-operator.tampo',
      areas: [TAMPO],
    });
    // In review: the applicant was told by e-mail (an SMS only when they must act or can collect, issue 11)
    expect(
      request?.notifications.some((n) => n.audience.kind === 'applicant' && n.to === 'misnadi@example.com'),
    ).toBe(true);
    expect(request?.registryLookups.map((lookup) => lookup.registry).sort()).toEqual([
      'bpjs',
      'desil',
      'population',
    ]);
    expect(request?.registryLookups.every((lookup) => lookup.nikMasked === '351006**********')).toBe(true);
    expect(request?.documents).toEqual([]);
    expect(request?.accessTrail.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['data-subject.export', 'request.read']),
    );
  });

  it('is itself in the access trail: on the person (by hash, never the NIK) and on each request', async () => {
    const trail = new DynamoAuditTrail(runtime.env.TABLE_NAME ?? '');
    const onPerson = await trail.list({ kind: 'person', id: personHash(NIK) });
    const exports = onPerson.filter((entry) => entry.action === 'data-subject.export');
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({
      actor: { subject: 'local-pdp.banyuwangi', roles: ['data_protection_officer'], areas: ['35.10'] },
      detail: '1 request(s), 0 household survey(s)',
    });
    expect(exports[0]?.origin?.ip).toBeTruthy();
    expect(JSON.stringify(onPerson)).not.toContain(NIK);
    const onRequest = await trail.list({ kind: 'request', id: tampoRequest.id });
    expect(onRequest.filter((entry) => entry.action === 'data-subject.export')).toHaveLength(1);
  });

  it("gives the Ponorogo officer Sawoo's request only", async () => {
    const response = await ponorogoDpo.post<ExportBody>(EXPORTS, { nik: NIK });
    expect(response.status).toBe(200);
    expect(response.body.requests.map((request) => request.id)).toEqual([sawooRequest.id]);
  });

  it('finds a request by the NIK it was corrected to, not only the one it was submitted with', async () => {
    const [citizen, operator] = await signInAll(runtime, ['warga.tampo', 'operator.tampo']);
    const corrected = '3510060505800004';
    const submitted = await submit(citizen, findService('SKU'), TAMPO, { ...SAMPLE_APPLICATIONS.SKU });
    await settled(operator, submitted.id);
    await operator.post(`/v1/requests/${submitted.id}/decisions`, {
      decision: 'return',
      note: 'NIK salah ketik',
    });
    await settled(citizen, submitted.id);
    const resubmitted = await citizen.post(`/v1/requests/${submitted.id}/resubmission`, {
      data: { ...SAMPLE_APPLICATIONS.SKU, nik: corrected },
    });
    expect(resubmitted.status).toBe(200);
    const response = await banyuwangiDpo.post<ExportBody>(EXPORTS, { nik: corrected });
    expect(response.body.requests.map((request) => request.id)).toEqual([submitted.id]);
  });

  it('finds nothing, and says nothing else, for a NIK the platform does not hold', async () => {
    const response = await banyuwangiDpo.post<ExportBody>(EXPORTS, { nik: '3510060101010001' });
    expect(response.status).toBe(200);
    expect(response.body.requests).toEqual([]);
  });

  it.each([
    ['an operator', 'operator.tampo'],
    ['a village head', 'kades.tampo'],
    ['the regency admin', 'admin.banyuwangi'],
    ['a citizen', 'warga.tampo'],
    ['an agency officer', 'dukcapil.banyuwangi'],
  ])('refuses %s (403, no data)', async (_, username) => {
    const client = await ApiClient.signIn(runtime, username);
    const response = await client.post(EXPORTS, { nik: NIK });
    expect(response.status).toBe(403);
    expect(JSON.stringify(response.body)).not.toContain(tampoRequest.id);
  });

  it('refuses anyone not signed in (401)', async () => {
    expect((await new ApiClient(runtime.url).post(EXPORTS, { nik: NIK })).status).toBe(401);
  });

  it('refuses fields other than nik (400)', async () => {
    const response = await banyuwangiDpo.post<{ error: { code: string } }>(EXPORTS, {
      nik: NIK,
      village: TAMPO,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(response.body)).not.toContain(NIK);
  });

  it.each([
    ['too short', '35100614026200'],
    ['with letters', '351006140262000X'],
    ['too long', '35100614026200011'],
    ['in groups', '3510 0614 0262 0001'],
  ])('refuses a malformed NIK (%s) without repeating it', async (_, nik) => {
    const response = await banyuwangiDpo.post(EXPORTS, { nik });
    expect(response.status).toBe(400);
    const json = JSON.stringify(response.body);
    expect(json).not.toContain(nik);
    expect(json).not.toContain(nik.replace(/\D/g, '').slice(0, 12));
    expect(json).toContain('NIK');
  });

  it('refuses a NIK sent as a number, or as a field name, without repeating it', async () => {
    const asNumber = await banyuwangiDpo.post(EXPORTS, `{"nik": ${NIK}}`);
    expect(asNumber.status).toBe(400);
    expect(JSON.stringify(asNumber.body)).not.toContain(NIK);
    const asKey = await banyuwangiDpo.post(EXPORTS, { nik: NIK, [NIK]: true });
    expect(asKey.status).toBe(400);
    expect(JSON.stringify(asKey.body)).not.toContain(NIK);
  });
});
