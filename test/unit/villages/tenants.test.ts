import { describe, expect, it } from 'vitest';
import { DEMO_VILLAGES } from '../../../config/villages.js';
import type { Actor } from '../../../functions/core/identity/roles.js';
import type { StaffAccount, StaffCreation, StaffDirectory } from '../../../functions/core/identity/staff.js';
import type { AuditEntry, AuditTrail } from '../../../functions/core/privacy/audit.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../functions/core/shared/errors.js';
import type { Village } from '../../../functions/core/villages/places.js';
import {
  createVillageStaff,
  onboardVillage,
  type VillageInput,
  type VillageRegistry,
  villageIssues,
} from '../../../functions/core/villages/tenants.js';

const TAMPO = '35.10.06.2001';
const now = new Date('2026-11-22T03:00:00Z');
const clock = { now: () => now };
const admin: Actor = { subject: 'adm', name: 'Admin Banyuwangi', roles: ['regency_admin'], areas: ['35.10'] };
const otherAdmin: Actor = {
  subject: 'adm2',
  name: 'Admin Ponorogo',
  roles: ['regency_admin'],
  areas: ['35.02'],
};
const head: Actor = { subject: 'kades', name: 'Suwebi', roles: ['village_head'], areas: [TAMPO] };

const tampo = DEMO_VILLAGES.find((village) => village.code === TAMPO) as Village;
const { code: _code, ...tampoInput } = tampo;
const NEW = '35.10.06.2099';
const input: VillageInput = { ...tampoInput, name: 'Sumberarum', services: ['SKU'] };

/** An in-memory registry that records what was saved with which audit entry. */
function registry(initial: readonly Village[] = []) {
  const villages = new Map(initial.map((village) => [village.code, village]));
  const saved: { village: Village; audit: AuditEntry }[] = [];
  const store: VillageRegistry = {
    get: async (code) => villages.get(code),
    list: async () => [...villages.values()],
    save: async (village, audit, expect) => {
      if ((expect === 'new') === villages.has(village.code)) return false;
      villages.set(village.code, village);
      saved.push({ village, audit });
      return true;
    },
  };
  return { store, saved };
}

function trail() {
  const entries: AuditEntry[] = [];
  const audit: AuditTrail = {
    append: async (entry) => {
      entries.push(entry);
    },
    list: async (target) => entries.filter((entry) => entry.target.id === target.id),
  };
  return { audit, entries };
}

describe('onboarding a village', () => {
  it('creates a new village with a village.onboard entry, and replaces it with village.update', async () => {
    const { store, saved } = registry();
    const created = await onboardVillage({ villages: store, clock }, admin, NEW, input);
    const replaced = await onboardVillage({ villages: store, clock }, admin, NEW, {
      ...input,
      letterCode: 'SMR',
    });
    expect(created).toMatchObject({ created: true, village: { code: NEW, name: 'Sumberarum' } });
    expect(replaced).toMatchObject({ created: false, village: { letterCode: 'SMR' } });
    expect(saved.map(({ audit }) => [audit.action, audit.target, audit.actor.subject])).toEqual([
      ['village.onboard', { kind: 'village', id: NEW }, 'adm'],
      ['village.update', { kind: 'village', id: NEW }, 'adm'],
    ]);
  });

  it("refuses to change an existing village's numbering scope (409): its letter numbers would repeat", async () => {
    const { store, saved } = registry([tampo]);
    await expect(
      onboardVillage({ villages: store, clock }, admin, TAMPO, { ...tampoInput, numberingScope: 'service' }),
    ).rejects.toBeInstanceOf(ConflictError);
    await onboardVillage({ villages: store, clock }, admin, TAMPO, {
      ...tampoInput,
      numberingScope: 'village',
    });
    expect(saved.map(({ audit }) => audit.action)).toEqual(['village.update']);
  });

  it('refuses anyone but the regency admin over the village, before anything is read or written', async () => {
    const { store, saved } = registry();
    for (const actor of [otherAdmin, head]) {
      await expect(onboardVillage({ villages: store, clock }, actor, NEW, input)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    expect(saved).toEqual([]);
  });

  it('retries when another writer created the village between its read and its write', async () => {
    const { store, saved } = registry();
    let first = true;
    const racing: VillageRegistry = {
      ...store,
      get: async (code) => {
        if (!first) return store.get(code);
        first = false;
        return undefined; // read before the other writer's village existed
      },
      save: async (village, audit, expect) => {
        if (saved.length === 0 && expect === 'new') {
          await store.save(village, { ...audit, id: 'other-writer' }, 'new');
          return false;
        }
        return store.save(village, audit, expect);
      },
    };
    const result = await onboardVillage({ villages: racing, clock }, admin, NEW, input);
    expect(result.created).toBe(false);
    expect(saved.map(({ audit }) => audit.action)).toEqual(['village.onboard', 'village.update']);
  });
});

describe('the rules of a village record', () => {
  it('accepts every demo village', () => {
    for (const { code, ...rest } of DEMO_VILLAGES) expect(villageIssues(code, rest), code).toEqual([]);
  });

  it('names each field that breaks a rule', () => {
    const issues = villageIssues('35.10.06.1099', {
      ...input,
      regency: { code: '35.02', name: 'Ponorogo' },
      services: ['SKU', 'XYZ', 'SKU'],
    });
    expect(issues.map((issue) => issue.field)).toEqual(['kind', 'regency.code', 'services.1', 'services.2']);
    expect(villageIssues('35.10.06.3001', input).map((issue) => issue.field)).toEqual(['code']);
    expect(villageIssues('35.10.00.2001', input).map((issue) => issue.field)).toContain('code');
  });
});

describe('creating staff of a village', () => {
  const account = {
    username: 'operator.baru',
    name: 'Operator Baru',
    email: 'op@example.org',
    role: 'operator',
  } as const;

  /** A provider that holds `existing` accounts; created ones are added. */
  function provider(existing: Record<string, { account: StaffAccount; groups: string[] }> = {}) {
    const calls: string[] = [];
    const staff: StaffDirectory = {
      create: async (wanted): Promise<StaffCreation> => {
        calls.push(`create ${wanted.username}`);
        const known = existing[wanted.username];
        if (known) return { outcome: 'exists', existing: { ...known.account, groups: known.groups } };
        existing[wanted.username] = { account: wanted, groups: [] };
        return { outcome: 'created' };
      },
      addToGroup: async (username, role) => {
        calls.push(`group ${username} ${role}`);
        const known = existing[username];
        if (known && !known.groups.includes(role)) known.groups.push(role);
      },
    };
    return { staff, calls, existing };
  }
  const villages = registry([tampo]).store;

  it('creates the account with the village as its area, puts it in its group and audits it', async () => {
    const { staff, calls, existing } = provider();
    const { audit, entries } = trail();
    const result = await createVillageStaff({ villages, staff, audit, clock }, admin, TAMPO, account);
    expect(result).toEqual({ created: true, account: { ...account, area: TAMPO } });
    expect(calls).toEqual(['create operator.baru', 'group operator.baru operator']);
    expect(existing['operator.baru']?.groups).toEqual(['operator']);
    expect(entries.map((entry) => [entry.action, entry.target])).toEqual([
      ['staff.create', { kind: 'staff', id: 'operator.baru' }],
    ]);
    expect(entries[0]?.detail).not.toContain('op@example.org');
  });

  it('replays a repeated call: nothing new, one audit entry; and completes an attempt that stopped half-way', async () => {
    const { staff } = provider();
    const { audit, entries } = trail();
    await createVillageStaff({ villages, staff, audit, clock }, admin, TAMPO, account);
    const again = await createVillageStaff({ villages, staff, audit, clock }, admin, TAMPO, account);
    expect(again.created).toBe(false);
    expect(entries).toHaveLength(1);

    // The first attempt created the account, then stopped before its group and its audit entry
    const halfWay = provider({ 'operator.baru': { account: { ...account, area: TAMPO }, groups: [] } });
    const fresh = trail();
    const retried = await createVillageStaff(
      { villages, staff: halfWay.staff, audit: fresh.audit, clock },
      admin,
      TAMPO,
      account,
    );
    expect(retried.created).toBe(false);
    expect(halfWay.existing['operator.baru']?.groups).toEqual(['operator']);
    expect(fresh.entries.map((entry) => entry.action)).toEqual(['staff.create']);
  });

  it('refuses a username that belongs to another account (409), changing nothing', async () => {
    for (const other of [
      { account: { ...account, area: TAMPO, name: 'Someone Else' }, groups: ['operator'] },
      { account: { ...account, area: '35.02.05.2008' }, groups: ['operator'] },
      { account: { ...account, area: TAMPO }, groups: ['village_head'] },
    ]) {
      const { staff, calls } = provider({ 'operator.baru': other });
      const { audit, entries } = trail();
      await expect(
        createVillageStaff({ villages, staff, audit, clock }, admin, TAMPO, account),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(calls).toEqual(['create operator.baru']);
      expect(entries).toEqual([]);
    }
  });

  it('refuses other callers (403), a missing contact (400) and an unknown village (404) before the provider is called', async () => {
    const { staff, calls } = provider();
    const { audit } = trail();
    const deps = { villages, staff, audit, clock };
    await expect(createVillageStaff(deps, otherAdmin, TAMPO, account)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createVillageStaff(deps, head, TAMPO, account)).rejects.toBeInstanceOf(ForbiddenError);
    const { email: _email, ...noContact } = account;
    await expect(createVillageStaff(deps, admin, TAMPO, noContact)).rejects.toBeInstanceOf(ValidationError);
    await expect(createVillageStaff(deps, admin, NEW, account)).rejects.toBeInstanceOf(NotFoundError);
    expect(calls).toEqual([]);
  });
});
