import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../functions/core/audit.js';
import {
  type CitizenProfile,
  type CitizenProfiles,
  type IdentityOutcome,
  type IdentityVerifier,
  type LinkOutcome,
  linkNik,
  myProfile,
  personHash,
} from '../../../functions/core/citizen-profile.js';
import { ConflictError, ValidationError } from '../../../functions/core/errors.js';
import { setPseudonymKey } from '../../../functions/core/person-pseudonym.js';
import { type RateCounter, RateLimitedError } from '../../../functions/core/rate-limit.js';
import type { Actor } from '../../../functions/core/roles.js';

// The API wrapper loads the pseudonym key before a use case runs (adapters/pseudonym-key.ts); here, a test key.
setPseudonymKey(randomBytes(32));

const NIK = '3510061208900003';
const BUDI = { nik: NIK, name: 'Budi Santoso', birthDate: '1990-08-12' };
const citizen: Actor = { subject: 'sub-1', name: 'Budi', roles: ['citizen'], areas: [] };
const NOW = new Date('2025-03-01T10:00:00Z');

function fakes(answer: IdentityOutcome = { verified: true }, taken = false) {
  const profiles = new Map<string, CitizenProfile>();
  const audits: AuditEntry[] = [];
  const asked: string[] = [];
  const hits = new Map<string, number>();
  const store: CitizenProfiles = {
    get: async (subject) => profiles.get(subject),
    async link(profile, audit): Promise<LinkOutcome> {
      if (taken) return 'nik-taken';
      profiles.set(profile.subject, profile);
      audits.push(audit);
      return 'linked';
    },
  };
  const identity: IdentityVerifier = {
    async verify(person) {
      asked.push(person.nik);
      return answer;
    },
  };
  const rates: RateCounter = {
    async add(key, start, delta) {
      const id = `${key}|${start}`;
      hits.set(id, (hits.get(id) ?? 0) + delta);
      return hits.get(id) ?? 0;
    },
  };
  return { deps: { profiles: store, identity, rates, clock: { now: () => NOW } }, audits, asked, hits };
}

describe('linking a NIK to an account', () => {
  it('links a confirmed NIK with an audit entry about the person, by hash', async () => {
    const { deps, audits, hits } = fakes();
    const profile = await linkNik(deps, citizen, BUDI);
    expect(profile).toMatchObject({ subject: 'sub-1', nik: NIK, name: 'Budi Santoso' });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: 'profile.link-nik',
      target: { kind: 'person', id: personHash(NIK) },
    });
    expect(JSON.stringify(audits)).not.toContain(NIK);
    expect([...hits.values()]).toEqual([0]); // the attempt was given back
    expect((await myProfile(deps, citizen)).nik).toMatchObject({ masked: '351006**********' });
  });

  it('names the fields that did not match, never what the register holds', async () => {
    const { deps } = fakes({ verified: false, fields: ['name', 'birthDate'] });
    const error = await linkNik(deps, citizen, { ...BUDI, name: 'Budi S' }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((issue: { field: string }) => issue.field)).toEqual(['name', 'birthDate']);
    expect(JSON.stringify(error.messages)).not.toMatch(/Budi|1990/);
  });

  it('refuses a sixth failed attempt in the hour with 429', async () => {
    const { deps, asked } = fakes({ verified: false, fields: ['name'] });
    for (let i = 0; i < 5; i++) {
      await expect(linkNik(deps, citizen, BUDI)).rejects.toBeInstanceOf(ValidationError);
    }
    const refused = await linkNik(deps, citizen, BUDI).catch((caught) => caught);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused.retryAfterSeconds).toBe(3600);
    expect(asked).toHaveLength(5); // the register was not asked a sixth time
  });

  it('answers the same NIK again without asking the register, and refuses another NIK (409)', async () => {
    const { deps, asked } = fakes();
    await linkNik(deps, citizen, BUDI);
    await linkNik(deps, citizen, BUDI);
    expect(asked).toHaveLength(1);
    await expect(linkNik(deps, citizen, { ...BUDI, nik: '3510065503960001' })).rejects.toMatchObject({
      code: 'ACCOUNT_ALREADY_LINKED',
    });
  });

  it('refuses a NIK linked to another account (409)', async () => {
    const { deps } = fakes({ verified: true }, true);
    const error = await linkNik(deps, citizen, BUDI).catch((caught) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.code).toBe('NIK_ALREADY_LINKED');
  });
});
