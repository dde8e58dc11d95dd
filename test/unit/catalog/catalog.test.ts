import { describe, expect, it } from 'vitest';
import { DEMO_VILLAGES } from '../../../config/villages.js';
import {
  findService,
  PLACE_PLACEHOLDERS,
  parseServiceDefinition,
  REGENCY_SERVICE_CODES,
  SERVICE_CATALOG,
} from '../../../functions/core/catalog/index.js';
import { letterFields } from '../../../functions/core/catalog/letter-fields.js';
import type {
  DecisionStage,
  ServiceDefinition,
  StageDefinition,
} from '../../../functions/core/catalog/types.js';
import { formatLetterNumber } from '../../../functions/core/documents/letter-number.js';
import { placeholdersOf } from '../../../functions/core/documents/template.js';
import { NotFoundError } from '../../../functions/core/shared/errors.js';

const decisions = (service: ServiceDefinition): DecisionStage[] =>
  service.stages.filter((stage): stage is DecisionStage => stage.kind === 'decision');

/** A chain as "role[/agency]" per stage, checks as "check(registries)". */
const chainOf = (service: ServiceDefinition): string[] =>
  service.stages.map((stage: StageDefinition) =>
    stage.kind === 'check'
      ? `check(${stage.registries.join(',')})`
      : stage.kind === 'publication'
        ? `publish(${stage.register})`
        : `${stage.role}${stage.agency ? `/${stage.agency}` : ''}`,
  );

const signers = (service: ServiceDefinition): string[] =>
  decisions(service)
    .filter((stage) => stage.signs)
    .map((stage) => stage.role);

const byCode = (code: string): ServiceDefinition => findService(code);

describe('the regency service catalog', () => {
  it('lists the seed’s services, each under its own code', () => {
    expect(REGENCY_SERVICE_CODES).toEqual([
      'SKU',
      'SKD',
      'SKP',
      'SKDT',
      'SPN',
      'SKM',
      'SKTM',
      'SKCK',
      'PKTP',
      'PKK',
      'AKL',
      'AKM',
      'IUMK',
      'IPHP',
      'SPER',
      'SPM',
      // Issue 16: the letters villages moving from OpenSID issue every week.
      'SKPD',
      'SKKH',
      'SPIK',
      'SJ',
      'SKJB',
      'SKDU',
      'SKBM',
      'SKJD',
      'SKBI',
      'SKKTP',
      'BIO',
      'SKHT',
      'SKKB',
      'SKJAM',
      'SKPOT',
      'SKWALI',
      'SKUASA',
      'SKLM',
      'SKAW',
      'SKRT',
      // Issue 12: the office's legal products.
      'PERDES',
      'PERBER',
      'PERKADES',
      'KEPKADES',
      // Issue 13: the musdes verification of the household surveys.
      'MUSDES',
      // Issue 13: welfare cases to the UPT, one service per kind.
      'KASUS-KES',
      'KASUS-PTS',
      'KASUS-RMH',
      'KASUS-PGN',
      'KASUS-DIS',
      'KASUS-LAIN',
    ]);
    expect(SERVICE_CATALOG.length).toBeGreaterThanOrEqual(36);
    expect(new Set(REGENCY_SERVICE_CODES).size).toBe(SERVICE_CATALOG.length);
  });

  it('finds every service by its code and refuses an unknown one by name', () => {
    for (const service of SERVICE_CATALOG) expect(findService(service.code)).toBe(service);

    expect(() => findService('XYZ')).toThrow(NotFoundError);
    expect(() => findService('XYZ')).toThrow('serviceCode: unknown service "XYZ".');
  });

  it.each(SERVICE_CATALOG.map((service) => [service.code, service] as const))(
    '%s obeys the same rules as a village programme sent as data',
    (_code, service) => {
      expect(parseServiceDefinition(structuredClone(service))).toEqual(service);
    },
  );

  it.each(SERVICE_CATALOG.map((service) => [service.code, service] as const))(
    '%s fills every letter placeholder from a declared field or a place name',
    (_code, service) => {
      const known = new Set<string>([
        ...PLACE_PLACEHOLDERS,
        ...letterFields(service).map((field) => field.name),
      ]);
      const { title, opening, body, closing } = service.letter;
      const used = [title, opening, ...body, closing].flatMap(placeholdersOf);

      expect(used.filter((name) => !known.has(name))).toEqual([]);
      expect(used).toContain('village');
    },
  );

  it('is named, described and labelled in Indonesian and English throughout', () => {
    for (const service of SERVICE_CATALOG) {
      const texts = [
        service.name,
        service.description,
        ...service.fields.flatMap((field) => [
          field.label,
          ...(field.choices ?? []).map((choice) => choice.label),
        ]),
        ...service.requirements.map((requirement) => requirement.label),
        ...service.stages.map((stage) => stage.label),
      ];
      for (const { id, en } of texts) {
        expect(id.trim(), service.code).not.toBe('');
        expect(en.trim(), service.code).not.toBe('');
      }
    }
  });

  it('asks for at least one required persyaratan per service', () => {
    // A compiled request (the musdes verification, a welfare case) brings nothing: the platform made its data,
    // and a case's evidence comes with the dinas's resolution.
    for (const service of SERVICE_CATALOG.filter((candidate) => !candidate.compiled)) {
      expect(
        service.requirements.some((requirement) => requirement.required),
        service.code,
      ).toBe(true);
    }
  });
});

describe('the approval chains', () => {
  it.each([
    ...['SKU', 'SKD', 'SKP', 'SKDT', 'SPN', 'SKM', 'SKTM', 'SKCK', 'PKTP', 'PKK', 'SPER'],
    ...['SKPD', 'SKKH', 'SPIK', 'SJ', 'SKJB', 'SKDU', 'SKBM', 'SKJD', 'SKBI', 'SKKTP', 'BIO'],
    ...['SKHT', 'SKKB', 'SKJAM'],
  ])('%s goes operator → village head, who signs', (code) => {
    const service = byCode(code);
    expect(chainOf(service)).toEqual(['operator', 'village_head']);
    expect(signers(service)).toEqual(['village_head']);
  });

  it.each(['IUMK', 'IPHP'])('%s goes operator → village head → camat, and the camat signs', (code) => {
    const service = byCode(code);

    expect(chainOf(service)).toEqual(['operator', 'village_head', 'district_head']);
    expect(signers(service)).toEqual(['district_head']);
    expect(service.family).toBe('permit');
  });

  it('runs the SPM scheme: operator → population, BPJS and DTSEN desil check → village head → regency welfare (kesmas), in 6 hours', () => {
    const spm = byCode('SPM');

    expect(chainOf(spm)).toEqual([
      'operator',
      'check(population,bpjs,desil)',
      'village_head',
      'agency_officer/kesmas',
    ]);
    expect(spm.stages[1]).toMatchObject({
      kind: 'check',
      subjects: [
        {
          nikField: 'nik',
          nameField: 'fullName',
          birthDateField: 'birthDate',
          familyCardField: 'familyCardNumber',
        },
      ],
      bpjsExpectation: 'not-covered',
      maxDesil: 5,
    });
    expect(signers(spm)).toEqual(['village_head']);
    expect(spm.targetHours).toBe(6);
    expect(decisions(spm).reduce((hours, stage) => hours + stage.deadlineHours, 0)).toBe(6);
  });

  it.each([
    ['AKL', [{ nikField: 'motherNik' }, { nikField: 'fatherNik' }]],
    ['AKM', [{ nikField: 'deceasedNik' }, { nikField: 'nik' }]],
  ])(
    '%s checks the people concerned, then Dukcapil issues and attaches the akta for the village to hand over',
    (code, subjects) => {
      const service = byCode(code);

      expect(chainOf(service)).toEqual([
        'operator',
        'check(population)',
        'village_head',
        'agency_officer/dukcapil',
      ]);
      expect(service.stages[1]).toMatchObject({
        kind: 'check',
        subjects: subjects.map((subject) => expect.objectContaining(subject)),
      });
      expect(service.stages.at(-1)).toMatchObject({
        attachesDocument: { requirementCode: 'akta', label: { id: expect.stringMatching(/^Akta /) } },
      });
      expect(signers(service)).toEqual(['village_head']);
      expect(service.family).toBe('civil-registration');
    },
  );

  it.each([
    ['SKPOT', ['nik', 'childNik']],
    ['SKWALI', ['nik', 'childNik']],
    ['SKUASA', ['nik', 'granteeNik']],
    ['SKLM', ['motherNik', 'fatherNik']],
  ])(
    '%s checks the people its letter names against the population register before the village head signs',
    (code, niks) => {
      const service = byCode(code);

      expect(chainOf(service)).toEqual(['operator', 'check(population)', 'village_head']);
      const check = service.stages[1];
      expect(check?.kind === 'check' && check.subjects.map((subject) => subject.nikField)).toEqual(niks);
      expect(signers(service)).toEqual(['village_head']);
    },
  );

  it('takes an heirs certificate through the register (deceased, both heirs, two witnesses), the village head and the camat, who signs', () => {
    const service = byCode('SKAW');

    expect(chainOf(service)).toEqual(['operator', 'check(population)', 'village_head', 'district_head']);
    expect(service.stages[1]).toMatchObject({
      kind: 'check',
      subjects: [
        {
          nikField: 'deceasedNik',
          nameField: 'deceasedName',
          birthDateField: 'deceasedBirthDate',
          deceased: true,
        },
        { nikField: 'nik', nameField: 'fullName', birthDateField: 'birthDate' },
        { nikField: 'heir2Nik', nameField: 'heir2Name', birthDateField: 'heir2BirthDate' },
        { nikField: 'witness1Nik', nameField: 'witness1Name', birthDateField: 'witness1BirthDate' },
        { nikField: 'witness2Nik', nameField: 'witness2Name', birthDateField: 'witness2BirthDate' },
      ],
    });
    expect(signers(service)).toEqual(['district_head']);
  });

  it('has the camat acknowledge a land history, on the village head’s recommendation', () => {
    const service = byCode('SKRT');

    expect(chainOf(service)).toEqual(['operator', 'village_head', 'district_head']);
    expect(signers(service)).toEqual(['district_head']);
  });

  it('escalates a late village head to the secretary, and a late camat or agency to the regency', () => {
    const expected: Record<string, string | undefined> = {
      operator: undefined,
      village_head: 'village_secretary',
      district_head: 'regency_admin',
      agency_officer: 'regency_admin',
    };
    for (const service of SERVICE_CATALOG.filter((candidate) => candidate.audience !== 'office')) {
      for (const stage of decisions(service)) {
        expect(stage.escalateTo, `${service.code}.${stage.key}`).toBe(expected[stage.role]);
      }
    }
  });

  it('lets nobody stand in for the village head setting a legal product; a late report to the Bupati goes to the head', () => {
    const legal = SERVICE_CATALOG.filter((service) => service.family === 'legal-product');
    expect(legal.map((service) => service.code)).toEqual(['PERDES', 'PERBER', 'PERKADES', 'KEPKADES']);
    for (const service of legal) {
      expect(service.audience, service.code).toBe('office');
      const escalations = Object.fromEntries(
        decisions(service).map((stage) => [stage.key, stage.escalateTo]),
      );
      expect(escalations.enactment, service.code).toBeUndefined();
      if (service.code === 'PERDES') {
        expect(escalations).toEqual({
          'bpd-agreement': undefined,
          'district-evaluation': 'regency_admin',
          enactment: undefined,
          promulgation: undefined,
          'bupati-report': 'village_head',
        });
      }
    }
    expect(chainOf(findService('KEPKADES'))).toEqual(['village_head', 'publish(legal-products)']);
  });

  it('gives every stage a deadline and keeps the chain within the service target', () => {
    for (const service of SERVICE_CATALOG) {
      // Stages conditional on one field are alternatives (a case goes to one dinas): the longest counts.
      const alternatives = new Map<string, number>();
      let total = 0;
      for (const stage of decisions(service)) {
        const on = stage.when && `${stage.when.stage ?? ''}#${stage.when.field}`;
        if (on) alternatives.set(on, Math.max(alternatives.get(on) ?? 0, stage.deadlineHours));
        else total += stage.deadlineHours;
      }
      for (const hours of alternatives.values()) total += hours;
      expect(total, service.code).toBeLessThanOrEqual(service.targetHours);
      for (const stage of decisions(service)) expect(stage.deadlineHours, service.code).toBeGreaterThan(0);
    }
  });

  it('has the village head sign wherever the camat does not', () => {
    for (const service of SERVICE_CATALOG) {
      const districtSigns = signers(service).includes('district_head');
      // A welfare case's closure record: the village secretary who verified the case (the head when late).
      const villageSigner = service.family === 'welfare-case' ? 'village_secretary' : 'village_head';
      expect(signers(service), service.code).toEqual([districtSigns ? 'district_head' : villageSigner]);
    }
  });
});

describe('classification codes and letter numbers', () => {
  it.each(SERVICE_CATALOG.map((service) => [service.code, service.classificationCode] as const))(
    '%s (%s) numbers its letters [classification]/[sequence]/[village]/[roman month]/[year]',
    (_code, classificationCode) => {
      expect(classificationCode).toMatch(/^\d{3}(\.\d{1,3}){0,4}$/);

      const number = formatLetterNumber({
        classificationCode,
        sequence: 7,
        villageLetterCode: 'TMP',
        issuedAt: new Date('2026-11-22T03:15:00Z'),
      });

      expect(number).toBe(`${classificationCode}/007/TMP/XI/2026`);
    },
  );

  it('files population, civil-registration, welfare, business and permit letters under their own classes', () => {
    const codes = Object.fromEntries(
      SERVICE_CATALOG.map((service) => [service.code, service.classificationCode]),
    );
    expect(codes).toEqual({
      SKU: '500.2',
      SKD: '400.12.2.1',
      SKP: '400.12.2.2',
      SKDT: '400.12.2.2',
      SPN: '400.12.3.2',
      SKM: '400.12.3.1',
      SKTM: '400.9.14',
      SKCK: '300',
      PKTP: '400.12.2.1',
      PKK: '400.12.2.1',
      AKL: '400.12.3.1',
      AKM: '400.12.3.1',
      IUMK: '500.3',
      IPHP: '500.4',
      SPER: '100.2',
      SPM: '400.9.14',
      SKPD: '400.12.2.1',
      SKKH: '300',
      SPIK: '300',
      SJ: '500.2',
      SKJB: '500.2',
      SKDU: '500.2',
      SKBM: '400.12.3.2',
      SKJD: '400.12.3.2',
      SKBI: '400.12.2.1',
      SKKTP: '400.12.2.1',
      BIO: '400.12.2.1',
      SKHT: '500.17',
      SKKB: '100.2',
      SKJAM: '400.9.14',
      SKPOT: '400.3',
      SKWALI: '100.2',
      SKUASA: '100.2',
      SKLM: '400.12.3.1',
      SKAW: '100.2',
      SKRT: '500.17',
      PERDES: '100.3',
      PERBER: '100.3',
      PERKADES: '100.3',
      KEPKADES: '100.3',
      MUSDES: '400.9',
      'KASUS-KES': '400.9',
      'KASUS-PTS': '400.9',
      'KASUS-RMH': '400.9',
      'KASUS-PGN': '400.9',
      'KASUS-DIS': '400.9',
      'KASUS-LAIN': '400.9',
    });
  });
});

describe('the demo villages', () => {
  it('offer every regency service', () => {
    for (const village of DEMO_VILLAGES)
      expect(village.services, village.name).toEqual(REGENCY_SERVICE_CODES);
  });
});
