import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findService } from '../../functions/core/catalog/index.js';
import { type RequestState, settled, submit } from '../support/chain.js';
import { TAMPO } from '../support/fixtures.js';
import { type ApiClient, eventually, signInAll, startTestRuntime } from '../support/runtime.js';
import { sampleApplication } from '../support/samples.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

/** Stage deadlines, made short locally: 1 hour of deadline passes in half a second. */
const DEADLINE_SCALE = 1 / 7200;

describe('a stage that passes its deadline', () => {
  let runtime: Runtime;
  let citizen: ApiClient;
  let operator: ApiClient;
  let secretary: ApiClient;

  beforeAll(async () => {
    runtime = await startTestRuntime(undefined, { deadlineScale: DEADLINE_SCALE });
    [citizen, operator, secretary] = await signInAll(runtime, [
      'warga.tampo',
      'operator.tampo',
      'sekdes.tampo',
    ]);
  });
  afterAll(() => runtime?.cleanup());

  /** A decision can meet a deadline firing at the same moment (409): the decider simply tries again. */
  async function decide(client: ApiClient, id: string) {
    return eventually('the decision to be taken', async () => {
      const response = await client.post(`/v1/requests/${id}/decisions`, {
        decision: 'approve',
        note: 'Atas nama Kepala Desa',
      });
      if (response.status === 409) return undefined;
      return response;
    });
  }

  it('escalates the absent village head to the village secretary, who then signs on their behalf', async () => {
    // Prepare: the operator verifies at once; the village head does nothing
    const service = findService('SKU');
    const submitted = await submit(citizen, service, TAMPO, { ...sampleApplication('SKU') });
    await settled(operator, submitted.id);
    expect((await decide(operator, submitted.id)).status).toBe(200);

    // Act: the village head's deadline (8 h, scaled) passes
    const escalated = await eventually('the escalation', async () => {
      const { body } = await citizen.get<RequestState>(`/v1/requests/${submitted.id}`);
      return body.stage?.actingRole === 'village_secretary' && body.stage.dueAt ? body : undefined;
    });
    expect(escalated.events.map((event) => event.type)).toContain('ESCALATED');
    expect(escalated.status).toBe('IN_REVIEW');
    const staffView = await secretary.get<{ items: { audience: { kind: string; role?: string } }[] }>(
      `/v1/requests/${submitted.id}/notifications`,
    );
    expect(staffView.body.items.some((item) => item.audience.role === 'village_secretary')).toBe(true);

    // Assess: the secretary may now decide, and signs "a.n." (on behalf of) the village head
    expect((await decide(secretary, submitted.id)).status).toBe(200);
    const issued = await eventually('the document', async () => {
      const { body } = await citizen.get<RequestState>(`/v1/requests/${submitted.id}`);
      return body.status === 'ISSUED' ? body : undefined;
    });
    const verification = await citizen.get<{ signer: { name: string; title: string } }>(
      `/v1/verify/${issued.document?.documentId}`,
    );
    expect(verification.body.signer).toEqual({
      name: 'Hadi Sekretaris Tampo',
      title: 'a.n. Kepala Desa Tampo, Sekretaris Desa',
    });
  });
});
