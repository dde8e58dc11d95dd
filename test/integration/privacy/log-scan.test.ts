import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findService } from '../../../functions/core/catalog/index.js';
import { WORKFLOW_TASKS } from '../../../functions/workflow/tasks.js';
import { type ReliabilityRuntime, startRuntime } from '../../reliability/support.js';
import { type RequestState, settled } from '../../support/chain.js';
import { TAMPO } from '../../support/fixtures.js';
import { capturedSince, captureMark } from '../../support/log-capture.js';
import { hasNikLike, hideNikLike } from '../../support/log-scan.js';
import { type ApiClient, settledTable, signInAll } from '../../support/runtime.js';
import { SAMPLE_APPLICATIONS, sampleSurvey } from '../../support/samples.js';
import { attachAll, requiredRequirements } from '../../support/uploads.js';

/**
 * Issue 4, item 6: no NIK or family-card number in any log line. A whole life of a poverty declaration runs
 * with NIKs everywhere they can go — a registry mismatch, a correction, decisions whose notes quote the NIK,
 * bad input carrying NIKs in the wrong places, a server error in the API and a failing workflow step —
 * and every line this worker wrote meanwhile (the API's and the workflow's logs, the local runtime's) is
 * scanned. The global setup (test/support/log-scan.ts) scans the whole run again at its end.
 */
const misnadi = SAMPLE_APPLICATIONS.SPM;
const NIK = misnadi.nik;
const KK = misnadi.familyCardNumber;
const service = findService('SPM');

describe('no NIK or KK in any log line, through a whole flow with NIKs everywhere', () => {
  let runtime: ReliabilityRuntime;
  let citizen: ApiClient;
  let operator: ApiClient;
  let villageHead: ApiClient;
  let kesmas: ApiClient;
  let regencyAdmin: ApiClient;
  let enumerator: ApiClient;
  let teacher: ApiClient;
  let secretary: ApiClient;
  let mark: number;
  const responses: { what: string; status: number; body: unknown }[] = [];

  const proxy = () => {
    const dynamodb = runtime.proxies?.dynamodb;
    if (!dynamodb) throw new Error('the runtime was started without proxies');
    return dynamodb;
  };

  const submitSpm = async (data: Record<string, unknown>) =>
    citizen.post<RequestState>('/v1/requests', {
      serviceCode: 'SPM',
      villageCode: TAMPO,
      data,
      attachments: await attachAll(citizen, 'SPM', requiredRequirements('SPM')),
    });

  beforeAll(async () => {
    runtime = await startRuntime({ proxies: true });
    [citizen, operator, villageHead, kesmas, regencyAdmin, enumerator, teacher, secretary] = await signInAll(
      runtime,
      [
        'warga.tampo',
        'operator.tampo',
        'kades.tampo',
        'kesmas.banyuwangi',
        'admin.banyuwangi',
        'enumerator.tampo',
        'guru.tampo',
        'sekdes.tampo',
      ],
    );
    mark = captureMark();

    // A mismatch: the wrong birth date; the operator's note quotes the NIK and the KK.
    const submitted = await submitSpm({ ...misnadi, birthDate: '1962-02-15' });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    await settled(operator, id);
    // The stage task that opened this stage may still be writing its reminders: let it finish, or it would
    // take faults meant for the check (the same function runs both).
    await settledTable(runtime);
    // The registry's access log cannot be written: the check step fails, is logged and retried. Eight faults
    // outlast the SDK's own attempts for both lookups (population and BPJS run at once).
    proxy().inject({
      rate: 1,
      times: 8,
      operations: ['PutItem'],
      callers: (caller) => caller === WORKFLOW_TASKS.AwaitDecision.entry, // where registry checks run
      faults: ['InternalServerError'],
    });
    const verify = await operator.post(`/v1/requests/${id}/decisions`, {
      decision: 'approve',
      note: `NIK ${NIK} dan KK ${KK} sesuai KTP`,
    });
    expect(verify.status).toBe(200);

    const returned = await settled(operator, id);
    proxy().inject(undefined);
    expect(returned.status).toBe('RETURNED');

    // The correction, then every approval, each note quoting the NIK in another shape.
    const corrected = await citizen.post(`/v1/requests/${id}/resubmission`, { data: { ...misnadi } });
    expect(corrected.status).toBe(200);
    await settled(operator, id);
    expect(
      (
        await villageHead.post(`/v1/requests/${id}/decisions`, {
          decision: 'approve',
          note: `Disetujui untuk ${NIK.replace(/(\d{4})(?=\d)/g, '$1 ')}`,
        })
      ).status,
    ).toBe(200);
    await settled(operator, id);
    expect(
      (await kesmas.post(`/v1/requests/${id}/decisions`, { decision: 'approve', note: `Layak (${NIK})` }))
        .status,
    ).toBe(200);
    const issued = await settled(operator, id);
    expect(issued.status).toBe('ISSUED');

    // Bad input: NIKs in the wrong fields, as field names, as numbers, in a path, a query and broken JSON.
    const bad: [string, () => Promise<{ status: number; body: unknown }>][] = [
      ['NIK as a birth date', () => submitSpm({ ...misnadi, birthDate: NIK })],
      ['NIK as a field name', () => submitSpm({ ...misnadi, [NIK]: KK })],
      ['NIK as a number', () => submitSpm({ ...misnadi, nik: Number(NIK), rt: Number(KK) })],
      ['KK in the NIK field', () => submitSpm({ ...misnadi, nik: `${KK}9` })],
      [
        'NIK as the village',
        () => citizen.post('/v1/requests', { serviceCode: 'SPM', villageCode: NIK, data: misnadi }),
      ],
      ['NIK as a request id', () => operator.get(`/v1/requests/${NIK}`)],
      ['NIK as a query', () => operator.get(`/v1/requests?village=${NIK}&status=${KK}`)],
      ['broken JSON', () => citizen.post('/v1/requests', `{"nik": "${NIK}", `)],
      [
        'NIK in the resubmission of another',
        () => citizen.post(`/v1/requests/${id}/resubmission`, { [NIK]: 1 }),
      ],
    ];
    // The DTSEN desil file (issue 13): a file of NIKs, refused for a bad desil, a duplicate and an unknown NIK.
    const desilFile = (rows: string) => regencyAdmin.send('PUT', '/v1/regencies/35.10/desil', rows, csv);
    const csv = { 'content-type': 'text/csv' };
    bad.push(
      ['a desil file with a bad desil', () => desilFile(`nik,desil\n${NIK},11\n${KK},2`)],
      ['a desil file with a NIK twice', () => desilFile(`nik,desil\n${NIK},1\n${NIK},2`)],
      ['a desil file with an unknown NIK', () => desilFile(`nik,desil\n${NIK},1\n${KK},2`)],
    );
    // A household survey (issue 13) carries the KK and every member's NIK: recorded once, then refused as impossible.
    const surveys = `/v1/villages/${TAMPO}/household-surveys`;
    const survey = sampleSurvey({ withNiks: true });
    expect((await enumerator.post(surveys, survey, { 'idempotency-key': 'log-scan-survey-1' })).status).toBe(
      201,
    );
    bad.push([
      'an impossible household survey',
      () => enumerator.post(surveys, { ...survey, housing: { ...survey.housing, floorAreaM2: 0 } }),
    ]);
    // Garda Ampuh's list answers the children's NIKs in its body (for reporting a case): never in a log line.
    const outOfSchool = await enumerator.get<{ children: { nik?: string }[] }>(
      `/v1/villages/${TAMPO}/out-of-school-children`,
    );
    expect(outOfSchool.status).toBe(200);
    // The musdes verification compiles the surveys into a berita acara (names and hamlets only); a hamlet
    // that is a NIK finds no surveys and is not repeated back.
    const musdes = `/v1/villages/${TAMPO}/musdes-verifications`;
    expect((await enumerator.post(musdes, {}, { 'idempotency-key': 'log-scan-musdes-1' })).status).toBe(201);
    bad.push([
      'a musdes verification of a hamlet named by a NIK',
      () => enumerator.post(musdes, { hamlet: NIK }),
    ]);
    // A welfare case (issue 13): a dropout child named by NIK, verified with the NIK in the note; refused for
    // an adult named as the child, and for a NIK as a case id.
    const dropout = {
      kind: 'school-dropout',
      villageCode: TAMPO,
      summary: 'Anak berhenti sekolah untuk membantu di sawah.',
      reason: 'bekerja',
    };
    const CHILD = '3510061503120001';
    const reported = await teacher.post<RequestState>(
      '/v1/cases',
      { ...dropout, child: { nik: CHILD } },
      { 'idempotency-key': 'log-scan-case-1' },
    );
    expect(reported.status).toBe(201);
    await settled(secretary, reported.body.id);
    const verified = await secretary.post(`/v1/cases/${reported.body.id}/decisions`, {
      decision: 'approve',
      note: `Anak ${CHILD} sudah dikunjungi`,
    });
    expect(verified.status).toBe(200);
    bad.push(
      [
        'a dropout case naming an adult',
        () => teacher.post('/v1/cases', { ...dropout, child: { nik: NIK } }),
      ],
      ['NIK as a case id', () => secretary.get(`/v1/cases/${NIK}`)],
    );
    for (const [what, send] of bad) {
      const response = await send();
      responses.push({ what, status: response.status, body: response.body });
    }

    // A server error in the API while a NIK is in the request body.
    proxy().inject({
      rate: 1,
      operations: ['TransactWriteItems'],
      callers: (caller) => caller === 'functions/api/submit-request.ts',
      faults: ['InternalServerError'],
    });
    const failed = await submitSpm({ ...misnadi });
    proxy().inject(undefined);
    responses.push({ what: 'a server error', status: failed.status, body: failed.body });
  });
  afterAll(() => runtime?.cleanup());

  it('refused the bad input and answered the server error without echoing a NIK', () => {
    for (const response of responses) {
      expect(response.status, response.what).toBeGreaterThanOrEqual(400);
      expect(hasNikLike(JSON.stringify(response.body)), response.what).toBe(false);
      expect(JSON.stringify(response.body), response.what).not.toContain(NIK);
    }
    expect(responses.find((response) => response.what === 'a server error')?.status).toBe(500);
  });

  it("captured the application's own log lines (the check is not vacuous)", () => {
    const lines = capturedSince(mark);
    expect(lines.some((line) => line.includes('Unhandled error'))).toBe(true);
    expect(lines.some((line) => line.includes('Workflow task failed'))).toBe(true);
  });

  it('wrote no NIK-like number in any line', () => {
    const leaks = capturedSince(mark).filter(hasNikLike).map(hideNikLike);
    expect(leaks).toEqual([]);
  });

  it('kept the service under test honest: the flow went through the registry check', () => {
    expect(service.stages.some((stage) => stage.kind === 'check')).toBe(true);
  });
});
