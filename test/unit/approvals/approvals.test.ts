import { describe, expect, it } from 'vitest';
import { applyDecision, RESUBMISSION_STAGE, stepAt } from '../../../functions/core/approvals/approvals.js';
import { businessCertificate } from '../../../functions/core/catalog/services/business-certificate.js';
import type { Actor } from '../../../functions/core/identity/roles.js';
import type { ServiceRequest } from '../../../functions/core/requests/requests.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../../functions/core/shared/errors.js';

const TAMPO = '35.10.06.2001';
const now = new Date('2026-11-22T03:00:00Z');
const operator: Actor = { subject: 'op', name: 'Rina', roles: ['operator'], areas: [TAMPO] };
const head: Actor = { subject: 'kades', name: 'Suwebi', roles: ['village_head'], areas: [TAMPO] };
const otherOperator: Actor = { subject: 'op2', name: 'Joko', roles: ['operator'], areas: ['35.02.05.2008'] };

function waitingAt(stageIndex: number): ServiceRequest {
  const stage = businessCertificate.stages[stageIndex];
  return {
    id: '01JDEMO0000000000000000000',
    trackingCode: 'DD-AAAA-BBBB',
    serviceCode: 'SKU',
    villageCode: TAMPO,
    status: 'IN_REVIEW',
    stageIndex,
    applicant: { subject: 'citizen', name: 'Budi' },
    data: {},
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 3,
    awaiting: {
      stageKey: stage?.key ?? '',
      role: stage?.kind === 'decision' ? stage.role : 'operator',
      dueAt: now.toISOString(),
      taskToken: 'token-1',
    },
  };
}

describe('applying a decision to the current stage', () => {
  it("moves an operator's approval on to the village head's stage", () => {
    const result = applyDecision(
      waitingAt(0),
      businessCertificate,
      operator,
      { decision: 'approve', note: '' },
      now,
    );
    expect(result.request).toMatchObject({ status: 'IN_REVIEW', stageIndex: 1, version: 4 });
    expect(result.request.awaiting).toBeUndefined();
    expect(result.step).toEqual(stepAt(businessCertificate, 1, {}));
    expect(result.step).toMatchObject({
      outcome: 'await',
      stage: { index: 1, key: 'sign', role: 'village_head' },
    });
    expect(result.taskToken).toBe('token-1');
    expect(result.event).toMatchObject({
      type: 'DECISION_APPROVE',
      stage: 'verify',
      actor: { role: 'operator' },
    });
  });

  it("approves the request on the village head's approval of the last stage", () => {
    const result = applyDecision(
      waitingAt(1),
      businessCertificate,
      head,
      { decision: 'approve', note: 'ok' },
      now,
    );
    expect(result.request.status).toBe('APPROVED');
    expect(result.step).toEqual({ outcome: 'approved' });
  });

  it('rejects with the reason recorded', () => {
    const result = applyDecision(
      waitingAt(0),
      businessCertificate,
      operator,
      { decision: 'reject', note: 'Bukan warga' },
      now,
    );
    expect(result.request).toMatchObject({
      status: 'REJECTED',
      outcome: { decision: 'reject', note: 'Bukan warga' },
    });
    expect(result.step).toEqual({ outcome: 'closed' });
  });

  it('returns the request to its applicant, to resume at the same stage once corrected', () => {
    const result = applyDecision(
      waitingAt(1),
      businessCertificate,
      head,
      { decision: 'return', note: 'Foto usaha buram' },
      now,
    );
    expect(result.request).toMatchObject({ status: 'RETURNED', stageIndex: 1, returnedFrom: 1 });
    expect(result.step).toMatchObject({
      outcome: 'await',
      stage: { index: 1, key: RESUBMISSION_STAGE, role: 'citizen' },
    });
  });

  it("lets the village secretary act once the village head's stage has been escalated to them", () => {
    const secretary: Actor = {
      subject: 'sekdes',
      name: 'Sekdes',
      roles: ['village_secretary'],
      areas: [TAMPO],
    };
    const waiting = waitingAt(1);
    expect(() =>
      applyDecision(waiting, businessCertificate, secretary, { decision: 'approve', note: '' }, now),
    ).toThrow(ForbiddenError);
    const escalated: ServiceRequest = {
      ...waiting,
      awaiting: {
        ...(waiting.awaiting ?? { stageKey: 'sign', role: 'village_head', dueAt: '', taskToken: 't' }),
        actingRole: 'village_secretary',
      },
    };
    const result = applyDecision(
      escalated,
      businessCertificate,
      secretary,
      { decision: 'approve', note: '' },
      now,
    );
    expect(result.event.actor.role).toBe('village_secretary');
    expect(result.request.status).toBe('APPROVED');
  });

  it('requires a reason to reject or return', () => {
    expect(() =>
      applyDecision(waitingAt(0), businessCertificate, operator, { decision: 'return', note: ' ' }, now),
    ).toThrow(ValidationError);
  });

  it('refuses a decider of the wrong role', () => {
    expect(() =>
      applyDecision(waitingAt(0), businessCertificate, head, { decision: 'approve', note: '' }, now),
    ).toThrow(ForbiddenError);
  });

  it("refuses the right role from another village's staff", () => {
    expect(() =>
      applyDecision(waitingAt(0), businessCertificate, otherOperator, { decision: 'approve', note: '' }, now),
    ).toThrow(ForbiddenError);
  });

  it('refuses a decision when no task is open (already decided, or still routing)', () => {
    const { awaiting: _none, ...routing } = waitingAt(1);
    expect(() =>
      applyDecision(routing, businessCertificate, head, { decision: 'approve', note: '' }, now),
    ).toThrow(ConflictError);
    const approved: ServiceRequest = { ...routing, status: 'APPROVED' };
    expect(() =>
      applyDecision(approved, businessCertificate, head, { decision: 'approve', note: '' }, now),
    ).toThrow(/APPROVED/);
  });

  it('refuses a decision aimed at a stage the request has left', () => {
    expect(() =>
      applyDecision(
        waitingAt(1),
        businessCertificate,
        head,
        { decision: 'approve', note: '', stage: 'verify' },
        now,
      ),
    ).toThrow(/now at stage "sign"/);
  });
});
