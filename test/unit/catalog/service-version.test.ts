import { describe, expect, it } from 'vitest';
import { findService } from '../../../functions/core/catalog/index.js';
import { serviceVersion } from '../../../functions/core/catalog/service-version.js';
import type { CheckStage, DecisionStage, ServiceDefinition } from '../../../functions/core/catalog/types.js';
import { NotFoundError } from '../../../functions/core/shared/errors.js';
import { text } from '../../../functions/core/shared/text.js';
import { catalogOf, MemoryServiceVersions } from '../../support/catalog.js';

const sper = findService('SPER');
const verify = sper.stages[0] as DecisionStage;
const sign = sper.stages[1] as DecisionStage;
const populationCheck: CheckStage = {
  kind: 'check',
  key: 'registry',
  label: text('Cek data kependudukan', 'Population register check'),
  registries: ['population'],
  subjects: [{ nikField: 'nik', nameField: 'fullName' }],
};

/** The same definition with every object's keys in reverse order, as another writer might build it. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, field]) => [key, reversedKeys(field)]),
    );
  }
  return value;
}

describe("a service definition's version", () => {
  it('is the same for the definition in code and as the table gives it back (any key order, no undefined)', () => {
    const stored = JSON.parse(JSON.stringify(reversedKeys(sper))) as ServiceDefinition;
    expect(serviceVersion(stored)).toBe(serviceVersion(sper));
  });

  it('is computed the same way in every release: a change to the hash would move every request in flight to a read', () => {
    // Written out in full here (not taken from the catalog) so that only a change to the hash changes it.
    const tiny: ServiceDefinition = {
      code: 'TEST',
      name: text('Uji', 'Test'),
      description: text('Uji', 'Test'),
      family: 'statement',
      fields: [{ name: 'subject', type: 'text', label: text('Perihal', 'Subject'), required: true }],
      requirements: [{ code: 'ktp', label: text('KTP', 'ID card'), required: true }],
      stages: [
        {
          kind: 'decision',
          key: 'sign',
          role: 'village_head',
          label: text('TTD', 'Sign'),
          deadlineHours: 8,
          signs: true,
        },
      ],
      targetHours: 24,
      classificationCode: '100.2',
      letter: { title: 'T', opening: 'O', body: ['{{subject}}'], closing: 'C' },
    };
    expect(serviceVersion(tiny)).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(serviceVersion(tiny)).toBe('ixzxdGwo1PDV');
  });

  it.each<[string, (service: ServiceDefinition) => ServiceDefinition]>([
    ['a stage removed', (service) => ({ ...service, stages: service.stages.slice(1) })],
    ['a stage added', (service) => ({ ...service, stages: [...service.stages, populationCheck] })],
    ['the stages reordered', (service) => ({ ...service, stages: [...service.stages].reverse() })],
    [
      "a stage's role changed",
      (service) => ({
        ...service,
        stages: [{ ...verify, role: 'village_secretary' }, sign],
      }),
    ],
    [
      "a stage's deadline changed",
      (service) => ({ ...service, stages: [{ ...verify, deadlineHours: 48 }, sign] }),
    ],
    [
      'a registry check asking one more register',
      () => ({ ...sper, stages: [verify, { ...populationCheck, registries: ['population', 'bpjs'] }, sign] }),
    ],
    [
      'a form field added',
      (service) => ({
        ...service,
        fields: [
          ...service.fields,
          { name: 'notes', type: 'text', label: text('Catatan', 'Notes'), required: false },
        ],
      }),
    ],
    [
      'a requirement made optional',
      (service) => ({ ...service, requirements: service.requirements.slice(1) }),
    ],
    [
      'the letter body edited',
      (service) => ({ ...service, letter: { ...service.letter, body: ['{{fullName}}'] } }),
    ],
    ['the target time changed', (service) => ({ ...service, targetHours: 48 })],
  ])('changes with %s', (_change, edit) => {
    expect(serviceVersion(edit(sper))).not.toBe(serviceVersion(sper));
  });

  it('does not change with how the catalogue presents the service: its name, description and search words', () => {
    const presented: ServiceDefinition = {
      ...sper,
      name: text('Surat Pernyataan Umum', 'General statement'),
      description: text('Pernyataan pemohon.', "The applicant's statement."),
      keywords: ['pernyataan', 'belum menikah'],
    };
    expect(serviceVersion(presented)).toBe(serviceVersion(sper));
  });

  it('tells every regency service apart', () => {
    expect(
      new Set(['SPER', 'SKU', 'SKD', 'IUMK', 'SPM'].map((code) => serviceVersion(findService(code)))).size,
    ).toBe(5);
  });
});

describe('the definition a request runs under', () => {
  const edited: ServiceDefinition = { ...sper, stages: [sign] };
  const at = (service: ServiceDefinition) => ({
    villageCode: '35.10.04.2003',
    serviceCode: service.code,
    serviceVersion: serviceVersion(service),
  });

  /** A store that counts its reads. */
  function countingVersions() {
    const versions = new MemoryServiceVersions();
    const reads: string[] = [];
    return {
      versions,
      reads,
      store: {
        get: async (code: string, version: string) => {
          reads.push(`${code}#${version}`);
          return versions.get(code, version);
        },
        put: versions.put.bind(versions),
      },
    };
  }

  it('is the current definition while its version is current, with no read', async () => {
    const { store, reads } = countingVersions();
    const catalog = catalogOf([sper], store);
    await catalog.keepVersion(sper);
    expect(await catalog.definitionOf(at(sper))).toBe(sper);
    expect(reads).toEqual([]);
  });

  it('is the version it was submitted under after a deploy changed the chain, read once per container', async () => {
    const { store, reads } = countingVersions();
    // Deployment 1 takes the submission; deployment 2 removed the operator's stage.
    await catalogOf([sper], store).keepVersion(sper);
    const deployed = catalogOf([edited], store);
    const inFlight = await deployed.definitionOf(at(sper));
    expect(inFlight.stages.map((stage) => stage.key)).toEqual(['verify', 'sign']);
    await deployed.definitionOf(at(sper));
    expect(reads).toEqual([`SPER#${serviceVersion(sper)}`]);
    // A new submission runs the new chain.
    expect((await deployed.get('35.10.04.2003', 'SPER')).stages.map((stage) => stage.key)).toEqual(['sign']);
    expect(await deployed.definitionOf(at(edited))).toBe(edited);
  });

  it('keeps a version once: the first definition stored under it stays', async () => {
    const { versions } = countingVersions();
    const catalog = catalogOf([sper], versions);
    await catalog.keepVersion(sper);
    await catalog.keepVersion({ ...sper, name: text('Nama lain', 'Another name') });
    expect(versions.stored.get(`SPER#${serviceVersion(sper)}`)).toBe(sper);
  });

  it('follows the current definition for a request submitted before versions existed', async () => {
    const { serviceVersion: _none, ...before } = at(sper);
    expect(await catalogOf([edited]).definitionOf(before)).toBe(edited);
  });

  it('carries the requests of a withdrawn service to their end; older requests of it are unknown', async () => {
    const versions = new MemoryServiceVersions();
    await catalogOf([sper], versions).keepVersion(sper);
    const withdrawn = catalogOf([], versions);
    expect((await withdrawn.definitionOf(at(sper))).code).toBe('SPER');
    const { serviceVersion: _none, ...before } = at(sper);
    await expect(withdrawn.definitionOf(before)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('fails loudly when the version a request names was never stored', async () => {
    await expect(catalogOf([edited]).definitionOf(at(sper))).rejects.toThrow(/version .* is not stored/);
  });
});
