import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heavyTestFile } from '../../support/budgets.js';
import { SAWOO, TAMPO } from '../../support/fixtures.js';
import {
  ApiClient,
  eventually,
  expectNothingWritten,
  signInAll,
  startTestRuntime,
  tableItems,
} from '../../support/runtime.js';
import { sampleSurvey } from '../../support/samples.js';

heavyTestFile();

/**
 * Cases to the UPT (issue 13, item 2) against the local runtime: reported through POST /v1/cases, run by the
 * generic workflow, read only by those who work on them (every read audited), refused with the field named.
 */
type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type ErrorBody = { error: { code: string; issues?: { field: string }[] } };
interface CaseBody {
  id: string;
  status: string;
  serviceCode: string;
  kind?: string;
  data: Record<string, unknown>;
  stage?: { key: string; role: string; dueAt?: string };
}

/** A Tampo child born 15 March 2012 (7–18 whenever this runs before 2030) and one born 2021. */
const CHILD = '3510061503120001';
const TODDLER = '3510061503210001';

let runtime: Runtime;
let guru: ApiClient;
let enumerator: ApiClient;
let operator: ApiClient;
let sawooOperator: ApiClient;
let upt: ApiClient;
let sawooUpt: ApiClient;
let camat: ApiClient;
let dindik: ApiClient;
let citizen: ApiClient;
let surveyId: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  [guru, enumerator, operator, sawooOperator, upt, sawooUpt, camat, dindik, citizen] = await signInAll(
    runtime,
    [
      'guru.tampo',
      'enumerator.tampo',
      'operator.tampo',
      'operator.sawoo',
      'upt.cluring',
      'upt.sawoo',
      'camat.cluring',
      'dindik.banyuwangi',
      'warga.tampo',
    ],
  );
  const survey = await enumerator.post<{ id: string }>(
    `/v1/villages/${TAMPO}/household-surveys`,
    sampleSurvey(),
  );
  expect(survey.status, JSON.stringify(survey.body)).toBe(201);
  surveyId = survey.body.id;
});
afterAll(() => runtime?.cleanup());

const healthCase = {
  kind: 'health-access',
  villageCode: TAMPO,
  summary: 'Ibu hamil tua belum punya BPJS dan tidak mampu membayar persalinan.',
};

describe('reporting a case', () => {
  it('opens a health-access case from a teacher, waiting for the village secretary to verify it', async () => {
    const reported = await guru.post<CaseBody>('/v1/cases', { ...healthCase, surveyId });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    expect(reported.body).toMatchObject({ serviceCode: 'KASUS-KES', data: { surveyId } });
    const opened = await eventually('the verification stage', async () => {
      const { body } = await guru.get<CaseBody>(`/v1/cases/${reported.body.id}`);
      return body.stage?.dueAt ? body : undefined;
    });
    expect(opened).toMatchObject({
      kind: 'health-access',
      stage: { key: 'village-verification', role: 'village_secretary' },
    });
  });

  it('keeps a dropout child as a pseudonym and age, with no NIK anywhere in the table but its hashed index', async () => {
    const reported = await enumerator.post<CaseBody>(
      '/v1/cases',
      {
        kind: 'school-dropout',
        villageCode: TAMPO,
        summary: 'Anak berhenti sekolah sejak kelas 8 untuk membantu di sawah.',
        child: { nik: CHILD },
        reason: 'bekerja',
        surveyId,
      },
      { 'Idempotency-Key': 'kasus-putus-sekolah-0001' },
    );
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    expect(reported.body.data).toMatchObject({
      child: expect.stringMatching(/^[0-9a-f]{64}$/),
      reason: 'bekerja',
    });
    expect(reported.body.data.childAge).toBeGreaterThanOrEqual(7);
    expect(JSON.stringify(await tableItems(runtime))).not.toContain(CHILD);

    // Sent again with the same key: the first answer, nothing new.
    const again = await enumerator.post<CaseBody>(
      '/v1/cases',
      {
        kind: 'school-dropout',
        villageCode: TAMPO,
        summary: 'Anak berhenti sekolah sejak kelas 8 untuk membantu di sawah.',
        child: { nik: CHILD },
        reason: 'bekerja',
        surveyId,
      },
      { 'Idempotency-Key': 'kasus-putus-sekolah-0001' },
    );
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(reported.body.id);
  });

  it.each([
    ['an unknown kind', { ...healthCase, kind: 'banjir' }, 400, 'kind'],
    ['an unknown village', { ...healthCase, villageCode: '35.10.06.2999' }, 404, undefined],
    [
      'a dropout child of five',
      { ...healthCase, kind: 'school-dropout', child: { nik: TODDLER }, reason: 'biaya' },
      400,
      'child.nik',
    ],
    [
      'a dropout case without a child',
      { ...healthCase, kind: 'school-dropout', reason: 'biaya' },
      400,
      'child.nik',
    ],
    ['a child on a housing case', { ...healthCase, kind: 'housing', child: { nik: CHILD } }, 400, 'child'],
    ['a summary of two words', { ...healthCase, summary: 'Sakit.' }, 400, 'summary'],
  ])('refuses %s, naming the field, writing nothing', async (_what, body, status, field) => {
    await expectNothingWritten(runtime, async () => {
      const refused = await guru.post<ErrorBody>('/v1/cases', body);
      expect(refused.status, JSON.stringify(refused.body)).toBe(status);
      if (field) expect(refused.body.error.issues?.map((issue) => issue.field)).toContain(field);
      else expect(JSON.stringify(refused.body)).toContain('villageCode');
    });
  });

  it('refuses a survey of another village, naming surveyId, writing nothing', async () => {
    await expectNothingWritten(runtime, async () => {
      const refused = await sawooOperator.post<ErrorBody>('/v1/cases', {
        ...healthCase,
        villageCode: SAWOO,
        surveyId,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.issues?.map((issue) => issue.field)).toEqual(['surveyId']);
    });
  });

  it("refuses a reporter of another village, and a citizen with no linked NIK of the village's sub-district", async () => {
    expect((await sawooOperator.post('/v1/cases', healthCase)).status).toBe(403);
    expect((await citizen.post('/v1/cases', healthCase)).status).toBe(403);
  });
});

describe('who reads a case', () => {
  let caseId: string;
  beforeAll(async () => {
    const reported = await operator.post<CaseBody>('/v1/cases', {
      ...healthCase,
      kind: 'food',
      summary: 'Keluarga makan sekali sehari sejak ayah sakit.',
    });
    expect(reported.status).toBe(201);
    caseId = reported.body.id;
  });

  it('shows it to the reporter, the village and the UPT of its district; 404 to everyone else', async () => {
    for (const [who, client] of [
      ['operator', operator],
      ['upt.cluring', upt],
    ] as const) {
      expect((await client.get(`/v1/cases/${caseId}`)).status, who).toBe(200);
    }
    for (const [who, client] of [
      ['upt.sawoo', sawooUpt],
      ['operator.sawoo', sawooOperator],
      ['camat.cluring', camat],
      ['dindik (not referred)', dindik],
      ['guru.tampo (not its reporter)', guru],
      ['warga.tampo', citizen],
    ] as const) {
      expect((await client.get(`/v1/cases/${caseId}`)).status, who).toBe(404);
    }
    // Nor through the generic request read, nor in the camat's list of the village's requests.
    expect((await camat.get(`/v1/requests/${caseId}`)).status).toBe(404);
    const listed = await camat.get<{ items: { id: string }[] }>(`/v1/requests?village=${TAMPO}`);
    expect(listed.body.items.map((item) => item.id)).not.toContain(caseId);
  });

  it('audits every read that returned the case', async () => {
    // The scan answers items as DynamoDB stores them ({ S: … }).
    const reads = (await tableItems(runtime)).filter(
      (item) =>
        JSON.stringify(item.action) === JSON.stringify({ S: 'case.read' }) &&
        JSON.stringify(item).includes(caseId),
    );
    expect(reads).toHaveLength(2);
  });

  it('refuses a decision by anyone but the stage, and a request that is not a case', async () => {
    expect((await upt.post(`/v1/cases/${caseId}/decisions`, { decision: 'approve' })).status).toBe(403);
    expect((await camat.post(`/v1/cases/${caseId}/decisions`, { decision: 'approve' })).status).toBe(404);
    expect((await upt.get('/v1/cases/01JDEMA0000000000000000000')).status).toBe(404);
  });
});

describe('the data-subject export', () => {
  it('lists the dropout case of the child it names', async () => {
    const dpo = new ApiClient(
      runtime.url,
      await runtime.issuer.sign({
        username: 'pdp.uji',
        name: 'Petugas PDP',
        role: 'data_protection_officer',
        areas: ['35.10'],
      }),
    );
    const exported = await dpo.post<{ requests: { serviceCode: string }[] }>(
      '/v1/privacy/data-subject-exports',
      { nik: CHILD },
    );
    expect(exported.status).toBe(200);
    expect(exported.body.requests.map((request) => request.serviceCode)).toContain('KASUS-PTS');
  });
});

describe('the case dashboards', () => {
  it("counts the district's open cases by kind for its UPT and the regency's for the poverty unit", async () => {
    const [unit, sawooUnit] = await signInAll(runtime, ['kemiskinan.banyuwangi', 'kemiskinan.ponorogo']);
    type Stats = { cases: number; kinds: { kind: string; open: { total: number } }[] };
    const district = await upt.get<Stats>('/v1/districts/35.10.06/case-statistics');
    expect(district.status).toBe(200);
    const open = Object.fromEntries(district.body.kinds.map((entry) => [entry.kind, entry.open.total]));
    expect(open).toMatchObject({ 'health-access': 1, 'school-dropout': 1, food: 1 });
    expect(JSON.stringify(district.body)).not.toMatch(/[0-9A-HJKMNP-TV-Z]{26}/); // counts only, no case ids
    const regency = await unit.get<Stats>('/v1/regencies/35.10/case-statistics');
    expect(regency.body.cases).toBe(district.body.cases);
    expect((await sawooUpt.get('/v1/districts/35.10.06/case-statistics')).status).toBe(403);
    expect((await upt.get('/v1/regencies/35.10/case-statistics')).status).toBe(403);
    expect((await sawooUnit.get('/v1/regencies/35.10/case-statistics')).status).toBe(403);
  });
});
