import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAMPO } from '../support/fixtures.js';
import { type ApiClient, eventually, signInAll, startTestRuntime } from '../support/runtime.js';
import { sampleSurvey } from '../support/samples.js';
import { SAMPLE_PNG, upload } from '../support/uploads.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

interface Child {
  nik?: string;
  name: string;
  sources: string[];
  followUp?: { caseId: string; status: string; backInSchool?: { school: string; on: string } };
}
interface List {
  children: Child[];
  counts: { outOfSchool: number; backInSchool: number };
  years: { year: number; villageCode: string; followed: number; backInSchool: number }[];
}
interface CaseBody {
  id: string;
  status: string;
  stage?: { key: string; dueAt?: string };
}

/** Budi Susanto of Tampo: a student on his family card, found out of school by the poverty team's survey. */
const BUDI = '3510062505090001';

/**
 * Children back to school (issue 13, item 3; Garda Ampuh), end to end: a child the survey finds out of school
 * is on the village's list, a teacher opens a school-dropout case for him, the village verifies, the UPT of
 * Cluring refers him to Dinas Pendidikan, which visits and records him back in school with the school's
 * name; the list and the sub-district's counts then show him back.
 */
describe('a child out of school, found, followed and back in school', () => {
  let runtime: Runtime;
  let enumerator: ApiClient;
  let guru: ApiClient;
  let secretary: ApiClient;
  let upt: ApiClient;
  let dindik: ApiClient;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [enumerator, guru, secretary, upt, dindik] = await signInAll(runtime, [
      'enumerator.tampo',
      'guru.tampo',
      'sekdes.tampo',
      'upt.cluring',
      'dindik.banyuwangi',
    ]);
  });
  afterAll(() => runtime?.cleanup());

  const listOf = async (client: ApiClient) =>
    (await client.get<List>(`/v1/villages/${TAMPO}/out-of-school-children`)).body;

  /** Each stage opens a moment after the last decision: wait for it, then decide. */
  const decideAt = async (client: ApiClient, id: string, stage: string, body: Record<string, unknown>) => {
    await eventually(`the ${stage} stage`, async () => {
      const read = await client.get<CaseBody>(`/v1/cases/${id}`);
      return read.body.stage?.key === stage && read.body.stage.dueAt ? true : undefined;
    });
    const decided = await client.post(`/v1/cases/${id}/decisions`, body);
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  };

  it('lists the child, follows him as a case, and counts him back in school', async () => {
    // Prepare: the poverty team's survey of Rusdi's household says Budi left school
    const surveyed = await enumerator.post(`/v1/villages/${TAMPO}/household-surveys`, {
      ...sampleSurvey(),
      familyCardNumber: '3510061106190001',
      surveyedOn: '2026-11-30',
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
      ],
    });
    expect(surveyed.status).toBe(201);

    // Act 1: the teacher finds him on the list and opens a school-dropout case
    const found = (await listOf(guru)).children.find((child) => child.nik === BUDI);
    expect(found).toMatchObject({ name: 'Budi Susanto', sources: ['survey'] });
    expect(found?.followUp).toBeUndefined();
    const reported = await guru.post<CaseBody>('/v1/cases', {
      kind: 'school-dropout',
      villageCode: TAMPO,
      summary: 'Budi berhenti sekolah di kelas 11 untuk membantu orang tua berdagang.',
      reason: 'bekerja',
      child: { nik: BUDI },
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    const id = reported.body.id;
    expect((await listOf(guru)).children.find((child) => child.nik === BUDI)?.followUp).toMatchObject({
      caseId: id,
    });

    // Act 2: the village verifies, the UPT refers him to Dindik, Dindik visits and he is back in school
    await decideAt(secretary, id, 'village-verification', {
      decision: 'approve',
      note: 'Dikunjungi bersama guru',
    });
    await decideAt(upt, id, 'upt-response', {
      decision: 'approve',
      records: { referTo: 'dindik', assessment: 'Perlu bantuan transport dan pendampingan kembali ke SMA.' },
    });
    const evidence = await upload(dindik, 'KASUS-PTS', 'bukti-dindik', SAMPLE_PNG, 'image/png', TAMPO);
    await decideAt(dindik, id, 'resolution-dindik', {
      decision: 'approve',
      records: {
        visitDate: '2026-12-02',
        support: 'kembali-sekolah',
        schoolName: 'SMA Negeri 1 Cluring',
        outcome: 'tertangani',
      },
      attachments: [{ requirementCode: 'bukti-dindik', uploadId: evidence }],
    });

    // Assess: the list shows him back, and the village's and the sub-district's counts agree
    const after = await eventually('the case closed', async () => {
      const list = await listOf(enumerator);
      const budi = list.children.find((child) => child.nik === BUDI);
      return budi?.followUp?.status === 'ISSUED' ? { list, budi } : undefined;
    });
    expect(after.budi.followUp?.backInSchool).toEqual({ school: 'SMA Negeri 1 Cluring', on: '2026-12-02' });
    expect(after.list.counts.backInSchool).toBeGreaterThanOrEqual(1);
    const year = { year: 2026, villageCode: TAMPO, followed: 1, backInSchool: 1 };
    expect(after.list.years).toEqual([year]);
    const district = await upt.get<{ schoolDropouts: unknown[] }>('/v1/districts/35.10.06/case-statistics');
    expect(district.body.schoolDropouts).toEqual([year]);
  });
});
