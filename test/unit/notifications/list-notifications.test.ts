import { describe, expect, it } from 'vitest';
import type { ServiceCatalog } from '../../../functions/core/catalog/service-catalog.js';
import type { Actor } from '../../../functions/core/identity/roles.js';
import {
  listNotifications,
  type NotificationRecord,
} from '../../../functions/core/notifications/notifications.js';
import { NotFoundError } from '../../../functions/core/shared/errors.js';
import type { RequestStore } from '../../../functions/core/shared/ports.js';
import { text } from '../../../functions/core/shared/text.js';
import { OPENED_AT, request, TAMPO } from './fixtures.js';

const stored = request();
const requests = {
  get: async (id: string) => (id === stored.id ? stored : undefined),
} as unknown as RequestStore;
const record = (overrides: Partial<NotificationRecord>): NotificationRecord => ({
  id: 'n1',
  requestId: stored.id,
  villageCode: TAMPO,
  audience: { kind: 'applicant' },
  channel: 'sms',
  to: '+6281234567890',
  message: text('Desa Digital: ...', 'Desa Digital: ...'),
  at: OPENED_AT,
  status: 'sent',
  sentAt: OPENED_AT,
  ...overrides,
});
const records = [
  record({
    id: 'n3',
    audience: { kind: 'role', role: 'operator' },
    to: undefined,
    status: 'undeliverable',
    reason: 'no-staff-for-stage',
  }),
  record({ id: 'n2', channel: 'email', to: 'budi@example.com' }),
  record({ id: 'n1' }),
];
// The request's service has no agency stage; these callers are the applicant and village staff.
const catalog = { definitionOf: async () => ({ stages: [] }) } as unknown as ServiceCatalog;
const deps = { requests, catalog, notifications: { list: async () => records } };

const applicant: Actor = { subject: 'citizen-1', name: 'Budi', roles: ['citizen'], areas: [] };
const neighbour: Actor = { subject: 'citizen-2', name: 'Siti', roles: ['citizen'], areas: [] };
const operator: Actor = { subject: 'op', name: 'Rina', roles: ['operator'], areas: [TAMPO] };
const otherOperator: Actor = { subject: 'op2', name: 'Joko', roles: ['operator'], areas: ['35.02.05.2008'] };

describe("reading a request's notifications", () => {
  it('shows the applicant what they were told, not the reminders to staff, with masked addresses', async () => {
    const { items } = await listNotifications(deps, applicant, stored.id);
    expect(items.map((item) => [item.id, item.to])).toEqual([
      ['n2', 'b***@example.com'],
      ['n1', '+62812****890'],
    ]);
  });

  it("shows staff of the request's village everything, in the outbox's order (newest first)", async () => {
    const { items } = await listNotifications(deps, operator, stored.id);
    expect(items.map((item) => item.id)).toEqual(['n3', 'n2', 'n1']);
    expect(items[0]).toMatchObject({ status: 'undeliverable', reason: 'no-staff-for-stage' });
    expect(items[0]).not.toHaveProperty('to');
  });

  it.each([
    ['another citizen', neighbour],
    ["another village's staff", otherOperator],
  ])('answers %s as if the request did not exist', async (_, actor) => {
    await expect(listNotifications(deps, actor, stored.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
