import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoDesilRows } from '../../../config/population/desil.js';
import { TAMPO_PEOPLE } from '../../../config/population/fixtures.js';
import { ImportedDesilRegistry } from '../../../functions/adapters/registries/desil-registry.js';
import { type LookupLogEntry, withLookupLog } from '../../../functions/adapters/registries/lookup-log.js';
import { shippedPopulation } from '../../../functions/adapters/registries/population-data.js';
import { SyntheticBpjsRegistry } from '../../../functions/adapters/registries/synthetic-bpjs.js';
import { SyntheticPopulationRegistry } from '../../../functions/adapters/registries/synthetic-population.js';
import { CHECK_REASONS, checkAll } from '../../../functions/core/approvals/registry-checks.js';
import { findService } from '../../../functions/core/catalog/index.js';
import type { CheckStage } from '../../../functions/core/catalog/types.js';
import { personHash, setPseudonymKey } from '../../../functions/core/privacy/person-pseudonym.js';
import type { ServiceRequest } from '../../../functions/core/requests/requests.js';
import { TAMPO } from '../../support/fixtures.js';

/**
 * The registry oracle (issue 10, item 2): a registry other than the population register is asked about a
 * person only once that person's identity matched, and what a returned request carries never tells whoever
 * typed a NIK what another register knows about its owner. Real synthetic registries, real lookup log.
 */
setPseudonymKey(randomBytes(32));

/** The shipped synthetic desil file of Banyuwangi as imported: by NIK pseudonym (a re-import's store, in memory). */
const DESIL = new Map(demoDesilRows('35.10').map((row) => [personHash(row.nik), row.desil]));
const desilStore = { desilOf: async (_regency: string, person: string) => DESIL.get(person) };

function registries() {
  const log: LookupLogEntry[] = [];
  const sink = { record: async (entry: LookupLogEntry) => void log.push(entry) };
  const clock = { now: () => new Date('2026-12-01T08:00:00Z') };
  return {
    log,
    deps: {
      clock,
      population: withLookupLog(new SyntheticPopulationRegistry(shippedPopulation()), sink, clock),
      bpjs: withLookupLog(new SyntheticBpjsRegistry(shippedPopulation()), sink, clock),
      desil: withLookupLog(new ImportedDesilRegistry(desilStore, async () => undefined), sink, clock),
    },
  };
}

const checkStageOf = (code: string): CheckStage => {
  const stage = findService(code).stages.find((candidate) => candidate.kind === 'check');
  if (stage?.kind !== 'check') throw new Error(`${code} has no check stage`);
  return stage;
};

const requestWith = (serviceCode: string, data: Record<string, unknown>) =>
  ({ id: 'req-oracle', serviceCode, villageCode: TAMPO, data }) as unknown as ServiceRequest;

const pbi = TAMPO_PEOPLE.insuredPbi;
const spmData = (name: string) => ({
  nik: pbi.nik,
  fullName: name,
  birthDate: pbi.birthDate,
  familyCardNumber: pbi.familyCardNumber,
});
/** Anything that would tell a stranger about the person's health insurance. */
const INSURANCE = /bpjs|pbi|kelas|class|peserta|participant|covered|terjamin/i;

describe('registry checks: identity first, then the other registers', () => {
  it('does not ask BPJS about a PBI resident whose NIK came with a wrong name, and says only "identity not confirmed"', async () => {
    // Prepare
    const { deps, log } = registries();
    // Act
    const results = await checkAll(deps, requestWith('SPM', spmData('Orang Lain')), checkStageOf('SPM'));
    // Assess
    expect(log.map((entry) => entry.registry)).toEqual(['population']);
    expect(results).toEqual([
      expect.objectContaining({
        registry: 'population',
        subject: 'nik',
        outcome: 'mismatch',
        reasons: [CHECK_REASONS.identityUnconfirmed],
      }),
    ]);
    expect(JSON.stringify(results)).not.toMatch(INSURANCE);
  });

  it('gives an unknown NIK the same reason as a known NIK with a wrong name (no oracle on who is registered)', async () => {
    const { deps } = registries();
    const unknown = await checkAll(
      deps,
      requestWith('SPM', { ...spmData(pbi.name), nik: '3510061402629999' }),
      checkStageOf('SPM'),
    );
    const wrongName = await checkAll(deps, requestWith('SPM', spmData('Orang Lain')), checkStageOf('SPM'));
    expect(unknown.map((result) => result.reasons)).toEqual(wrongName.map((result) => result.reasons));
  });

  it('asks BPJS once the identity matched, and returns "already covered" without the class', async () => {
    // Prepare
    const { deps, log } = registries();
    // Act
    const results = await checkAll(deps, requestWith('SPM', spmData(pbi.name)), checkStageOf('SPM'));
    // Assess
    expect(log.map((entry) => [entry.registry, entry.outcome])).toEqual([
      ['population', 'match'],
      ['bpjs', 'match'],
      ['desil', 'match'],
    ]);
    const bpjs = results.find((result) => result.registry === 'bpjs');
    expect(bpjs).toMatchObject({ outcome: 'mismatch', reasons: [CHECK_REASONS.alreadyCovered] });
    expect(JSON.stringify(results)).not.toMatch(/pbi|kelas|class/i);
  });

  it('in a multi-subject check, asks the other registers only about the subjects whose identity matched', async () => {
    // Prepare: the birth registration's parents, with a second register added to its check stage
    const { deps, log } = registries();
    const stage: CheckStage = { ...checkStageOf('AKL'), registries: ['population', 'bpjs'] };
    const mother = TAMPO_PEOPLE.newbornMother;
    const father = TAMPO_PEOPLE.newbornFather;
    const data = {
      motherNik: mother.nik,
      motherName: mother.name,
      fatherNik: father.nik,
      fatherName: 'Bukan Ayahnya',
      familyCardNumber: mother.familyCardNumber,
    };
    // Act
    const results = await checkAll(deps, requestWith('AKL', data), stage);
    // Assess
    expect(log.map((entry) => [entry.registry, entry.nikMasked.slice(0, 6)])).toHaveLength(3);
    expect(log.filter((entry) => entry.registry === 'bpjs')).toHaveLength(1);
    expect(results.map((result) => [result.subject, result.registry, result.outcome])).toEqual([
      ['motherNik', 'population', 'match'],
      ['motherNik', 'bpjs', expect.any(String)],
      ['fatherNik', 'population', 'mismatch'],
    ]);
    expect(results[2]?.reasons).toEqual([CHECK_REASONS.identityUnconfirmed]);
  });

  it('logs every answer a registry gave, including the one that decided the return', async () => {
    const { deps, log } = registries();
    await checkAll(deps, requestWith('SPM', spmData('Orang Lain')), checkStageOf('SPM'));
    expect(log).toEqual([
      expect.objectContaining({ requestId: 'req-oracle', registry: 'population', outcome: 'mismatch' }),
    ]);
    expect(log[0]?.reasons.length).toBeGreaterThan(0);
  });
});

/** A Tampo resident the SPM's other registers let through, in a household of the given desil. */
function uninsuredInDesil(wanted: (desil: number) => boolean) {
  for (const { resident, household } of shippedPopulation().values()) {
    const desil = DESIL.get(personHash(resident.nik));
    if (household.villageCode !== TAMPO || resident.status !== 'alive' || resident.bpjs !== 'none') continue;
    if (desil !== undefined && wanted(desil)) {
      return {
        nik: resident.nik,
        fullName: resident.name,
        birthDate: resident.birthDate,
        familyCardNumber: household.familyCardNumber,
        desil,
      };
    }
  }
  throw new Error('no such resident in the synthetic population');
}

describe('the SPM asks DTSEN: the household must be in desil 1–5', () => {
  it('passes an uninsured applicant whose household is in desil 1–5', async () => {
    const { deps } = registries();
    const { desil, ...data } = uninsuredInDesil((d) => d <= 5);
    const results = await checkAll(deps, requestWith('SPM', data), checkStageOf('SPM'));
    expect(desil).toBeLessThanOrEqual(5);
    expect(results.map((result) => [result.registry, result.outcome])).toEqual([
      ['population', 'match'],
      ['bpjs', 'match'],
      ['desil', 'match'],
    ]);
  });

  it('returns one in desil 8 with a reason that holds no desil number, and logs no desil either', async () => {
    const { deps, log } = registries();
    const { desil, ...data } = uninsuredInDesil((d) => d === 8);
    const results = await checkAll(deps, requestWith('SPM', data), checkStageOf('SPM'));
    expect(desil).toBe(8);
    const ranked = results.find((result) => result.registry === 'desil');
    expect(ranked).toMatchObject({ outcome: 'mismatch', reasons: [CHECK_REASONS.outsideDesil] });
    expect(JSON.stringify(ranked?.reasons)).not.toMatch(/\d/);
    expect(JSON.stringify(log.find((entry) => entry.registry === 'desil'))).not.toContain('"desil":8');
  });

  it('gives a household missing from the ranking the same reason as one above the line', async () => {
    const { deps } = registries();
    const empty = {
      ...deps,
      desil: new ImportedDesilRegistry({ desilOf: async () => undefined }, async () => undefined),
    };
    const { desil: _desil, ...data } = uninsuredInDesil((d) => d <= 5);
    const results = await checkAll(empty, requestWith('SPM', data), checkStageOf('SPM'));
    expect(results.find((result) => result.registry === 'desil')?.reasons).toEqual([
      CHECK_REASONS.outsideDesil,
    ]);
  });

  it('does not ask DTSEN about an applicant whose identity did not match', async () => {
    const { deps, log } = registries();
    const { desil: _desil, ...data } = uninsuredInDesil((d) => d <= 5);
    await checkAll(deps, requestWith('SPM', { ...data, fullName: 'Orang Lain' }), checkStageOf('SPM'));
    expect(log.map((entry) => entry.registry)).toEqual(['population']);
  });
});
