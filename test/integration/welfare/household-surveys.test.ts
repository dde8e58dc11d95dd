import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heavyTestFile } from '../../support/budgets.js';
import { TAMPO } from '../../support/fixtures.js';
import {
  ApiClient,
  expectNothingWritten,
  signInAll,
  startTestRuntime,
  tableItems,
} from '../../support/runtime.js';
import { sampleSurvey } from '../../support/samples.js';

heavyTestFile();

/**
 * Household surveys of the village poverty team (issue 13, item 1) against the local runtime: recorded once
 * whatever the resends, impossible ones refused by field, read only by the village's own people and audited,
 * and part of the member's data-subject export. No KK or NIK is stored in clear.
 */
type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type Survey = { id: string; household: string; members: { person?: string; name: string }[] };
type ErrorBody = { error: { code: string; issues?: { field: string }[] } };

const PATH = `/v1/villages/${TAMPO}/household-surveys`;
const KK = '3510061002160001';
const MISNADI = '3510061402620001';

let runtime: Runtime;
let enumerator: ApiClient;
let head: ApiClient;
let camat: ApiClient;
let otherEnumerator: ApiClient;
let dpo: ApiClient;

beforeAll(async () => {
  runtime = await startTestRuntime();
  [enumerator, head, camat, otherEnumerator, dpo] = await signInAll(runtime, [
    'enumerator.tampo',
    'kades.tampo',
    'camat.cluring',
    'enumerator.sawoo',
    'dpo.banyuwangi',
  ]);
});
afterAll(() => runtime?.cleanup());

const post = (client: ApiClient, body: unknown, key?: string) =>
  client.send<Survey & ErrorBody>('POST', PATH, JSON.stringify(body), key ? { 'idempotency-key': key } : {});

describe('household surveys', () => {
  it('refuses an impossible survey naming the field, and writes nothing', async () => {
    const survey = sampleSurvey({ withNiks: true });
    const cases: [string, unknown, string][] = [
      ['floor area 0', { ...survey, housing: { ...survey.housing, floorAreaM2: 0 } }, 'housing.floorAreaM2'],
      [
        '7 meals a day',
        { ...survey, consumption: { ...survey.consumption, mealsPerDay: 7 } },
        'consumption.mealsPerDay',
      ],
      [
        'a member aged 150',
        {
          ...survey,
          members: survey.members.map((m, i) => (i === 1 ? { ...m, birthDate: '1876-05-01' } : m)),
        },
        'members.1.birthDate',
      ],
    ];
    for (const [what, body, field] of cases) {
      await expectNothingWritten(runtime, async () => {
        const response = await post(enumerator, body);
        expect(response.status, what).toBe(400);
        expect(
          response.body.error.issues?.map((issue) => issue.field),
          what,
        ).toContain(field);
      });
    }
  });

  it('stores a survey sent three times with one Idempotency-Key once, by pseudonyms only', async () => {
    const survey = sampleSurvey({ withNiks: true });
    const answers = [];
    for (let attempt = 0; attempt < 3; attempt++)
      answers.push(await post(enumerator, survey, 'survey-tampo-0001'));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(answers[2]?.headers.get('idempotent-replayed')).toBe('true');
    const stored = (await tableItems(runtime)).filter((item) => JSON.stringify(item).includes('SURVEY#'));
    expect(stored.filter((item) => JSON.stringify(item).includes('"S#'))).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(KK);
    expect(JSON.stringify(stored)).not.toContain(MISNADI);
  });

  it("is read by the village's own people only, every read audited", async () => {
    const read = await head.get<{ items: Survey[] }>(PATH);
    expect(read.status).toBe(200);
    expect(read.body.items.map((survey) => survey.members[0]?.name)).toContain('Misnadi');
    for (const outsider of [camat, otherEnumerator]) {
      await expectNothingWritten(runtime, async () => {
        expect((await outsider.get(PATH)).status).toBe(403);
      });
    }
    const audits = (await tableItems(runtime)).filter((item) =>
      JSON.stringify(item).includes('household-survey.read'),
    );
    expect(audits.length).toBeGreaterThanOrEqual(1);
  });

  it("is in the member's data-subject export", async () => {
    const exported = await dpo.post<{ householdSurveys: Survey[] }>('/v1/privacy/data-subject-exports', {
      nik: MISNADI,
    });
    expect(exported.status).toBe(200);
    expect(exported.body.householdSurveys).toHaveLength(1);
    expect(exported.body.householdSurveys[0]?.members.map((member) => member.name)).toContain('Misnadi');
  });

  it('counts the village publicly without showing a household, small cells as "< 5"', async () => {
    // Five more households (other family cards), each once: six in all with Misnadi's.
    for (let index = 2; index <= 6; index++) {
      const survey = sampleSurvey();
      const other = { ...survey, familyCardNumber: `351006100216000${index}` };
      expect((await post(enumerator, other, `survey-tampo-000${index}`)).status).toBe(201);
    }
    const anonymous = new ApiClient(runtime.url);
    const stats = await anonymous.get<Record<string, unknown>>(`/v1/villages/${TAMPO}/welfare-statistics`);
    expect(stats.status).toBe(200);
    expect(stats.headers.get('cache-control')).toBe('public, max-age=60');
    expect(stats.body).toMatchObject({
      households: 6,
      programmes: { bpnt: { received: 6, notReceived: 0 } },
    });
    expect(JSON.stringify(stats.body)).not.toMatch(/Misnadi|Sunarti|\d{16}|"household"/);
    expect((await anonymous.get('/v1/villages/99.99.99.9999/welfare-statistics')).status).toBe(404);
  });
});
