import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAMPO } from '../support/fixtures.js';
import { type ApiClient, eventually, signInAll, startTestRuntime } from '../support/runtime.js';
import { SAMPLE_PNG, upload } from '../support/uploads.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

/** Stage deadlines, made short locally: 1 hour of deadline passes in half a second. */
const DEADLINE_SCALE = 1 / 7200;

interface CaseBody {
  id: string;
  status: string;
  stage?: { key: string; role: string; dueAt?: string; actingRole?: string };
  recorded?: { stage: string; values: { name: string; value: unknown }[] }[];
  attachments?: { requirementCode: string; uploadedByRole: string }[];
  document?: { documentId: string };
  events: { type: string; stage?: string; actor: { role: string } }[];
}

/** What a stage recorded, as name → value. */
const recordedAt = (body: CaseBody, stage: string) =>
  Object.fromEntries(
    (body.recorded?.find((entry) => entry.stage === stage)?.values ?? []).map(({ name, value }) => [
      name,
      value,
    ]),
  );

/**
 * Cases to the UPT (issue 13, item 2), end to end: a health-access case is reported by a teacher, verified by
 * the village, the UPT of Cluring lets its 24 hours pass, the case escalates to Banyuwangi's poverty unit,
 * which refers it to Dinkes, which resolves it with an outcome and evidence; the closure record is issued and
 * verifiable without showing anything of the household.
 */
describe('a health-access case the UPT answers late', () => {
  let runtime: Runtime;
  let guru: ApiClient;
  let secretary: ApiClient;
  let unit: ApiClient;
  let dinkes: ApiClient;
  let dindik: ApiClient;

  beforeAll(async () => {
    runtime = await startTestRuntime(undefined, { deadlineScale: DEADLINE_SCALE });
    [guru, secretary, unit, dinkes, dindik] = await signInAll(runtime, [
      'guru.tampo',
      'sekdes.tampo',
      'kemiskinan.banyuwangi',
      'dinkes.banyuwangi',
      'dindik.banyuwangi',
    ]);
  });
  afterAll(() => runtime?.cleanup());

  const read = async (client: ApiClient, id: string) => (await client.get<CaseBody>(`/v1/cases/${id}`)).body;

  /** A decision can meet a deadline firing at the same moment (409): the decider simply tries again. */
  const decide = (client: ApiClient, id: string, body: Record<string, unknown>) =>
    eventually('the decision to be taken', async () => {
      const response = await client.post<CaseBody>(`/v1/cases/${id}/decisions`, body);
      return response.status === 409 ? undefined : response;
    });

  it('escalates to the regency poverty unit, which refers it to Dinkes, which resolves it with evidence', async () => {
    // Prepare: a teacher of Tampo reports; the village secretary verifies it
    const reported = await guru.post<CaseBody>('/v1/cases', {
      kind: 'health-access',
      villageCode: TAMPO,
      summary: 'Ibu hamil tua belum punya BPJS dan tidak mampu membayar persalinan.',
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    const id = reported.body.id;
    await eventually('the verification stage', async () =>
      (await read(guru, id)).stage?.dueAt ? true : undefined,
    );
    const verified = await decide(secretary, id, { decision: 'approve', note: 'Sudah dicek ke rumah' });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);

    // Act: the UPT of Cluring lets its 24 hours (scaled) pass
    const escalated = await eventually('the escalation', async () => {
      const body = await read(guru, id);
      return body.stage?.key === 'upt-response' &&
        body.stage.actingRole === 'poverty_unit_officer' &&
        body.stage.dueAt
        ? body
        : undefined;
    });
    expect(escalated.events.map((event) => event.type)).toContain('ESCALATED');
    const referred = await decide(unit, id, {
      decision: 'approve',
      records: {
        referTo: 'dinkes',
        assessment: 'UPT terlambat; dirujuk ke Dinkes untuk PBI dan persalinan.',
      },
    });
    expect(referred.status, JSON.stringify(referred.body)).toBe(200);

    // Dinkes now sees it (Dindik, not referred, still does not) and resolves it with a photo as evidence
    const atDinkes = await eventually('the Dinkes stage', async () => {
      const body = await read(dinkes, id);
      return body.stage?.key === 'resolution-dinkes' && body.stage.dueAt ? body : undefined;
    });
    expect(recordedAt(atDinkes, 'upt-response')).toMatchObject({ referTo: 'dinkes' });
    expect((await dindik.get(`/v1/cases/${id}`)).status).toBe(404);
    const evidence = await upload(dinkes, 'KASUS-KES', 'bukti-dinkes', SAMPLE_PNG, 'image/png', TAMPO);
    const missing = await dinkes.post<{ error: { issues?: { field: string }[] } }>(
      `/v1/cases/${id}/decisions`,
      {
        decision: 'approve',
        records: {
          outcome: 'tertangani',
          action: 'Didaftarkan PBI-JK dan dijadwalkan persalinan di puskesmas.',
        },
      },
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues?.map((issue) => issue.field)).toEqual(['attachments']);
    const resolved = await decide(dinkes, id, {
      decision: 'approve',
      records: {
        outcome: 'tertangani',
        action: 'Didaftarkan PBI-JK dan dijadwalkan persalinan di puskesmas.',
      },
      attachments: [{ requirementCode: 'bukti-dinkes', uploadId: evidence }],
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);

    // Assess: closed, with the outcome and evidence on the case, and who decided each stage
    const closed = await eventually('the closure record', async () => {
      const body = await read(guru, id);
      return body.status === 'ISSUED' ? body : undefined;
    });
    expect(recordedAt(closed, 'resolution-dinkes')).toMatchObject({ outcome: 'tertangani' });
    expect(closed.attachments).toEqual([
      expect.objectContaining({ requirementCode: 'bukti-dinkes', uploadedByRole: 'agency_officer' }),
    ]);
    const decisions = closed.events.filter((event) => event.type === 'DECISION_APPROVE');
    expect(decisions.map((event) => [event.stage, event.actor.role])).toEqual([
      ['village-verification', 'village_secretary'],
      ['upt-response', 'poverty_unit_officer'],
      ['resolution-dinkes', 'agency_officer'],
    ]);
    // The public verification of the closure record says nothing of the kind or of who reported it.
    const verification = await guru.get<{
      status: string;
      service: { name: { id: string } };
      applicantName: string;
    }>(`/v1/verify/${closed.document?.documentId}`);
    expect(verification.body).toMatchObject({
      status: 'valid',
      service: { name: { id: 'Catatan penutupan kasus kesejahteraan' } },
      applicantName: '-',
    });
    expect(JSON.stringify(verification.body)).not.toMatch(/kesehatan|BPJS|Sri/i);
  });
});
