import { describe, expect, it } from 'vitest';
import { advance, WorkflowEnding } from '../../../functions/core/approvals/advance.js';
import { deadlineSeconds, stepAt } from '../../../functions/core/approvals/approvals.js';
import { escalateStage } from '../../../functions/core/approvals/review.js';
import { findService } from '../../../functions/core/catalog/index.js';
import type { ServiceDefinition } from '../../../functions/core/catalog/types.js';
import type { ServiceRequest } from '../../../functions/core/requests/requests.js';
import type { RegistryResult, RequestStore } from '../../../functions/core/shared/ports.js';
import { catalogOf } from '../../support/catalog.js';
import { memoryRequest } from '../../support/memory-request.js';
import { sampleApplication } from '../../support/samples.js';

const NOW = new Date('2026-11-22T03:00:00.000Z');
const ENTERED = new Date('2026-11-22T02:59:59.000Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000).toISOString();

const answer = (outcome: 'match' | 'mismatch', registry: RegistryResult['registry']): RegistryResult => ({
  registry,
  outcome,
  reasons: [],
});

/** What a publication stage was asked to publish, and what it answers (the numbers it drew). */
const published: string[] = [];
const register = {
  publish: async (request: ServiceRequest) => {
    published.push(request.id);
    return { regulationNumber: 4, regulationYear: 2026 };
  },
};

function deps(service: ServiceDefinition, requests: RequestStore, identity: 'match' | 'mismatch' = 'match') {
  return {
    registers: { 'legal-products': register },
    requests,
    catalog: catalogOf([service]),
    notifier: { notify: async () => undefined },
    clock: { now: () => NOW },
    staff: { staffWithRole: async () => [] },
    population: { check: async () => answer(identity, 'population') },
    bpjs: { check: async () => answer('mismatch', 'bpjs') }, // not covered: the SPM goes on
    desil: { check: async () => ({ ...answer('match', 'desil'), desil: 2 }) }, // desil 1–5: the SPM goes on
  };
}

const requestOf = (service: ServiceDefinition, overrides: Partial<ServiceRequest>): ServiceRequest =>
  ({
    id: 'r1',
    trackingCode: 'DD-7K3M-Q9XA',
    serviceCode: service.code,
    villageCode: '35.10.06.2001',
    status: 'SUBMITTED',
    stageIndex: 0,
    applicant: { subject: 'citizen-1', name: 'Budi Santoso' },
    data: sampleApplication(service.code),
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    version: 1,
    ...overrides,
  }) as ServiceRequest;

describe('the stage task (advance)', () => {
  const sku = findService('SKU');
  const spm = findService('SPM');

  it('starts a new request and opens its first stage, due from when the workflow armed the timer', async () => {
    // Prepare
    const { requests, writes, current } = memoryRequest(requestOf(sku, {}));
    const first = stepAt(sku, 0, {});
    if (first.outcome !== 'await') throw new Error('SKU starts with a decision');
    // Act
    await advance(deps(sku, requests), 'r1', first.stage, 'token-1', ENTERED);
    // Assess: the start's check and the opening, with the token and the due time of the armed timer
    expect(writes.map((write) => write.event?.type)).toEqual(['CHECKS_PASSED', 'STAGE_OPENED']);
    expect(current().awaiting).toMatchObject({
      stageKey: 'verify',
      role: 'operator',
      taskToken: 'token-1',
      dueAt: new Date(ENTERED.getTime() + first.stage.deadlineSeconds * 1000).toISOString(),
    });
  });

  it('runs a check stage on the way and opens the decision stage after it', async () => {
    // Prepare: the SPM after the operator's approval, at its registry check
    const { requests, writes, current } = memoryRequest(
      requestOf(spm, { status: 'CHECKING', stageIndex: 1 }),
    );
    const armed = stepAt(spm, 1, {});
    if (armed.outcome !== 'check') throw new Error('SPM stage 1 is a check');
    // Act
    await advance(deps(spm, requests), 'r1', armed.stage, 'token-2', ENTERED);
    // Assess: the check passed and the village head's stage opened, due as the timer was armed
    expect(writes.map((write) => write.event?.type)).toEqual(['CHECKS_MATCHED', 'STAGE_OPENED']);
    expect(current()).toMatchObject({ status: 'IN_REVIEW', stageIndex: 2 });
    expect(current().awaiting?.stageKey).toBe('sign');
    expect(armed.stage.deadlineSeconds).toBe(deadlineSeconds(2));
    expect(current().awaiting?.dueAt).toBe(
      new Date(ENTERED.getTime() + deadlineSeconds(2) * 1000).toISOString(),
    );
  });

  it("returns a request whose identity does not match and awaits the applicant's correction", async () => {
    const { requests, current } = memoryRequest(requestOf(spm, { status: 'CHECKING', stageIndex: 1 }));
    const armed = stepAt(spm, 1, {});
    if (armed.outcome !== 'check') throw new Error('SPM stage 1 is a check');
    await advance(deps(spm, requests, 'mismatch'), 'r1', armed.stage, 'token-2', ENTERED);
    expect(current()).toMatchObject({ status: 'RETURNED', returnedFrom: 1 });
    // The correction's own deadline (14 days), later than the timer: EscalateStage re-arms for the rest.
    expect(Date.parse(current().awaiting?.dueAt ?? '')).toBe(
      ENTERED.getTime() + deadlineSeconds(14 * 24) * 1000,
    );
  });

  it('keeps the stand-in of an escalated stage when re-armed for the same stage', async () => {
    const { requests, current } = memoryRequest(
      requestOf(sku, { status: 'IN_REVIEW', stageIndex: 1, version: 5 }),
    );
    const armed = { index: 1, key: 'sign', deadlineSeconds: 60, actingRole: 'village_secretary' } as const;
    await advance(deps(sku, requests), 'r1', armed, 'token-3', ENTERED);
    expect(current().awaiting).toMatchObject({
      stageKey: 'sign',
      actingRole: 'village_secretary',
      dueAt: new Date(ENTERED.getTime() + 60_000).toISOString(),
    });
  });

  it('ends the wait with the named error of a request that needs no one any more', async () => {
    const armed = { index: 1, key: 'sign', deadlineSeconds: 60 };
    for (const [status, name] of [
      ['APPROVED', 'Approval.Complete'],
      ['REJECTED', 'Approval.Closed'],
      ['EXPIRED', 'Approval.Closed'],
    ] as const) {
      const { requests, writes } = memoryRequest(requestOf(sku, { status, stageIndex: 1 }));
      const ended = advance(deps(sku, requests), 'r1', armed, 'token-4', ENTERED);
      await expect(ended).rejects.toBeInstanceOf(WorkflowEnding);
      await expect(ended).rejects.toMatchObject({ name });
      expect(writes).toEqual([]);
    }
  });
});

describe('the stage task on a legal product (conditional stages, publication)', () => {
  const perdes = findService('PERDES');
  const kepkades = findService('KEPKADES');

  it('passes over the camat for a Peraturan Desa whose topic needs no evaluation, and waits for the camat when it does', async () => {
    for (const [topic, expected] of [
      ['lainnya', 'enactment'],
      ['apbdes', 'district-evaluation'],
    ] as const) {
      const { current } = memoryRequest(
        requestOf(perdes, {
          status: 'IN_REVIEW',
          stageIndex: 1,
          version: 4,
          data: { ...sampleApplication('PERDES'), topic },
          records: { 'bpd-agreement': { bpdAgreementDate: '2026-11-20', bpdAgreementNumber: '1/BPD' } },
        }),
      );
      // The BPD stage's approval routed by the same rule (stepAt): the decision API writes that index.
      const next = stepAt(perdes, 1, current().data);
      if (next.outcome !== 'await') throw new Error('a decision stage follows');
      expect(next.stage.key).toBe(expected);
      const { requests: routed, current: now } = memoryRequest({
        ...current(),
        stageIndex: next.stage.index,
      });
      await advance(deps(perdes, routed), 'r1', next.stage, 'token-7', ENTERED);
      expect(now().awaiting).toMatchObject({ stageKey: expected, role: next.stage.role });
    }
  });

  it('publishes a decree once the village head set it, keeps what the register drew, and ends as approved', async () => {
    published.length = 0;
    const { requests, current } = memoryRequest(
      requestOf(kepkades, {
        status: 'CHECKING',
        stageIndex: 1,
        version: 6,
        data: sampleApplication('KEPKADES'),
      }),
    );
    const ended = advance(
      deps(kepkades, requests),
      'r1',
      { index: 1, key: 'publication', deadlineSeconds: 60 },
      't',
      ENTERED,
    );
    await expect(ended).rejects.toMatchObject({ name: 'Approval.Complete' });
    expect(published).toEqual(['r1']);
    expect(current()).toMatchObject({
      status: 'APPROVED',
      stageIndex: 2,
      records: { publication: { regulationNumber: 4, regulationYear: 2026 } },
    });
  });
});

describe("the stage task's timer (escalateStage)", () => {
  const sku = findService('SKU');
  const waiting = (dueInSeconds: number, actingRole?: 'village_secretary') =>
    requestOf(sku, {
      status: 'IN_REVIEW',
      stageIndex: 1,
      version: 4,
      awaiting: {
        stageKey: 'sign',
        role: 'village_head',
        dueAt: at(dueInSeconds),
        taskToken: 'token-1',
        ...(actingRole ? { actingRole } : {}),
      },
    });

  it('re-arms a timer that woke early for the time left, writing nothing', async () => {
    const { requests, writes } = memoryRequest(waiting(3600));
    const step = await escalateStage(deps(sku, requests), 'r1');
    expect(step).toMatchObject({ outcome: 'await', stage: { key: 'sign', deadlineSeconds: 3600 } });
    expect(writes).toEqual([]);
  });

  it('hands a due stage to its stand-in once, then records each further deadline as overdue', async () => {
    const first = memoryRequest(waiting(0));
    const escalated = await escalateStage(deps(sku, first.requests), 'r1');
    expect(escalated).toMatchObject({ outcome: 'await', stage: { actingRole: 'village_secretary' } });
    expect(first.writes.map((write) => write.event?.type)).toEqual(['ESCALATED']);

    const again = memoryRequest(waiting(0, 'village_secretary'));
    const overdue = await escalateStage(deps(sku, again.requests), 'r1');
    expect(overdue).toMatchObject({ outcome: 'await', stage: { actingRole: 'village_secretary' } });
    expect(again.writes.map((write) => write.event?.type)).toEqual(['STAGE_OVERDUE']);
  });

  it('routes on a request that moved on while the timer ran, without an escalation', async () => {
    const { requests, writes } = memoryRequest(requestOf(sku, { status: 'APPROVED', stageIndex: 2 }));
    expect(await escalateStage(deps(sku, requests), 'r1')).toEqual({ outcome: 'approved' });
    expect(writes).toEqual([]);
  });

  it('expires a correction the applicant never sent', async () => {
    const { requests, current } = memoryRequest(
      requestOf(sku, {
        status: 'RETURNED',
        stageIndex: 0,
        returnedFrom: 0,
        awaiting: { stageKey: 'resubmission', role: 'citizen', dueAt: at(0), taskToken: 'token-1' },
      }),
    );
    expect(await escalateStage(deps(sku, requests), 'r1')).toEqual({ outcome: 'closed' });
    expect(current().status).toBe('EXPIRED');
  });
});
