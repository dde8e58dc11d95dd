import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { personHash } from '../../../functions/core/identity/citizen-profile.js';
import type { Actor } from '../../../functions/core/identity/roles.js';
import type { NotificationRecord } from '../../../functions/core/notifications/notifications.js';
import type { AuditEntry, AuditTrail } from '../../../functions/core/privacy/audit.js';
import { type DataSubjectDeps, exportDataSubject } from '../../../functions/core/privacy/data-subject.js';
import { setPseudonymKey } from '../../../functions/core/privacy/person-pseudonym.js';
import type { RequestEvent, ServiceRequest } from '../../../functions/core/requests/requests.js';
import type { DocumentRecord } from '../../../functions/core/shared/ports.js';
import { text } from '../../../functions/core/shared/text.js';

// The API wrapper loads the pseudonym key before a use case runs (adapters/pseudonym-key.ts); here, a test key.
setPseudonymKey(randomBytes(32));

const NIK = '3510061208900003';
const TAMPO = '35.10.06.2001';
const SAWOO = '35.02.05.2008';
const AT = '2026-11-22T03:00:00.000Z';

const requestIn = (id: string, villageCode: string, extra: Partial<ServiceRequest> = {}): ServiceRequest => ({
  id,
  trackingCode: `DD-${id}`,
  serviceCode: 'SKU',
  villageCode,
  status: 'IN_REVIEW',
  stageIndex: 0,
  applicant: { subject: 'citizen-1', name: 'Budi Santoso' },
  data: { nik: NIK, fullName: 'Budi Santoso' },
  createdAt: AT,
  updatedAt: AT,
  version: 2,
  awaiting: { stageKey: 'verify', role: 'operator', dueAt: AT, taskToken: 'secret-token' },
  // a decision's signal not yet confirmed by the workflow: its token is as internal as the one above
  pendingSignal: { taskToken: 'secret-token', output: { outcome: 'await' }, at: AT, version: 2 },
  attachments: [
    {
      attachmentId: 'a1',
      requirementCode: 'ktp',
      contentType: 'application/pdf',
      size: 10,
      objectKey: 'requests/x/a1',
      uploadedBy: { subject: 'citizen-1', role: 'citizen' },
      at: AT,
    },
  ],
  ...extra,
});

const tampo = requestIn('REQTAMPO', TAMPO, { document: { documentId: 'DOC2', letterNumber: '2' } });
const sawoo = requestIn('REQSAWOO', SAWOO);
const event: RequestEvent = {
  requestId: tampo.id,
  at: AT,
  type: 'SUBMITTED',
  status: 'SUBMITTED',
  actor: { subject: 'citizen-1', name: 'Budi', role: 'citizen', areas: [], origin: { ip: '203.0.113.9' } },
};
const notification = (audience: NotificationRecord['audience'], to: string): NotificationRecord => ({
  id: `n-${audience.kind}`,
  requestId: tampo.id,
  villageCode: TAMPO,
  audience,
  channel: 'sms',
  to,
  message: text('x', 'x'),
  at: AT,
  status: 'sent-local',
});
const document = (documentId: string, supersedes?: string) =>
  ({
    documentId,
    requestId: tampo.id,
    letterNumber: documentId,
    issuedAt: AT,
    serviceCode: 'SKU',
    villageCode: TAMPO,
    signer: { name: 'Suwebi', title: 'Kepala Desa' },
    applicantName: 'Budi Santoso',
    sha256: 'ab'.repeat(32),
    objectKey: `documents/${documentId}.pdf`,
    signature: { algorithm: 'ECDSA_SHA_256', keyId: 'k', value: 'sig' },
    status: supersedes ? 'valid' : 'superseded',
    ...(supersedes ? { supersedes } : {}),
  }) as DocumentRecord;

function fakes(append: AuditTrail['append'] = async () => undefined) {
  const entries: AuditEntry[] = [];
  const audit: AuditTrail = {
    append: async (entry) => {
      await append(entry);
      entries.push(entry);
    },
    list: async (target) => entries.filter((entry) => entry.target.id === target.id),
  };
  const documents = new Map([
    ['DOC2', document('DOC2', 'DOC1')],
    ['DOC1', document('DOC1')],
  ]);
  const deps: DataSubjectDeps = {
    requests: {
      idsByNik: async (nik) => (nik === NIK ? [sawoo.id, tampo.id, 'GONE'] : []),
      get: async (id) => [tampo, sawoo].find((request) => request.id === id),
      events: async (id) => (id === tampo.id ? [event] : []),
    },
    notifications: {
      list: async () => [
        notification({ kind: 'applicant' }, '+6281234567890'),
        notification({ kind: 'role', role: 'operator' }, '+6281399998888'),
      ],
    },
    documents: { get: async (id) => documents.get(id) },
    lookups: { list: async () => [] },
    surveys: { byPerson: async () => [] },
    audit,
    now: () => new Date(AT),
  };
  return { deps, entries };
}

const dpo = (areas: string[]): Actor => ({
  subject: 'dpo-1',
  name: 'Dewi DPO',
  roles: ['data_protection_officer'],
  areas,
  origin: { ip: '198.51.100.4' },
});

describe("the data-subject export, within the officer's area", () => {
  it("gives the Banyuwangi officer Tampo's request and nothing of Sawoo's", async () => {
    const { deps } = fakes();
    const result = await exportDataSubject(deps, dpo(['35.10']), NIK);
    expect(result.requests.map((request) => request.id)).toEqual([tampo.id]);
    expect(JSON.stringify(result)).not.toContain(sawoo.id);
    expect(result.subject).toEqual({ personId: personHash(NIK), nikMasked: '351006**********' });
  });

  it('holds the record in full, without internal handles, and everything kept about it', async () => {
    const { deps } = fakes();
    const [exported] = (await exportDataSubject(deps, dpo(['35.10']), NIK)).requests;
    expect(exported?.foundIn).toEqual(['nik']);
    expect(exported?.record.data).toEqual({ nik: NIK, fullName: 'Budi Santoso' });
    expect(JSON.stringify(exported)).not.toMatch(/secret-token|requests\/x\/a1|documents\/DOC/);
    expect(exported?.events).toEqual([event]);
    expect(exported?.documents.map((doc) => doc.documentId)).toEqual(['DOC2', 'DOC1']);
    expect(exported?.notifications.map((n) => ('to' in n ? n.to : undefined))).toEqual([
      '+6281234567890',
      '+62813****888',
    ]);
    expect(exported?.accessTrail.map((entry) => entry.action)).toEqual(['data-subject.export']);
  });

  it('audits the export on the person (by hash, never the NIK) and on each request exported', async () => {
    const { deps, entries } = fakes();
    await exportDataSubject(deps, dpo(['35.10']), NIK);
    expect(entries.map((entry) => entry.target)).toEqual([
      { kind: 'person', id: personHash(NIK) },
      { kind: 'request', id: tampo.id },
    ]);
    expect(entries.every((entry) => entry.origin?.ip === '198.51.100.4')).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(NIK);
  });

  it('returns nothing when the audit cannot be written (fail closed)', async () => {
    const { deps } = fakes(async () => {
      throw new Error('ThrottlingException');
    });
    await expect(exportDataSubject(deps, dpo(['35.10']), NIK)).rejects.toThrow('ThrottlingException');
  });

  it('finds nothing for an officer of another regency, and says so without a count of what it left out', async () => {
    const { deps } = fakes();
    const result = await exportDataSubject(deps, dpo(['35.07']), NIK);
    expect(result.requests).toEqual([]);
  });
});
