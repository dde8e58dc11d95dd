import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../../config/demo-users.js';
import { openStage } from '../../../functions/core/approvals/review.js';
import { findService } from '../../../functions/core/catalog/index.js';
import type { DecisionStage } from '../../../functions/core/catalog/types.js';
import type { StaffRole } from '../../../functions/core/identity/roles.js';
import type { StaffContacts, StaffMember } from '../../../functions/core/identity/staff.js';
import { announce } from '../../../functions/core/notifications/announce.js';
import { notificationId, stageDeciders } from '../../../functions/core/notifications/notifications.js';
import type { ServiceRequest } from '../../../functions/core/requests/requests.js';
import type { Notification, Notifier, RequestStore } from '../../../functions/core/shared/ports.js';
import { catalogOf } from '../../support/catalog.js';
import { memoryRequest } from '../../support/memory-request.js';
import { request, TAMPO } from './fixtures.js';

/** The demo accounts as the user pool lists them (one group each). */
const STAFF: StaffMember[] = DEMO_USERS.filter((user) => user.role !== 'citizen').map((user) => ({
  username: user.username,
  name: user.name,
  roles: [user.role],
  areas: user.areas,
  ...(user.agency ? { agency: user.agency } : {}),
  ...(user.email ? { email: user.email } : {}),
  ...(user.phone ? { phone: user.phone } : {}),
}));

const stage = (serviceCode: string, key: string): DecisionStage => {
  const found = findService(serviceCode).stages.find((candidate) => candidate.key === key);
  if (found?.kind !== 'decision') throw new Error(`${serviceCode} has no decision stage ${key}`);
  return found;
};
const usernames = (deciders: readonly { username: string }[]) => deciders.map((decider) => decider.username);
const SAWOO = '35.02.05.2008';

describe('who a stage waits for (chosen by the authorization policy)', () => {
  it("reaches Tampo's operator for the operator stage of a Tampo request, not Sawoo's", () => {
    // Act
    const deciders = stageDeciders(STAFF, stage('SKU', 'verify'), undefined, TAMPO);
    // Assess
    expect(deciders).toEqual([
      {
        username: 'operator.tampo',
        role: 'operator',
        phone: '+6281100000101',
        email: 'operator.tampo@desa.example',
      },
    ]);
  });

  it("reaches Sawoo's operator, and only them, for a Sawoo request", () => {
    expect(usernames(stageDeciders(STAFF, stage('SKU', 'verify'), undefined, SAWOO))).toEqual([
      'operator.sawoo',
    ]);
  });

  it("reaches the regency's kesmas officer for the kesmas stage of a Tampo SPM, not dukcapil nor another regency's", () => {
    // Act
    const deciders = stageDeciders(STAFF, stage('SPM', 'welfare'), undefined, TAMPO);
    // Assess
    expect(deciders).toEqual([
      { username: 'kesmas.banyuwangi', role: 'agency_officer', email: 'kesmas.banyuwangi@desa.example' },
    ]);
  });

  it('reaches the village head and, once escalated, the village secretary standing in', () => {
    // Prepare
    const sign = stage('SKU', 'sign');
    // Act
    const before = stageDeciders(STAFF, sign, undefined, TAMPO);
    const escalated = stageDeciders(STAFF, sign, 'village_secretary', TAMPO);
    // Assess
    expect(before.map((decider) => [decider.username, decider.role])).toEqual([
      ['kades.tampo', 'village_head'],
    ]);
    expect(escalated.map((decider) => [decider.username, decider.role])).toEqual([
      ['kades.tampo', 'village_head'],
      ['sekdes.tampo', 'village_secretary'],
    ]);
  });

  it('reaches the camat over the village for a district stage, and nobody for a village outside every area', () => {
    const districtSign: Pick<DecisionStage, 'role' | 'agency'> = { role: 'district_head' };
    expect(usernames(stageDeciders(STAFF, districtSign, undefined, TAMPO))).toEqual(['camat.cluring']);
    expect(stageDeciders(STAFF, stage('SKU', 'verify'), undefined, '51.08.01.2001')).toEqual([]);
  });

  it('counts a member listed under both roles once, deciding in the stage role', () => {
    // Prepare: one account in the head's and the secretary's groups, listed by each group
    const both = { username: 'merangkap.tampo', roles: [], areas: [TAMPO], phone: '+6281100000109' };
    const members = [
      { ...both, roles: ['village_head'] },
      { ...both, roles: ['village_secretary'] },
    ];
    // Act
    const deciders = stageDeciders(members, stage('SKU', 'sign'), 'village_secretary', TAMPO);
    // Assess
    expect(deciders).toEqual([
      { username: 'merangkap.tampo', role: 'village_head', phone: '+6281100000109' },
    ]);
  });
});

/** A user pool listing from the demo accounts, counting the listings. */
class DemoContacts implements StaffContacts {
  readonly asked: StaffRole[] = [];
  constructor(private readonly failing = false) {}
  async staffWithRole(role: StaffRole) {
    this.asked.push(role);
    if (this.failing) throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
    return STAFF.filter((member) => member.roles.includes(role));
  }
}

class RecordingNotifier implements Notifier {
  readonly sent: Notification[] = [];
  async notify(notification: Notification) {
    this.sent.push(notification);
  }
}

describe('announcing an opened stage', () => {
  const sku = findService('SKU');
  const awaiting = (overrides: Partial<NonNullable<ServiceRequest['awaiting']>> = {}) =>
    request({
      serviceCode: 'SKU',
      awaiting: {
        stageKey: 'verify',
        role: 'operator',
        dueAt: '2026-11-22T07:00:00.000Z',
        taskToken: 't',
        ...overrides,
      },
    });

  it("tells each decider of the stage, by their own contact, and nobody else's", async () => {
    // Prepare
    const notifier = new RecordingNotifier();
    const staff = new DemoContacts();
    // Act
    await announce({ notifier }, awaiting(), sku, undefined, staff);
    // Assess
    expect(staff.asked).toEqual(['operator']);
    expect(notifier.sent.map((n) => [n.audience, n.channel, n.to])).toEqual([
      [{ kind: 'role', role: 'operator', username: 'operator.tampo' }, 'sms', '+6281100000101'],
    ]);
  });

  it('composes the same notifications again for the same opening, so the outbox sends each once', async () => {
    const first = new RecordingNotifier();
    const again = new RecordingNotifier();
    const escalated = awaiting({ stageKey: 'sign', role: 'village_head', actingRole: 'village_secretary' });
    await announce({ notifier: first }, { ...escalated, stageIndex: 1 }, sku, undefined, new DemoContacts());
    await announce({ notifier: again }, { ...escalated, stageIndex: 1 }, sku, undefined, new DemoContacts());
    expect(first.sent.map((n) => n.audience)).toEqual([
      { kind: 'role', role: 'village_head', username: 'kades.tampo' },
      { kind: 'role', role: 'village_secretary', username: 'sekdes.tampo' },
    ]);
    expect(again.sent.map(notificationId)).toEqual(first.sent.map(notificationId));
    expect(new Set(first.sent.map(notificationId)).size).toBe(2);
  });

  it('leaves a visible record, and the change stands, when the staff directory cannot be read', async () => {
    // Prepare
    const notifier = new RecordingNotifier();
    const logged: string[] = [];
    const original = console.error;
    console.error = (line: string) => logged.push(line);
    // Act
    try {
      await announce({ notifier }, awaiting(), sku, undefined, new DemoContacts(true));
    } finally {
      console.error = original;
    }
    // Assess
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toMatchObject({
      audience: { kind: 'role', role: 'operator' },
      reason: 'staff-directory-unavailable',
    });
    expect(notifier.sent[0]?.to).toBeUndefined();
    expect(logged.join('\n')).toContain('TooManyRequestsException');
  });

  it('asks the directory nothing when the request waits for the applicant, not for staff', async () => {
    const staff = new DemoContacts();
    const notifier = new RecordingNotifier();
    await announce(
      { notifier },
      awaiting({ stageKey: 'resubmission', role: 'citizen' }),
      sku,
      undefined,
      staff,
    );
    expect(staff.asked).toEqual([]);
    expect(notifier.sent).toEqual([]);
  });
});

describe('opening a stage in the workflow', () => {
  const sku = findService('SKU');
  const deps = (requests: RequestStore, notifier: Notifier) => ({
    requests,
    catalog: catalogOf([sku]),
    notifier,
    clock: { now: () => new Date('2026-11-22T03:00:00.000Z') },
    staff: new DemoContacts(),
  });
  const ticket = { index: 0, key: 'verify', role: 'operator', deadlineSeconds: 4 * 3600 } as const;

  it('tells the deciders once per opening: a redelivered task (same token) writes nothing and sends the same ids', async () => {
    // Prepare
    const { requests, writes } = memoryRequest(request({ serviceCode: 'SKU', stageIndex: 0 }));
    const first = new RecordingNotifier();
    const again = new RecordingNotifier();
    // Act
    await openStage(deps(requests, first), 'r', ticket, 'token-1');
    await openStage(deps(requests, again), 'r', ticket, 'token-1');
    // Assess
    expect(writes).toHaveLength(1);
    expect(first.sent.map((n) => n.audience)).toEqual([
      { kind: 'role', role: 'operator', username: 'operator.tampo' },
    ]);
    expect(again.sent.map(notificationId)).toEqual(first.sent.map(notificationId));
  });
});
