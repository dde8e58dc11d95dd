import { describe, expect, it } from 'vitest';
import { findService } from '../../../functions/core/catalog/index.js';
import {
  applicantNik,
  canSeeRequest,
  consentRequired,
  mayBeCounterSubmissionFor,
  submissionChannel,
} from '../../../functions/core/identity/policy.js';
import type { Actor } from '../../../functions/core/identity/roles.js';
import type { ServiceRequest } from '../../../functions/core/requests/requests.js';
import { normaliseTrackingCode } from '../../../functions/core/requests/tracking.js';
import { TAMPO, validBusinessApplication } from '../../support/fixtures.js';

const sku = findService('SKU');
const citizen: Actor = { subject: 'citizen-1', name: 'Siti', roles: ['citizen'], areas: [] };
const operator: Actor = { subject: 'operator-1', name: 'Rina', roles: ['operator'], areas: [TAMPO] };
const NIK = validBusinessApplication.nik;

const counterSubmission = (channel: 'self' | 'assisted' = 'assisted') =>
  ({
    id: '01J00000000000000000000000',
    trackingCode: 'DD-0000-0000',
    serviceCode: 'SKU',
    villageCode: TAMPO,
    status: 'IN_REVIEW',
    stageIndex: 0,
    applicant: { subject: operator.subject, name: operator.name },
    data: validBusinessApplication,
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
    version: 1,
    channel,
  }) as ServiceRequest;

describe('the linked-NIK rule', () => {
  it('lets a citizen whose linked NIK is the applicant NIK see the counter submission made for them', () => {
    expect(canSeeRequest(citizen, counterSubmission(), sku, NIK)).toBe(true);
  });

  it('refuses without a linked NIK, with another NIK, or without the service fields', () => {
    expect(canSeeRequest(citizen, counterSubmission(), sku)).toBe(false);
    expect(canSeeRequest(citizen, counterSubmission(), sku, '3510060101900001')).toBe(false);
    expect(canSeeRequest(citizen, counterSubmission(), { stages: sku.stages }, NIK)).toBe(false);
  });

  it("does not open another account's own (self-service) requests that name the NIK", () => {
    const self = { ...counterSubmission('self'), applicant: { subject: 'someone-else', name: 'X' } };
    expect(canSeeRequest(citizen, self, sku, NIK)).toBe(false);
    expect(mayBeCounterSubmissionFor(citizen, self)).toBe(false);
  });

  it('reads the applicant NIK from the field named nik, else the first NIK field', () => {
    expect(applicantNik(counterSubmission(), sku)).toBe(NIK);
    const fields = [
      { name: 'headNik', type: 'nik' as const, label: { id: 'NIK', en: 'NIK' }, required: true },
    ];
    expect(applicantNik({ data: { headNik: '1' } }, { fields })).toBe('1');
  });

  it('makes an operator at their own counter the assisted channel, which needs consent', () => {
    expect(submissionChannel(operator, TAMPO)).toBe('assisted');
    expect(submissionChannel(citizen, TAMPO)).toBe('self');
    expect(consentRequired('assisted')).toBe(true);
    expect(consentRequired('self')).toBe(false);
  });
});

describe('tracking codes as people type them', () => {
  it.each([
    ['DD-7K3M-Q9XA', 'DD-7K3M-Q9XA'],
    ['dd-7k3m-q9xa', 'DD-7K3M-Q9XA'],
    ['DD 7K3M Q9XA', 'DD-7K3M-Q9XA'],
    ['7K3MQ9XA', 'DD-7K3M-Q9XA'],
    ['DD-7K3M-Q9XO', 'DD-7K3M-Q9X0'],
    ['DD-IK3M-Q9XL', 'DD-1K3M-Q9X1'],
  ])('reads %s as %s', (typed, code) => {
    expect(normaliseTrackingCode(typed)).toBe(code);
  });

  it.each(['DD-7K3M', 'DD-7K3M-Q9XU', 'XX-7K3M-Q9XA-1'])('refuses %s', (typed) => {
    expect(normaliseTrackingCode(typed)).toBeUndefined();
  });
});
