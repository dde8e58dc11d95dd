import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAMPO_PEOPLE } from '../../config/population/fixtures.js';
import { findService } from '../../functions/core/catalog/index.js';
import { type RequestState, settled } from '../support/chain.js';
import { TAMPO } from '../support/fixtures.js';
import { ApiClient, signInAll, startTestRuntime, tableItems } from '../support/runtime.js';
import { sampleApplication } from '../support/samples.js';
import { attachAll, requiredRequirements } from '../support/uploads.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

/**
 * The SPM scheme of Banyuwangi's poverty team (seed 002), as a workflow:
 * 1. the poverty team records households by poverty indicators (the shipped synthetic population);
 * 2. the applicant brings documents; 3. the applicant's NIK is entered (here by the operator at the counter);
 * 4. the NIK is matched against population data and BPJS: a mismatch returns the form with the reason;
 * 5. welfare (kesmas) examines it; 6. the letter for free health care is issued.
 */
describe('the poverty declaration (SPM), as the seed describes it', () => {
  let runtime: Runtime;
  let operator: ApiClient;
  let villageHead: ApiClient;
  let kesmas: ApiClient;
  const service = findService('SPM');
  const misnadi = sampleApplication('SPM');

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [operator, villageHead, kesmas] = await signInAll(runtime, [
      'operator.tampo',
      'kades.tampo',
      'kesmas.banyuwangi',
    ]);
  });
  afterAll(() => runtime?.cleanup());

  async function enterAtCounter(data: Record<string, unknown>) {
    const response = await operator.post<RequestState & { trackingCode: string }>('/v1/requests', {
      serviceCode: 'SPM',
      villageCode: TAMPO,
      data,
      attachments: await attachAll(operator, 'SPM', requiredRequirements('SPM')),
      // Assisted channel: the operator records the citizen's consent (a signed form at the counter).
      citizen: { name: String(data.fullName) },
      consent: { method: 'signed-form', recordedAt: new Date().toISOString() },
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function operatorVerifies(id: string) {
    const waiting = await settled(operator, id);
    expect(waiting.stage?.key).toBe(service.stages[0]?.key);
    expect(
      (await operator.post(`/v1/requests/${id}/decisions`, { decision: 'approve', note: 'Berkas lengkap' }))
        .status,
    ).toBe(200);
  }

  it('returns a form whose data does not match the registry, and issues it once corrected', async () => {
    // Steps 2-3: documents and the NIK entered at the counter, with a wrong birth date
    const submitted = await enterAtCounter({ ...misnadi, birthDate: '1962-02-15' });
    await operatorVerifies(submitted.id);

    // Step 4: the registry check does not match → returned to the applicant with the reason
    const returned = await settled(operator, submitted.id);
    expect(returned.status).toBe('RETURNED');
    expect(returned.stage?.key).toBe('resubmission');
    const mismatch = returned.checks?.find((check) => check.outcome === 'mismatch');
    expect(mismatch?.registry).toBe('population');
    expect(mismatch?.reasons[0]?.en).toMatch(/identity as declared .* could not be confirmed/i);
    expect(JSON.stringify(returned.checks)).not.toContain('1962-02-14'); // the registry's value is not leaked

    // The correction continues the same workflow execution from the check
    const corrected = await operator.post<RequestState>(`/v1/requests/${submitted.id}/resubmission`, {
      data: misnadi,
    });
    expect(corrected.status).toBe(200);
    const atHead = await settled(operator, submitted.id);
    expect(atHead.stage?.role).toBe('village_head');
    expect(atHead.checks?.every((check) => check.outcome === 'match')).toBe(true);
    expect(
      (await villageHead.post(`/v1/requests/${submitted.id}/decisions`, { decision: 'approve', note: '' }))
        .status,
    ).toBe(200);

    // Step 5: welfare examines it; step 6: the letter is issued
    const atKesmas = await settled(operator, submitted.id);
    expect(atKesmas.stage?.role).toBe('agency_officer');
    expect(
      (await kesmas.post(`/v1/requests/${submitted.id}/decisions`, { decision: 'approve', note: 'Layak' }))
        .status,
    ).toBe(200);
    const issued = await settled(operator, submitted.id);
    expect(issued.status).toBe('ISSUED');
    expect(issued.events.map((event) => event.type)).toEqual([
      'SUBMITTED',
      'CHECKS_PASSED',
      'STAGE_OPENED',
      'DECISION_APPROVE',
      'CHECK_MISMATCH',
      'STAGE_OPENED',
      'RESUBMITTED',
      'CHECKS_MATCHED',
      'STAGE_OPENED',
      'DECISION_APPROVE',
      'STAGE_OPENED',
      'DECISION_APPROVE',
      'ISSUED',
    ]);
    expect(
      runtime.stepFunctions.listExecutions().filter((execution) => execution.name === submitted.id),
    ).toHaveLength(1);
  });

  const declaring = (person: typeof TAMPO_PEOPLE.insuredPbi) => ({
    ...misnadi,
    nik: person.nik,
    fullName: person.name,
    birthDate: person.birthDate,
    sex: person.sex === 'F' ? 'perempuan' : 'laki-laki',
    familyCardNumber: person.familyCardNumber,
  });

  /** Everything the platform holds or shows about a request: its items (record, events, outbox, log), views. */
  async function everythingAbout(id: string, nik: string, trackingCode: string) {
    const items = (await tableItems(runtime))
      .map((item) => unmarshall(item as Record<string, AttributeValue>))
      .filter((item) => JSON.stringify(item).includes(id));
    const view = await operator.get(`/v1/requests/${id}`);
    const tracked = await new ApiClient(runtime.url).post('/v1/track', {
      trackingCode,
      nikLast6: nik.slice(-6),
    });
    expect(tracked.status).toBe(200);
    return { items, view: view.body, tracked: tracked.body };
  }

  it('returns the form of someone already covered by BPJS: the SPM is for the uninsured', async () => {
    for (const insured of [TAMPO_PEOPLE.insuredClass1, TAMPO_PEOPLE.insuredPbi]) {
      const submitted = await enterAtCounter(declaring(insured));
      await operatorVerifies(submitted.id);
      const returned = await settled(operator, submitted.id);
      expect(returned.status).toBe('RETURNED');
      expect(returned.checks?.find((check) => check.registry === 'bpjs')?.reasons[0]?.en).toMatch(
        /Already covered/,
      );
      // The identity matched, so the applicant learns why the SPM does not apply, but not the register's class
      const all = JSON.stringify(await everythingAbout(submitted.id, insured.nik, submitted.trackingCode));
      expect(all).not.toMatch(/\bPBI\b|kelas [123P]|class [123P]/);
    }
  });

  it("does not tell whoever types a PBI resident's NIK with another name anything about BPJS (registry oracle)", async () => {
    // Prepare: a PBI-covered resident's NIK, birth date and family card, with a wrong name
    const pbi = TAMPO_PEOPLE.insuredPbi;
    const submitted = await enterAtCounter({ ...declaring(pbi), fullName: 'Orang Lain Sekali' });
    // Act
    await operatorVerifies(submitted.id);
    const returned = await settled(operator, submitted.id);
    // Assess: returned for the identity only; BPJS never asked; nothing anywhere speaks of insurance
    expect(returned.status).toBe('RETURNED');
    expect(returned.checks).toEqual([
      expect.objectContaining({ registry: 'population', outcome: 'mismatch', reasons: [expect.anything()] }),
    ]);
    expect(returned.checks?.[0]?.reasons[0]?.en).toMatch(/identity as declared .* could not be confirmed/i);
    const everything = await everythingAbout(submitted.id, pbi.nik, submitted.trackingCode);
    const lookups = everything.items.filter((item) => String(item.sk).startsWith('REGLOG#'));
    expect(lookups.map((item) => item.registry)).toEqual(['population']);
    const told = JSON.stringify({
      ...everything,
      items: everything.items.filter((item) => item !== lookups[0]),
    });
    expect(told).not.toMatch(/PBI|kelas|class|peserta|participant|covered|terjamin/i);
    expect(JSON.stringify(everything.items)).toContain('NOTIFY#'); // the applicant was told, without insurance facts
  });

  it('treats a well-formed but unknown NIK as a registry mismatch, not a server error', async () => {
    const submitted = await enterAtCounter({ ...misnadi, nik: '3510061402629999' });
    await operatorVerifies(submitted.id);
    const returned = await settled(operator, submitted.id);
    expect(returned.status).toBe('RETURNED');
    expect(returned.checks?.find((check) => check.registry === 'population')?.reasons[0]?.en).toMatch(
      /could not be confirmed/i,
    );
    expect(returned.checks?.map((check) => check.registry)).toEqual(['population']);
  });
});
