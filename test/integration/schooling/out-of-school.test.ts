import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heavyTestFile } from '../../support/budgets.js';
import { SAWOO, TAMPO } from '../../support/fixtures.js';
import { type ApiClient, signInAll, startTestRuntime, tableItems } from '../../support/runtime.js';
import { sampleSurvey } from '../../support/samples.js';

heavyTestFile();

/**
 * Garda Ampuh's list (issue 13, item 3) against the local runtime: the children of 7–18 out of school by the
 * family cards and the poverty team's surveys, Dapodik's re-enrolments marked as back, for the village's
 * own people only, every read audited.
 */
type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
interface Child {
  nik?: string;
  name: string;
  age: number;
  sources: string[];
  backInSchool?: { school: string; since: string };
}
interface List {
  children: Child[];
  counts: { outOfSchool: number; backInSchool: number };
}

const BUDI = '3510062505090001';

let runtime: Runtime;
let enumerator: ApiClient;
let sawooEnumerator: ApiClient;
let camat: ApiClient;

beforeAll(async () => {
  runtime = await startTestRuntime();
  [enumerator, sawooEnumerator, camat] = await signInAll(runtime, [
    'enumerator.tampo',
    'enumerator.sawoo',
    'camat.cluring',
  ]);
});
afterAll(() => runtime?.cleanup());

const listOf = (client: ApiClient, village: string) =>
  client.send<List>('GET', `/v1/villages/${village}/out-of-school-children`);

/** Rusdi's household in Tampo, with Budi (a student on the family card) said to have left school. */
const survey = (surveyedOn: string) => ({
  ...sampleSurvey(),
  familyCardNumber: '3510061106190001',
  surveyedOn,
  members: [
    {
      nik: '3510063107820001',
      name: 'Rusdi',
      birthDate: '1982-07-31',
      relation: 'kepala-keluarga',
      school: 'tidak-sekolah-lagi',
    },
    {
      nik: BUDI,
      name: 'Budi Susanto',
      birthDate: '2009-05-25',
      relation: 'anak',
      school: 'tidak-sekolah-lagi',
    },
    { name: 'Sari', birthDate: '2015-03-03', relation: 'cucu', school: 'tidak-pernah-sekolah' },
  ],
});

describe('children out of school', () => {
  it("lists a village's children out of school by their family card", async () => {
    const response = await listOf(sawooEnumerator, SAWOO);
    expect(response.status).toBe(200);
    expect(response.body.children).toContainEqual(
      expect.objectContaining({ nik: '3502051402100001', name: 'Aditya Wijaya', sources: ['family-card'] }),
    );
    expect(response.body.children.every((child) => child.age >= 7 && child.age <= 18)).toBe(true);
  });

  it('adds those a survey names, and counts a re-enrolment after the survey as back in school', async () => {
    expect((await listOf(enumerator, TAMPO)).body.children).toEqual([]);

    // Surveyed out of school in May; Dapodik has him enrolled since the school year began in July.
    expect(
      (
        await enumerator.send(
          'POST',
          `/v1/villages/${TAMPO}/household-surveys`,
          JSON.stringify(survey('2026-05-10')),
        )
      ).status,
    ).toBe(201);
    const may = (await listOf(enumerator, TAMPO)).body;
    expect(may.children.map((child) => [child.name, child.sources])).toEqual([
      ['Budi Susanto', ['survey']],
      ['Sari', ['survey']],
    ]);
    expect(may.children[0]?.backInSchool).toMatchObject({ since: '2026-07-13' });
    expect(may.counts).toEqual({ outOfSchool: 1, backInSchool: 1 });

    // Surveyed again in November, still out: the July enrolment is stale.
    expect(
      (
        await enumerator.send(
          'POST',
          `/v1/villages/${TAMPO}/household-surveys`,
          JSON.stringify(survey('2026-11-30')),
        )
      ).status,
    ).toBe(201);
    const november = (await listOf(enumerator, TAMPO)).body;
    expect(november.children.find((child) => child.nik === BUDI)?.backInSchool).toBeUndefined();
    expect(november.counts).toEqual({ outOfSchool: 2, backInSchool: 0 });
  });

  it("answers only the village's own people, and audits every read before answering", async () => {
    expect((await listOf(sawooEnumerator, TAMPO)).status).toBe(403);
    expect((await listOf(camat, TAMPO)).status).toBe(403);
    // The table's items come marshalled; the entry lives in the village's survey partition.
    const reads = (await tableItems(runtime))
      .map((item) => JSON.stringify(item))
      .filter((item) => item.includes('out-of-school.read') && item.includes(`SURVEY#${TAMPO}`));
    expect(reads.length).toBeGreaterThanOrEqual(3);
  });
});
