import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type CitizenProfile,
  type CitizenProfiles,
  type LinkOutcome,
  myProfile,
  personHash,
} from '../../../functions/core/identity/citizen-profile.js';
import {
  ACTIVATION_ALPHABET,
  activationCodeHash,
  type NikActivation,
  type NikActivations,
  newActivationCode,
} from '../../../functions/core/identity/nik-activation.js';
import {
  issueNikActivation,
  LINK_FAILURES_PER_NIK,
  linkNik,
  unlinkNik,
} from '../../../functions/core/identity/nik-link.js';
import type { Actor } from '../../../functions/core/identity/roles.js';
import { SMS_MAX_LENGTH } from '../../../functions/core/notifications/notifications.js';
import type { AuditEntry } from '../../../functions/core/privacy/audit.js';
import { setPseudonymKey } from '../../../functions/core/privacy/person-pseudonym.js';
import { type RateCounter, RateLimitedError } from '../../../functions/core/privacy/rate-limit.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../../functions/core/shared/errors.js';
import type { Notification, PersonQuery, PopulationRegistry } from '../../../functions/core/shared/ports.js';

// The API wrapper loads the pseudonym key before a use case runs (adapters/pseudonym-key.ts); here, a test key.
setPseudonymKey(randomBytes(32));

const NIK = '3510061208900003';
const TAMPO = '35.10.06.2001';
const SAWOO = '35.02.05.2008';
const PERSON = personHash(NIK);
const citizen: Actor = { subject: 'sub-1', name: 'Budi', roles: ['citizen'], areas: [] };
const stranger: Actor = { subject: 'sub-2', name: 'Orang Lain', roles: ['citizen'], areas: [] };
const operator: Actor = { subject: 'op-1', name: 'Rina', roles: ['operator'], areas: [TAMPO] };
const sawooOperator: Actor = { subject: 'op-2', name: 'Sari', roles: ['operator'], areas: [SAWOO] };

/** In-memory ports with the same conditions as the DynamoDB adapter; a clock the test moves. */
function world() {
  let now = new Date('2025-03-01T10:00:00Z');
  const profiles = new Map<string, CitizenProfile>();
  const links = new Map<string, string>();
  const codes = new Map<string, NikActivation>();
  const audits: AuditEntry[] = [];
  const hits = new Map<string, number>();
  const sent: Notification[] = [];
  const registry = new Map([[NIK, { name: 'Budi Santoso', village: TAMPO }]]);
  const store: CitizenProfiles & NikActivations = {
    get: async (subject) => profiles.get(subject),
    async link(profile, activation, audit): Promise<LinkOutcome> {
      const person = personHash(profile.nik);
      const holder = links.get(person);
      if (holder && holder !== profile.subject) return 'nik-taken';
      if (profiles.has(profile.subject)) return 'account-linked-otherwise';
      const current = codes.get(person);
      if (current?.codeHash !== activation.codeHash || current.usedAt) return 'code-spent';
      links.set(person, profile.subject);
      profiles.set(profile.subject, profile);
      codes.set(person, { ...current, usedAt: profile.linkedAt });
      audits.push(audit);
      return 'linked';
    },
    holder: async (person) => links.get(person),
    async unlink(person, subject, audit) {
      if (links.get(person) !== subject) return false;
      links.delete(person);
      profiles.delete(subject);
      audits.push(audit);
      return true;
    },
    activation: async (person) => codes.get(person),
    async issue(person, activation, audit) {
      codes.set(person, activation);
      audits.push(audit);
    },
  };
  const population: PopulationRegistry = {
    async check(query: PersonQuery) {
      const person = registry.get(query.nik);
      const match =
        person !== undefined &&
        person.village === query.villageCode &&
        (query.name === undefined || query.name === person.name);
      return { registry: 'population', outcome: match ? 'match' : 'mismatch', reasons: [] };
    },
  };
  const rates: RateCounter = {
    async add(key, start, delta) {
      const id = `${key}|${start}`;
      hits.set(id, (hits.get(id) ?? 0) + delta);
      return hits.get(id) ?? 0;
    },
  };
  const clock = { now: () => now };
  const notifier = { notify: async (notification: Notification) => void sent.push(notification) };
  const deps = { profiles: store, activations: store, population, rates, clock, notifier };
  const counts = () => ({
    profiles: profiles.size,
    links: links.size,
    audits: audits.length,
    sent: sent.length,
  });
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const issue = (input: Partial<Parameters<typeof issueNikActivation>[3]> = {}) =>
    issueNikActivation(deps, operator, TAMPO, { nik: NIK, name: 'Budi Santoso', ...input });
  return { deps, store, audits, sent, codes, counts, later, issue };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

describe('activation codes', () => {
  it('are 10 symbols of an unambiguous alphabet (> 40 bits), grouped for reading, and random', () => {
    const codes = Array.from({ length: 200 }, newActivationCode);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      expect([...code.replace('-', '')].every((symbol) => ACTIVATION_ALPHABET.includes(symbol))).toBe(true);
    }
    expect(ACTIVATION_ALPHABET).not.toMatch(/[01OIL]/);
    expect(10 * Math.log2(ACTIVATION_ALPHABET.length)).toBeGreaterThan(40);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('are stored only as a hash bound to the person', async () => {
    const { issue, codes, audits } = world();
    const issued = await issue({ phone: '0812-3456-7890' });
    const stored = codes.get(PERSON);
    expect(stored?.codeHash).toBe(activationCodeHash(PERSON, issued.code));
    expect(JSON.stringify(stored)).not.toContain(issued.code.replace('-', ''));
    expect(JSON.stringify(stored)).not.toContain(issued.code);
    expect(activationCodeHash(personHash('3510066104930001'), issued.code)).not.toBe(stored?.codeHash);
    expect(stored).toMatchObject({
      villageCode: TAMPO,
      name: 'Budi Santoso',
      contact: { phone: '+6281234567890' },
    });
    expect(issued.expiresAt).toBe('2025-03-02T10:00:00.000Z');
    expect(audits).toEqual([
      expect.objectContaining({ action: 'profile.nik-activation', target: { kind: 'person', id: PERSON } }),
    ]);
    expect(JSON.stringify(audits)).not.toContain(NIK);
  });

  it('are issued only by staff of the village, for a living resident named as on the KTP: one answer, nothing written', async () => {
    const { deps, counts } = world();
    const before = counts();
    expect(
      await failure(issueNikActivation(deps, sawooOperator, TAMPO, { nik: NIK, name: 'Budi Santoso' })),
    ).toBeInstanceOf(ForbiddenError);
    const wrongName = await failure(issueNikActivation(deps, operator, TAMPO, { nik: NIK, name: 'Budi S' }));
    const elsewhere = await failure(
      issueNikActivation(deps, sawooOperator, SAWOO, { nik: NIK, name: 'Budi Santoso' }),
    );
    const unknown = await failure(
      issueNikActivation(deps, operator, TAMPO, { nik: '3510061208909999', name: 'Budi Santoso' }),
    );
    for (const error of [wrongName, unknown]) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).messages).toEqual((wrongName as ValidationError).messages);
      expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual(['nik', 'name']);
    }
    expect(elsewhere).toBeInstanceOf(ValidationError);
    const badPhone = await failure(
      issueNikActivation(deps, operator, TAMPO, { nik: NIK, name: 'Budi Santoso', phone: '021555' }),
    );
    expect((badPhone as ValidationError).issues.map((issue) => issue.field)).toEqual(['phone']);
    expect(counts()).toEqual(before);
  });
});

describe('linking a NIK with the activation code', () => {
  it('links with the code: the profile, the code used, an audit entry by hash, and the person told', async () => {
    const { deps, issue, audits, sent, codes } = world();
    const { code } = await issue({ phone: '081234567890', email: 'budi@desa.example' });
    const profile = await linkNik(deps, citizen, {
      nik: NIK,
      activationCode: code.toLowerCase().replace('-', ' '),
    });
    expect(profile).toMatchObject({ subject: 'sub-1', nik: NIK, name: 'Budi Santoso' });
    expect(codes.get(PERSON)?.usedAt).toBe(profile.linkedAt);
    expect(audits.at(-1)).toMatchObject({
      action: 'profile.link-nik',
      target: { kind: 'person', id: PERSON },
    });
    expect(JSON.stringify(audits)).not.toContain(NIK);
    expect(sent.map((n) => [n.channel, n.to])).toEqual([
      ['sms', '+6281234567890'],
      ['email', 'budi@desa.example'],
    ]);
    expect(sent[0]?.requestId).toBe(`nik-link-${PERSON}`);
    expect(sent[0]?.message.id).toMatch(/kantor desa/);
    expect(sent[0]?.message.id.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(JSON.stringify(sent)).not.toContain(NIK);
    expect((await myProfile(deps, citizen)).nik).toMatchObject({ masked: '351006**********' });
  });

  it('answers every failure the same, naming both fields, and writes nothing', async () => {
    const { deps, issue, counts, later } = world();
    const noCode = await failure(linkNik(deps, stranger, { nik: NIK, activationCode: 'ABCDE-FGHJK' }));
    const { code } = await issue();
    const before = counts();
    const wrong = await failure(linkNik(deps, stranger, { nik: NIK, activationCode: 'ABCDE-FGHJK' }));
    const unknownNik = await failure(
      linkNik(deps, stranger, { nik: '3510061208909999', activationCode: code }),
    );
    const otherPerson = await failure(
      linkNik(deps, stranger, { nik: '3510066104930001', activationCode: code }),
    );
    later(24 * 3600_000);
    const expired = await failure(linkNik(deps, citizen, { nik: NIK, activationCode: code }));
    const answers = [noCode, wrong, unknownNik, otherPerson, expired];
    for (const answer of answers) {
      expect(answer).toBeInstanceOf(ValidationError);
      expect((answer as ValidationError).messages).toEqual((wrong as ValidationError).messages);
      expect((answer as ValidationError).issues).toEqual((wrong as ValidationError).issues);
    }
    expect((wrong as ValidationError).issues.map((issue) => issue.field)).toEqual(['nik', 'activationCode']);
    expect((wrong as ValidationError).messages.en).toMatch(/NIK or the activation code does not match/);
    expect(counts()).toEqual(before);
  });

  it('uses a code once: a second account with the same code gets the same answer', async () => {
    const { deps, issue } = world();
    const { code } = await issue();
    await linkNik(deps, citizen, { nik: NIK, activationCode: code });
    const again = await failure(linkNik(deps, stranger, { nik: NIK, activationCode: code }));
    expect(again).toBeInstanceOf(ValidationError);
    expect((again as ValidationError).issues.map((issue) => issue.field)).toEqual(['nik', 'activationCode']);
  });

  it('keeps one live code per person: issuing again voids the earlier code', async () => {
    const { deps, issue } = world();
    const first = await issue();
    const second = await issue();
    expect(await failure(linkNik(deps, citizen, { nik: NIK, activationCode: first.code }))).toBeInstanceOf(
      ValidationError,
    );
    await expect(linkNik(deps, citizen, { nik: NIK, activationCode: second.code })).resolves.toMatchObject({
      nik: NIK,
    });
  });

  it('refuses a sixth failed attempt in the hour per account with 429', async () => {
    const { deps } = world();
    for (let i = 0; i < 5; i++) {
      await expect(
        linkNik(deps, citizen, { nik: NIK, activationCode: `WRONGCODE${i}` }),
      ).rejects.toBeInstanceOf(ValidationError);
    }
    const refused = await failure(
      linkNik(deps, citizen, { nik: '3510066104930001', activationCode: 'ABCDEFGHJK' }),
    );
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(3600);
  });

  it('refuses a sixth failed attempt in the hour per NIK with 429, from any account, even with the right code', async () => {
    const { deps, issue } = world();
    const { code } = await issue();
    for (let i = 0; i < LINK_FAILURES_PER_NIK.limit; i++) {
      const attacker: Actor = { ...stranger, subject: `attacker-${i}` };
      await expect(
        linkNik(deps, attacker, { nik: NIK, activationCode: `WRONGCODE${i}` }),
      ).rejects.toBeInstanceOf(ValidationError);
    }
    const refused = await failure(linkNik(deps, citizen, { nik: NIK, activationCode: code }));
    expect(refused).toBeInstanceOf(RateLimitedError);
    // The wrong guesses did not burn the person's code: it works once the hour has passed.
  });

  it('gives the attempts back on success, answers the same NIK again unchanged, and refuses another NIK (409)', async () => {
    const { deps, issue, counts } = world();
    const { code } = await issue();
    await linkNik(deps, citizen, { nik: NIK, activationCode: code });
    const before = counts();
    await linkNik(deps, citizen, { nik: NIK, activationCode: 'ANYTHING00' });
    expect(counts()).toEqual(before);
    await expect(
      linkNik(deps, citizen, { nik: '3510066104930001', activationCode: 'ABCDEFGHJK' }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_ALREADY_LINKED' });
  });

  it('refuses, with the right code, a NIK another account holds (409)', async () => {
    const { deps, issue } = world();
    await linkNik(deps, stranger, { nik: NIK, activationCode: (await issue()).code });
    const error = await failure(linkNik(deps, citizen, { nik: NIK, activationCode: (await issue()).code }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('NIK_ALREADY_LINKED');
  });
});

describe('unlinking by the village', () => {
  it('removes the link, audited with the reason (numbers masked), frees the NIK and tells the person', async () => {
    const { deps, issue, audits, sent } = world();
    await linkNik(deps, stranger, {
      nik: NIK,
      activationCode: (await issue({ phone: '081234567890' })).code,
    });
    const done = await unlinkNik(deps, operator, TAMPO, { nik: NIK, reason: `Bukan pemilik NIK ${NIK}` });
    expect(done).toMatchObject({ unlinked: true, villageCode: TAMPO });
    expect(await deps.profiles.get(stranger.subject)).toBeUndefined();
    expect(audits.at(-1)).toMatchObject({
      action: 'profile.unlink-nik',
      target: { kind: 'person', id: PERSON },
    });
    expect(JSON.stringify(audits)).not.toContain(NIK);
    expect(sent.at(-1)).toMatchObject({ channel: 'sms', to: '+6281234567890' });
    expect(sent.at(-1)?.message.id).toMatch(/diputus/);
    // the real person links now
    await expect(
      linkNik(deps, citizen, { nik: NIK, activationCode: (await issue()).code }),
    ).resolves.toMatchObject({ subject: citizen.subject });
  });

  it('is refused outside the person’s village, and for a NIK linked to no one; nothing written', async () => {
    const { deps, counts } = world();
    const before = counts();
    expect(
      await failure(unlinkNik(deps, sawooOperator, TAMPO, { nik: NIK, reason: 'Salah hubung' })),
    ).toBeInstanceOf(ForbiddenError);
    const elsewhere = await failure(
      unlinkNik(deps, sawooOperator, SAWOO, { nik: NIK, reason: 'Salah hubung' }),
    );
    expect((elsewhere as ValidationError).issues.map((issue) => issue.field)).toEqual(['nik']);
    const notLinked = await failure(unlinkNik(deps, operator, TAMPO, { nik: NIK, reason: 'Salah hubung' }));
    expect(notLinked).toMatchObject({ status: 409, code: 'NIK_NOT_LINKED' });
    expect(counts()).toEqual(before);
  });
});
