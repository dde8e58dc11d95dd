import { describe, expect, it } from 'vitest';
import { SERVICE_CATALOG } from '../../../functions/core/catalog/index.js';
import { businessCertificate } from '../../../functions/core/catalog/services/business-certificate.js';
import type { Actor } from '../../../functions/core/identity/roles.js';
import type { ConsoleReads, StatRow } from '../../../functions/core/requests/console-reads.js';
import {
  REQUEST_STATUSES,
  type RequestStatus,
  type ServiceRequest,
} from '../../../functions/core/requests/requests.js';
import { villageStats } from '../../../functions/core/requests/stats.js';
import { listTasks } from '../../../functions/core/requests/tasks.js';
import { ForbiddenError } from '../../../functions/core/shared/errors.js';
import { catalogOf } from '../../support/catalog.js';

const TAMPO = '35.10.06.2001';
const now = new Date('2026-11-22T10:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
const operator: Actor = { subject: 'op', name: 'Rina', roles: ['operator'], areas: [TAMPO] };
const secretary: Actor = { subject: 'sekdes', name: 'Sekdes', roles: ['village_secretary'], areas: [TAMPO] };
const stranger: Actor = { subject: 'op2', name: 'Joko', roles: ['operator'], areas: ['35.02.05.2008'] };

const catalog = catalogOf(SERVICE_CATALOG);

function waiting(
  id: string,
  stageIndex: number,
  createdHoursAgo: number,
  dueInHours: number,
  extra = {},
): ServiceRequest {
  const stage = businessCertificate.stages[stageIndex] as { key: string; role: 'operator' | 'village_head' };
  return {
    id,
    trackingCode: `DD-${id}`,
    serviceCode: 'SKU',
    villageCode: TAMPO,
    status: 'IN_REVIEW',
    stageIndex,
    applicant: { subject: 'citizen', name: 'Budi' },
    data: {},
    createdAt: hoursAgo(createdHoursAgo),
    updatedAt: hoursAgo(createdHoursAgo),
    version: 3,
    awaiting: {
      stageKey: stage.key,
      role: stage.role,
      dueAt: hoursAgo(-dueInHours),
      taskToken: 't',
      ...extra,
    },
  };
}

/** A fake of the read port: tasks by role, rows by status. */
function reads(
  tasks: Record<string, ServiceRequest[]>,
  rows: Partial<Record<RequestStatus, StatRow[]>> = {},
) {
  const calls: string[] = [];
  const port: ConsoleReads = {
    waitingFor: async (village, role) => {
      calls.push(`tasks ${village} ${role}`);
      return { items: tasks[role] ?? [] };
    },
    createdSince: async (village, status, from) => {
      calls.push(`rows ${village} ${status} ${from}`);
      return rows[status] ?? [];
    },
    byApplicant: async () => ({ items: [] }),
  };
  return { port, calls };
}

describe('the staff inbox (tasks)', () => {
  it("lists what waits for the caller's role, late ones apart and most late first", async () => {
    // Prepare: one on time, one past its due time, one behind the service's schedule (24 h old at stage 1)
    const { port } = reads({
      operator: [waiting('A', 0, 1, 3), waiting('B', 0, 6, -2)],
      village_head: [waiting('C', 1, 30, 6)],
    });
    // Act
    const inbox = await listTasks({ reads: port, catalog, now: () => now }, operator, { village: TAMPO });
    // Assess
    expect(inbox.roles).toEqual(['operator']);
    expect(inbox.waiting.map((task) => task.id)).toEqual(['A']);
    expect(inbox.overdue.map((task) => [task.id, task.hoursLate])).toEqual([['B', 2]]);
    expect(inbox.waiting[0]).toMatchObject({ overdue: false, hoursLate: 0, stage: { key: 'verify' } });
  });

  it('marks a request behind its schedule late even when its stage was just opened', async () => {
    const { port } = reads({ village_head: [waiting('C', 1, 30, 6)] });
    const head: Actor = { ...operator, roles: ['village_head'] };
    const inbox = await listTasks({ reads: port, catalog, now: () => now }, head, { village: TAMPO });
    // SKU schedule: verify 4 h + sign 8 h = 12 h after submission; it is 30 h old
    expect(inbox.overdue.map((task) => [task.id, task.hoursLate])).toEqual([['C', 18]]);
  });

  it("gives the village secretary the village head's tasks that escalated to them, and no others", async () => {
    const { port, calls } = reads({
      village_head: [waiting('E', 1, 2, 5, { actingRole: 'village_secretary' }), waiting('F', 1, 2, 5)],
    });
    const inbox = await listTasks({ reads: port, catalog, now: () => now }, secretary, { village: TAMPO });
    expect(calls).toContain(`tasks ${TAMPO} village_head`);
    expect([...inbox.waiting, ...inbox.overdue].map((task) => task.id)).toEqual(['E']);
    expect(inbox.overdue[0]?.overdue).toBe(true); // escalated means late
  });

  it("refuses a village outside the caller's area, reading nothing", async () => {
    const { port, calls } = reads({});
    await expect(
      listTasks({ reads: port, catalog, now: () => now }, stranger, { village: TAMPO }),
    ).rejects.toThrow(ForbiddenError);
    expect(calls).toEqual([]);
  });
});

describe('the village dashboard (stats)', () => {
  const row = (status: RequestStatus, createdHoursAgo: number, issuedHoursAgo?: number): StatRow => ({
    id: `${status}-${createdHoursAgo}`,
    serviceCode: 'SKU',
    status,
    createdAt: hoursAgo(createdHoursAgo),
    ...(issuedHoursAgo !== undefined ? { document: { issuedAt: hoursAgo(issuedHoursAgo) } } : {}),
  });

  it('counts requests by status and service and measures time to issue against the target', async () => {
    // Prepare: three issued in 6 h, 10 h and 30 h (target 24 h), one in review, one returned
    const { port, calls } = reads(
      { operator: [waiting('L', 0, 9, -5)] },
      {
        ISSUED: [row('ISSUED', 50, 44), row('ISSUED', 40, 30), row('ISSUED', 70, 40)],
        IN_REVIEW: [row('IN_REVIEW', 9)],
        RETURNED: [row('RETURNED', 3)],
      },
    );
    // Act
    const stats = await villageStats({ reads: port, catalog, now: () => now }, operator, {
      village: TAMPO,
      days: 30,
    });
    // Assess
    expect(stats.total).toBe(5);
    expect(stats.byStatus).toEqual({ ISSUED: 3, IN_REVIEW: 1, RETURNED: 1 });
    const sku = stats.services.find((service) => service.code === 'SKU');
    expect(sku).toMatchObject({
      total: 5,
      targetHours: 24,
      timeToIssue: { count: 3, medianHours: 10, p90Hours: 30, withinTarget: 2 },
    });
    expect(stats.overdue).toEqual([
      expect.objectContaining({
        requestId: 'L',
        stage: expect.objectContaining({ key: 'verify', role: 'operator' }),
        hoursLate: 5,
      }),
    ]);
    // Read model: one bounded Query per status on the village's inbox index, one per deciding role
    const from = hoursAgo(30 * 24);
    expect(calls.filter((call) => call.startsWith('rows'))).toHaveLength(REQUEST_STATUSES.length);
    expect(calls).toContain(`rows ${TAMPO} ISSUED ${from}`);
    expect(calls.filter((call) => call.startsWith('tasks')).length).toBeGreaterThan(0);
  });
});
