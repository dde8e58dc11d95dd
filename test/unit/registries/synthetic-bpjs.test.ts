import { describe, expect, it } from 'vitest';
import { SAWOO_PEOPLE, TAMPO_PEOPLE } from '../../../config/population/fixtures.js';
import { shippedPopulation } from '../../../functions/adapters/registries/population-data.js';
import {
  BPJS_REASONS,
  SyntheticBpjsRegistry,
} from '../../../functions/adapters/registries/synthetic-bpjs.js';
import { TAMPO } from '../../support/fixtures.js';

const registry = new SyntheticBpjsRegistry(shippedPopulation());
const context = { requestId: 'req-unit', by: 'system', purpose: 'SPM BPJS check' };
const check = (nik: string, villageCode = TAMPO) => registry.check({ nik, villageCode }, context);
const notParticipant = {
  registry: 'bpjs',
  outcome: 'mismatch',
  reasons: [{ id: 'NIK bukan peserta BPJS Kesehatan', en: 'The NIK is not a BPJS Kesehatan participant' }],
};

describe('the synthetic BPJS registry', () => {
  it('answers "match" with the class for a participant of class 1', async () => {
    for (const person of [TAMPO_PEOPLE.insuredClass1, SAWOO_PEOPLE.insuredClass1]) {
      expect(await check(person.nik)).toEqual({
        registry: 'bpjs',
        outcome: 'match',
        reasons: [],
        bpjsClass: '1',
      });
    }
  });

  it('answers "match" with PBI for a state-paid participant', async () => {
    expect(await check(TAMPO_PEOPLE.insuredPbi.nik)).toMatchObject({ outcome: 'match', bpjsClass: 'PBI' });
  });

  it('answers "mismatch" for a poor resident without BPJS (the SPM can go on)', async () => {
    expect(await check(TAMPO_PEOPLE.kkHead.nik)).toEqual(notParticipant);
    expect(await check(SAWOO_PEOPLE.poorUninsured.nik)).toEqual(notParticipant);
  });

  it('answers "mismatch" for an unknown NIK and for a deceased participant', async () => {
    expect(await check('3510061208900099')).toEqual(notParticipant);
    expect(TAMPO_PEOPLE.deceased.bpjs).toBe('3');
    expect(await check(TAMPO_PEOPLE.deceased.nik)).toEqual(notParticipant);
  });

  it('reports each class as the dataset holds it', async () => {
    for (const { resident } of shippedPopulation().values()) {
      const result = await check(resident.nik);
      const expected = resident.status === 'alive' && resident.bpjs !== 'none' ? resident.bpjs : undefined;
      expect(result.bpjsClass).toBe(expected);
      expect(result.outcome).toBe(expected ? 'match' : 'mismatch');
    }
  });

  it('says why in Indonesian and English', () => {
    expect(BPJS_REASONS.notParticipant.id).toContain('NIK bukan peserta BPJS');
  });
});
