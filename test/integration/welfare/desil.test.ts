import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDesilCsv, desilOfHousehold } from '../../../config/population/desil.js';
import { shippedPopulation } from '../../../functions/adapters/registries/population-data.js';
import { heavyTestFile } from '../../support/budgets.js';
import { type RequestState, settled } from '../../support/chain.js';
import { TAMPO } from '../../support/fixtures.js';
import {
  type ApiClient,
  expectNothingWritten,
  signInAll,
  startTestRuntime,
  tableItems,
} from '../../support/runtime.js';
import { sampleApplication } from '../../support/samples.js';
import { attachAll, requiredRequirements } from '../../support/uploads.js';

heavyTestFile();

/**
 * The DTSEN desil ranking (issue 13, item 1) against the local runtime: npm start's seed imports the synthetic
 * file of each demo regency, the SPM's check asks it, and the regency admin replaces it with a CSV upload.
 */
type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type ErrorBody = { error: { code: string; issues?: { field: string }[] } };

const BANYUWANGI = '35.10';
const PATH = `/v1/regencies/${BANYUWANGI}/desil`;

/** A Tampo resident not covered by BPJS whose household the synthetic ranking puts in desil 8. */
const [galih] = [...shippedPopulation().values()].filter(
  ({ resident, household }) =>
    household.villageCode === TAMPO &&
    resident.status === 'alive' &&
    resident.bpjs === 'none' &&
    desilOfHousehold(household) === 8,
);
if (!galih) throw new Error('the synthetic population has no uninsured Tampo resident in desil 8');
const desil8 = {
  ...sampleApplication('SPM'),
  nik: galih.resident.nik,
  fullName: galih.resident.name,
  birthDate: galih.resident.birthDate,
  sex: galih.resident.sex === 'F' ? 'perempuan' : 'laki-laki',
  familyCardNumber: galih.household.familyCardNumber,
};

let runtime: Runtime;
let admin: ApiClient;
let otherAdmin: ApiClient;
let operator: ApiClient;

beforeAll(async () => {
  runtime = await startTestRuntime();
  [admin, otherAdmin, operator] = await signInAll(runtime, [
    'admin.banyuwangi',
    'admin.ponorogo',
    'operator.tampo',
  ]);
});
afterAll(() => runtime?.cleanup());

const putCsv = (client: ApiClient, csv: string) =>
  client.send<ErrorBody & Record<string, unknown>>('PUT', PATH, csv, { 'content-type': 'text/csv' });

/** An SPM entered at Tampo's counter and verified by the operator: what the registry check made of it. */
async function spmThroughCheck(data: Record<string, unknown>): Promise<RequestState> {
  const submitted = await operator.post<RequestState>('/v1/requests', {
    serviceCode: 'SPM',
    villageCode: TAMPO,
    data,
    attachments: await attachAll(operator, 'SPM', requiredRequirements('SPM')),
    citizen: { name: String(data.fullName) },
    consent: { method: 'signed-form', recordedAt: new Date().toISOString() },
  });
  expect(submitted.status).toBe(201);
  await settled(operator, submitted.body.id);
  const decided = await operator.post(`/v1/requests/${submitted.body.id}/decisions`, {
    decision: 'approve',
    note: 'Berkas lengkap',
  });
  expect(decided.status).toBe(200);
  return settled(operator, submitted.body.id);
}

describe('the DTSEN desil ranking and the SPM', () => {
  it('refuses a bad file naming the row and column, and writes nothing', async () => {
    const unknownNik = `nik,desil\n${galih.resident.nik},3\n3510069999990009,2`;
    const cases: [string, string, string][] = [
      ['a NIK not in the regency', unknownNik, 'row 3, column nik'],
      ['a desil of 11', `nik,desil\n${galih.resident.nik},11`, 'row 2, column desil'],
      ['a missing column', `nik\n${galih.resident.nik}`, 'row 1, column desil'],
    ];
    for (const [what, csv, field] of cases) {
      await expectNothingWritten(runtime, async () => {
        const response = await putCsv(admin, csv);
        expect(response.status, what).toBe(400);
        expect(
          response.body.error.issues?.map((issue) => issue.field),
          what,
        ).toContain(field);
        expect(JSON.stringify(response.body), what).not.toContain(galih.resident.nik);
      });
    }
    await expectNothingWritten(runtime, async () => {
      expect((await putCsv(otherAdmin, demoDesilCsv(BANYUWANGI))).status).toBe(403);
    });
  });

  it('passes an SPM applicant whose household is in desil 1–5 (the seeded ranking)', async () => {
    const checked = await spmThroughCheck(sampleApplication('SPM'));
    expect(checked.stage?.role).toBe('village_head');
    expect(checked.checks?.map((check) => [check.registry, check.outcome])).toEqual([
      ['population', 'match'],
      ['bpjs', 'match'],
      ['desil', 'match'],
    ]);
  });

  it('returns one in desil 8 without telling them their desil, anywhere', async () => {
    const returned = await spmThroughCheck(desil8);
    expect(returned.status).toBe('RETURNED');
    const desil = returned.checks?.find((check) => check.registry === 'desil');
    expect(desil?.outcome).toBe('mismatch');
    expect(JSON.stringify(desil?.reasons)).not.toMatch(/\d/);
    expect(desil?.reasons[0]?.en).toMatch(/not in the target group .*DTSEN/);
    const stored = (await tableItems(runtime)).filter((item) => JSON.stringify(item).includes(returned.id));
    expect(JSON.stringify(stored)).not.toMatch(/desil\W{1,6}8|"desil":\{"N":"8"\}/i);
  });

  it('takes a re-import at once: the previous ranking no longer counts', async () => {
    const raised = demoDesilCsv(BANYUWANGI)
      .split('\n')
      .map((line) => (line.startsWith(galih.resident.nik) ? `${galih.resident.nik},4` : line))
      .join('\n');
    const imported = await putCsv(admin, raised);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ regencyCode: BANYUWANGI, importedBy: expect.any(String) });
    const checked = await spmThroughCheck(desil8);
    expect(checked.stage?.role).toBe('village_head');
    expect(checked.checks?.find((check) => check.registry === 'desil')?.outcome).toBe('match');
    const rows = (await tableItems(runtime)).filter((item) =>
      JSON.stringify(item).includes(`DESIL#${BANYUWANGI}#`),
    );
    expect(JSON.stringify(rows)).not.toContain(galih.resident.nik);
  });
});
