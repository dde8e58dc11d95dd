import { describe, expect, it } from 'vitest';
import { redactingLogger, redactingReplacer } from '../../../functions/adapters/log-redaction.js';
import { findService } from '../../../functions/core/catalog/index.js';
import type { ServiceCatalog } from '../../../functions/core/catalog/service-catalog.js';
import type { Actor } from '../../../functions/core/identity/roles.js';
import { type AuditEntry, type AuditTrail, auditRead } from '../../../functions/core/privacy/audit.js';
import { maskPersonalNumbers } from '../../../functions/core/privacy/data-subject.js';
import { eventActor, type ServiceRequest } from '../../../functions/core/requests/requests.js';
import { requestView } from '../../../functions/core/requests/views.js';
import { readVisible } from '../../../functions/core/requests/visible-request.js';
import { NotFoundError } from '../../../functions/core/shared/errors.js';
import type { RequestStore } from '../../../functions/core/shared/ports.js';
import { capturedSince, captureMark } from '../../support/log-capture.js';
import { hasNikLike } from '../../support/log-scan.js';
import { SAMPLE_APPLICATIONS } from '../../support/samples.js';

const TAMPO = '35.10.06.2001';
const AT = '2026-11-22T03:00:00.000Z';
const move = findService('SKP'); // a move letter: the applicant's NIK and family-card number
const sample = SAMPLE_APPLICATIONS.SKP;
const stored: ServiceRequest = {
  id: '01JDEMO7K3MQ9XA5B8C2D4E6F0',
  trackingCode: 'DD-7K3M-Q9XA',
  serviceCode: 'SKP',
  villageCode: TAMPO,
  status: 'REJECTED',
  stageIndex: 0,
  applicant: { subject: 'citizen-1', name: sample.fullName },
  data: { ...sample, address: `Dusun Krajan (KK lama ${sample.familyCardNumber})` },
  outcome: { decision: 'reject', note: `NIK ${sample.nik} sudah pindah`, by: 'Rina' },
  createdAt: AT,
  updatedAt: AT,
  version: 3,
};

const applicant: Actor = { subject: 'citizen-1', name: sample.fullName, roles: ['citizen'], areas: [] };
const operator: Actor = {
  subject: 'op-1',
  name: 'Rina',
  roles: ['operator'],
  areas: [TAMPO],
  origin: { ip: '203.0.113.7', userAgent: 'Firefox' },
};
const stranger: Actor = { subject: 'citizen-2', name: 'Siti', roles: ['citizen'], areas: [] };

describe('views show NIK and family-card numbers in full only in the full record', () => {
  it('masks NIK and KK fields, and NIK-like numbers in free text, by default (lists, answers to changes)', () => {
    const view = requestView(stored, move);
    expect(view.data.nik).toBe('351006**********');
    expect(view.data.familyCardNumber).toBe('351006**********');
    expect(view.data.address).toBe('Dusun Krajan (KK lama 351006**********)');
    expect(view.outcome?.note).toBe('NIK 351006********** sudah pindah');
    expect(view.data.fullName).toBe(sample.fullName);
    expect(JSON.stringify(view)).not.toMatch(/\d{16}/);
  });

  it('shows them in full for the full record', () => {
    const view = requestView(stored, move, { personalData: 'full', events: [] });
    expect(view.data.nik).toBe(sample.nik);
    expect(view.data.familyCardNumber).toBe(sample.familyCardNumber);
    expect(view.events).toEqual([]);
  });
});

describe('masking NIK-like numbers', () => {
  it.each([
    ['3510061208900003', '351006**********'],
    ['nik=3510061208900003;', 'nik=351006**********;'],
    ['3510 0612 0890 0003', '351006**********'],
    ['3510.0612.0890.0003', '351006**********'],
    ['351006120890000312', '351006**********'],
  ])('masks %s', (input, masked) => {
    expect(maskPersonalNumbers(input)).toBe(masked);
  });

  it('leaves phone numbers, dates and ids alone', () => {
    for (const value of ['+6281234567890', '2026-11-22T03:00:00.000Z', '01JDEMO7K3MQ9XA5B8C2D4E6F0']) {
      expect(maskPersonalNumbers(value)).toBe(value);
    }
  });
});

describe('the redacting logger', () => {
  it('masks NIK-like numbers in messages, fields, keys, numbers and errors', () => {
    const mark = captureMark();
    const logger = redactingLogger('privacy-test');
    const error = new Error(`registry refused ${sample.nik}`, { cause: new Error(sample.familyCardNumber) });
    logger.error(`lookup for ${sample.nik} failed`, {
      nik: sample.nik,
      spaced: '3510 0602 1188 0004',
      asNumber: Number(sample.nik),
      byNik: { [sample.nik]: 'x' },
      error,
    });
    const lines = capturedSince(mark).filter((line) => line.includes('privacy-test'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter(hasNikLike)).toEqual([]);
    expect(lines.join('\n')).toContain('351006**********');
  });

  it('works as a JSON replacer on its own', () => {
    expect(JSON.stringify({ nik: sample.nik, n: 1 }, redactingReplacer)).toBe(
      '{"nik":"351006**********","n":1}',
    );
  });
});

describe('events record who, role, area and origin', () => {
  it('builds the actor of an event from the caller', () => {
    expect(eventActor(operator, 'operator')).toEqual({
      subject: 'op-1',
      name: 'Rina',
      role: 'operator',
      areas: [TAMPO],
      origin: { ip: '203.0.113.7', userAgent: 'Firefox' },
    });
  });

  it("names an agency's system by its client id", () => {
    const machine: Actor = {
      subject: 'client:abc',
      name: 'Sistem dukcapil',
      roles: ['agency_officer'],
      areas: ['35.10'],
      agency: 'dukcapil',
      client: { id: 'abc', scopes: [] },
    };
    expect(eventActor(machine, 'agency_officer')).toMatchObject({ agency: 'dukcapil', clientId: 'abc' });
  });
});

describe('reading a full record is audited first, and fails closed', () => {
  const requests = { get: async (id: string) => (id === stored.id ? stored : undefined) } as RequestStore;
  const catalog = { definitionOf: async () => move } as unknown as ServiceCatalog;
  const trail = (append: AuditTrail['append']): AuditTrail => ({ append, list: async () => [] });
  const now = () => new Date(AT);

  it('appends who, role, area, origin and what before returning the request', async () => {
    const entries: AuditEntry[] = [];
    const audit = {
      trail: trail(async (entry) => void entries.push(entry)),
      action: 'request.read',
      now,
    } as const;
    const { request } = await readVisible({ requests, catalog, audit }, operator, stored.id);
    expect(request.id).toBe(stored.id);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'request.read',
        at: AT,
        target: { kind: 'request', id: stored.id },
        actor: expect.objectContaining({ subject: 'op-1', roles: ['operator'], areas: [TAMPO] }),
        origin: { ip: '203.0.113.7', userAgent: 'Firefox' },
      }),
    ]);
  });

  it('returns nothing when the audit entry cannot be written', async () => {
    const audit = {
      trail: trail(async () => {
        throw new Error('ProvisionedThroughputExceededException');
      }),
      action: 'request.read',
      now,
    } as const;
    await expect(readVisible({ requests, catalog, audit }, applicant, stored.id)).rejects.toThrow(
      'ProvisionedThroughputExceededException',
    );
  });

  it('writes no entry for a caller who may not see the request (404 as if it did not exist)', async () => {
    const entries: AuditEntry[] = [];
    const audit = {
      trail: trail(async (entry) => void entries.push(entry)),
      action: 'request.read',
      now,
    } as const;
    await expect(readVisible({ requests, catalog, audit }, stranger, stored.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(entries).toEqual([]);
  });

  it('audits through one helper, whatever the read', async () => {
    const entries: AuditEntry[] = [];
    const audit = {
      trail: trail(async (entry) => void entries.push(entry)),
      action: 'document.read',
      now,
    } as const;
    await auditRead(audit, applicant, stored.id);
    expect(entries[0]).toMatchObject({ action: 'document.read', actor: { subject: 'citizen-1' } });
  });
});
