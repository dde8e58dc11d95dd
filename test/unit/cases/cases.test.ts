import { describe, expect, it } from 'vitest';
import { applyDecision, stepAt } from '../../../functions/core/approvals/approvals.js';
import { birthDateOfNik, kindData } from '../../../functions/core/cases/cases.js';
import { canReadCaseStatistics, caseStatistics } from '../../../functions/core/cases/statistics.js';
import { findService, serviceDefinitionIssues } from '../../../functions/core/catalog/index.js';
import {
  CASE_AGENCIES,
  caseKindOf,
  caseServiceCode,
  UPT_STAGE,
  WELFARE_CASE_SERVICES,
} from '../../../functions/core/catalog/services/welfare-cases.js';
import type { ServiceDefinition } from '../../../functions/core/catalog/types.js';
import { canSeeRequest, decidingRole, worksOnCase } from '../../../functions/core/identity/policy.js';
import type { Actor } from '../../../functions/core/identity/roles.js';
import { setPseudonymKey } from '../../../functions/core/privacy/person-pseudonym.js';
import type { ServiceRequest } from '../../../functions/core/requests/requests.js';
import { ageOn } from '../../../functions/core/shared/ages.js';
import { ValidationError } from '../../../functions/core/shared/errors.js';

setPseudonymKey(new Uint8Array(32).fill(7));

const TAMPO = '35.10.06.2001';
const TODAY = '2026-12-03';
const now = new Date(`${TODAY}T03:00:00Z`);
const health = findService('KASUS-KES');

/** A child of Tampo born 15 March 2012 (14 today), one born 2005 (21) and one born 2021 (5). */
const CHILD_14 = '3510061503120001';
const ADULT_21 = '3510061503050001';
const CHILD_5 = '3510061503210001';

const actor = (subject: string, roles: Actor['roles'], areas: string[], agency?: string): Actor => ({
  subject,
  name: subject,
  roles,
  areas,
  ...(agency ? { agency } : {}),
});

function caseAt(
  service: ServiceDefinition,
  stageIndex: number,
  records?: ServiceRequest['records'],
): ServiceRequest {
  const stage = service.stages[stageIndex];
  return {
    id: '01JDEMO0000000000000000000',
    trackingCode: 'DD-AAAA-BBBB',
    serviceCode: service.code,
    villageCode: TAMPO,
    status: 'IN_REVIEW',
    stageIndex,
    applicant: { subject: 'guru', name: 'Sri' },
    data: { summary: 'Ibu hamil belum punya BPJS.' },
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 3,
    channel: 'office',
    ...(records ? { records } : {}),
    awaiting: {
      stageKey: stage?.key ?? '',
      role: stage?.kind === 'decision' ? stage.role : 'operator',
      dueAt: now.toISOString(),
      taskToken: 'token-1',
    },
  };
}

describe('the case kinds in the catalog', () => {
  it('has one office service per kind, each obeying the rules of any service', () => {
    expect(WELFARE_CASE_SERVICES.map((service) => caseKindOf(service.code))).toEqual([
      'health-access',
      'school-dropout',
      'housing',
      'food',
      'disability',
      'other',
    ]);
    for (const service of WELFARE_CASE_SERVICES) {
      expect(service.audience, service.code).toBe('office');
      expect(serviceDefinitionIssues(service), service.code).toEqual([]);
    }
    expect(caseServiceCode('health-access')).toBe('KASUS-KES');
  });

  it('gives the UPT hours for health access and days otherwise, escalating to the regency poverty unit', () => {
    const upt = (code: string) => findService(code).stages.find((stage) => stage.key === UPT_STAGE);
    expect(upt('KASUS-KES')).toMatchObject({
      role: 'upt_officer',
      deadlineHours: 24,
      escalateTo: 'poverty_unit_officer',
    });
    expect(upt('KASUS-PTS')).toMatchObject({ role: 'upt_officer', deadlineHours: 72 });
    expect(health.targetHours).toBe(12 + 24 + 48);
  });

  it('refuses a condition on a stage that records nothing, naming where', () => {
    const broken = {
      ...health,
      stages: health.stages.map((stage) =>
        stage.key === 'resolution-dinkes'
          ? { ...stage, when: { stage: 'village-verification', field: 'referTo', oneOf: ['dinkes'] } }
          : stage,
      ),
    } as ServiceDefinition;
    expect(serviceDefinitionIssues(broken).map((issue) => issue.field)).toContain('stages.4.when.stage');
  });
});

describe('a field required only when another is set', () => {
  it('must name a choice field of its list offering those values, and be optional itself', () => {
    const dropout = findService('KASUS-PTS');
    const withSchool = (requiredWhen: { field: string; oneOf: string[] }, required = false) =>
      ({
        ...dropout,
        stages: dropout.stages.map((stage) =>
          stage.kind === 'decision' && stage.key === 'resolution-dindik'
            ? {
                ...stage,
                records: stage.records?.map((field) =>
                  field.name === 'schoolName' ? { ...field, required, requiredWhen } : field,
                ),
              }
            : stage,
        ),
      }) as ServiceDefinition;
    const fields = (definition: ServiceDefinition) =>
      serviceDefinitionIssues(definition).map((issue) => issue.field);
    expect(fields(withSchool({ field: 'support', oneOf: ['kembali-sekolah'] }))).toEqual([]);
    expect(fields(withSchool({ field: 'support', oneOf: ['pulang'] }))).toEqual([
      'stages.3.records.2.requiredWhen.field',
    ]);
    expect(fields(withSchool({ field: 'visitDate', oneOf: ['x'] }))).toEqual([
      'stages.3.records.2.requiredWhen.field',
    ]);
    expect(fields(withSchool({ field: 'support', oneOf: ['kembali-sekolah'] }, true))).toEqual([
      'stages.3.records.2.requiredWhen',
    ]);
  });
});

describe('routing a case to the dinas the UPT names', () => {
  const upt = actor('upt', ['upt_officer'], ['35.10.06']);

  it('opens only the named dinas stage after the UPT decides', () => {
    const decided = applyDecision(
      caseAt(health, 1),
      health,
      upt,
      {
        decision: 'approve',
        note: '',
        records: { referTo: 'dinkes', assessment: 'Perlu rujukan ke Dinkes segera.' },
      },
      now,
    );
    expect(decided.step).toMatchObject({
      outcome: 'await',
      stage: { key: 'resolution-dinkes', role: 'agency_officer' },
    });
    expect(decided.request.records).toEqual({
      [UPT_STAGE]: { referTo: 'dinkes', assessment: 'Perlu rujukan ke Dinkes segera.' },
    });
    // The dinas's resolution is the last stage: approving it closes the case.
    const resolvedAt = (decided.step as { stage: { index: number } }).stage.index;
    expect(stepAt(health, resolvedAt + 1, decided.request.data, decided.request.records)).toEqual({
      outcome: 'approved',
    });
  });

  it('refuses a UPT decision that names no dinas, naming the field', () => {
    expect(() =>
      applyDecision(
        caseAt(health, 1),
        health,
        upt,
        { decision: 'approve', note: '', records: { assessment: 'Tanpa rujukan dinas.' } },
        now,
      ),
    ).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ field: 'records.referTo' })] }));
  });

  it('lets only the named agency decide, and the poverty unit once the stage escalated', () => {
    const stage = health.stages.find((candidate) => candidate.key === 'resolution-dinkes');
    if (stage?.kind !== 'decision') throw new Error('no dinkes stage');
    expect(
      decidingRole(actor('dinkes', ['agency_officer'], ['35.10'], 'dinkes'), stage, undefined, TAMPO),
    ).toBe('agency_officer');
    expect(
      decidingRole(actor('dinsos', ['agency_officer'], ['35.10'], 'dinsos'), stage, undefined, TAMPO),
    ).toBeUndefined();
    const unit = actor('unit', ['poverty_unit_officer'], ['35.10']);
    expect(decidingRole(unit, stage, undefined, TAMPO)).toBeUndefined();
    expect(decidingRole(unit, stage, 'poverty_unit_officer', TAMPO)).toBe('poverty_unit_officer');
    expect(CASE_AGENCIES).toEqual(['dinsos', 'dindik', 'dinkes', 'bpmd']);
  });
});

describe('who sees a case', () => {
  const referred = caseAt(health, 2, { [UPT_STAGE]: { referTo: 'dinkes', assessment: 'x' } });
  const cases: [string, Actor, boolean][] = [
    ['its reporter', actor('guru', ['frontline_worker'], [TAMPO]), true],
    ["the village's operator", actor('op', ['operator'], [TAMPO]), true],
    ["the village's head", actor('kades', ['village_head'], [TAMPO]), true],
    ["the district's UPT", actor('upt', ['upt_officer'], ['35.10.06']), true],
    ["the regency's poverty unit", actor('unit', ['poverty_unit_officer'], ['35.10']), true],
    ['the dinas it was referred to', actor('dinkes', ['agency_officer'], ['35.10'], 'dinkes'), true],
    ['another dinas', actor('dinsos', ['agency_officer'], ['35.10'], 'dinsos'), false],
    ['the camat', actor('camat', ['district_head'], ['35.10.06']), false],
    ['the regency admin', actor('admin', ['regency_admin'], ['35.10']), false],
    ["another district's UPT", actor('upt2', ['upt_officer'], ['35.10.07']), false],
    ["another village's operator", actor('op2', ['operator'], ['35.10.06.2002']), false],
    ['another enumerator of the village', actor('enum', ['enumerator'], [TAMPO]), false],
    ['a citizen', actor('warga', ['citizen'], []), false],
  ];
  it.each(cases)('%s: %s', (_who, caller, sees) => {
    expect(worksOnCase(caller, referred)).toBe(sees);
    expect(canSeeRequest(caller, referred, health)).toBe(sees);
  });

  it('shows a case to no dinas before the UPT referred it', () => {
    expect(worksOnCase(actor('dinkes', ['agency_officer'], ['35.10'], 'dinkes'), caseAt(health, 1))).toBe(
      false,
    );
  });
});

describe('a school-dropout report', () => {
  it('derives the birth date from the NIK, in the century that makes sense', () => {
    expect(birthDateOfNik(CHILD_14, TODAY)).toBe('2012-03-15');
    expect(birthDateOfNik('3510065503120001', TODAY)).toBe('2012-03-15'); // a girl: day + 40
    expect(birthDateOfNik('3510061503700001', TODAY)).toBe('1970-03-15');
    expect(birthDateOfNik('12345', TODAY)).toBeUndefined();
    expect(ageOn('2012-03-15', TODAY)).toBe(14);
    expect(ageOn('2012-12-04', TODAY)).toBe(13);
  });

  it('keeps the child as a pseudonym with their age, and indexes the NIK for the export only', () => {
    const { data, people } = kindData(
      'school-dropout',
      { child: { nik: CHILD_14 }, reason: 'bekerja' },
      TODAY,
    );
    expect(data).toEqual({ child: expect.stringMatching(/^[0-9a-f]{64}$/), childAge: 14, reason: 'bekerja' });
    expect(JSON.stringify(data)).not.toContain(CHILD_14);
    expect(people).toEqual([CHILD_14]);
  });

  it.each([
    ['a child under 7', { child: { nik: CHILD_5 }, reason: 'biaya' }, 'child.nik'],
    ['an adult of 21', { child: { nik: ADULT_21 }, reason: 'biaya' }, 'child.nik'],
    ['no child', { reason: 'biaya' }, 'child.nik'],
    ['a NIK that is not one', { child: { nik: '3510069999120001' }, reason: 'biaya' }, 'child.nik'],
    ['no reason', { child: { nik: CHILD_14 } }, 'reason'],
  ])('refuses %s, naming %s', (_what, report, field) => {
    expect(() => kindData('school-dropout', report, TODAY)).toThrow(ValidationError);
    expect(() => kindData('school-dropout', report, TODAY)).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ field })] }),
    );
  });

  it('refuses a child or a reason on another kind of case', () => {
    expect(() => kindData('housing', { child: { nik: CHILD_14 } }, TODAY)).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ field: 'child' })] }),
    );
    expect(kindData('food', {}, TODAY)).toEqual({ data: {}, people: [] });
  });

  it("asks for the school's name when the child is back in school, through any decision route", () => {
    const dropout = findService('KASUS-PTS');
    const dindik = actor('dindik', ['agency_officer'], ['35.10'], 'dindik');
    const at = dropout.stages.findIndex((stage) => stage.key === 'resolution-dindik');
    const waiting = caseAt(dropout, at, {
      [UPT_STAGE]: { referTo: 'dindik', assessment: 'Rujuk ke Dindik.' },
    });
    const followUp = { visitDate: '2026-12-01', support: 'kembali-sekolah', outcome: 'tertangani' };
    const decide = (records: Record<string, unknown>) =>
      applyDecision(
        waiting,
        dropout,
        dindik,
        {
          decision: 'approve',
          note: '',
          records,
          attachments: [{ requirementCode: 'bukti-dindik', uploadId: 'u', attachmentId: 'a' } as never],
        },
        now,
      );
    expect(() => decide(followUp)).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ field: 'records.schoolName' })] }),
    );
    expect(decide({ ...followUp, schoolName: 'SMPN 1 Cluring' }).step).toEqual({ outcome: 'approved' });
    expect(decide({ ...followUp, support: 'paket-b' }).step).toEqual({ outcome: 'approved' });
  });
});

describe('the case dashboards', () => {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
  const kase = (
    serviceCode: string,
    status: ServiceRequest['status'],
    createdHoursAgo: number,
    updatedHoursAgo = 0,
  ) => ({
    serviceCode,
    status,
    createdAt: at(createdHoursAgo),
    updatedAt: at(updatedHoursAgo),
  });

  it('counts open cases by age and resolved ones against their target, per kind', () => {
    const kinds = caseStatistics(
      [
        kase('KASUS-KES', 'IN_REVIEW', 2),
        kase('KASUS-KES', 'IN_REVIEW', 30),
        kase('KASUS-KES', 'ISSUED', 100, 40), // 60 h: within the 84 h target
        kase('KASUS-KES', 'ISSUED', 200, 60), // 140 h: late
        kase('KASUS-KES', 'REJECTED', 10, 5),
        kase('KASUS-PTS', 'RETURNED', 24 * 10),
        kase('SKU', 'IN_REVIEW', 1),
      ],
      now,
    );
    expect(kinds.find((entry) => entry.kind === 'health-access')).toEqual({
      kind: 'health-access',
      open: { total: 2, byAge: { 'under-1-day': 1, '1-3-days': 1, '3-7-days': 0, 'over-7-days': 0 } },
      resolved: { total: 2, medianHours: 100, targetHours: 84, withinTarget: 1 },
      closedUnresolved: 1,
    });
    expect(kinds.find((entry) => entry.kind === 'school-dropout')?.open.byAge['over-7-days']).toBe(1);
    expect(kinds.find((entry) => entry.kind === 'food')?.resolved).toEqual({
      total: 0,
      targetHours: (2 + 3 + 7) * 24,
      withinTarget: 0,
    });
  });

  it('is read by the UPT of the district, the poverty unit and the admin of the regency', () => {
    expect(canReadCaseStatistics(actor('upt', ['upt_officer'], ['35.10.06']), '35.10.06')).toBe(true);
    expect(canReadCaseStatistics(actor('upt', ['upt_officer'], ['35.10.06']), '35.10')).toBe(false);
    expect(canReadCaseStatistics(actor('upt', ['upt_officer'], ['35.10.07']), '35.10.06')).toBe(false);
    expect(canReadCaseStatistics(actor('unit', ['poverty_unit_officer'], ['35.10']), '35.10.06')).toBe(true);
    expect(canReadCaseStatistics(actor('admin', ['regency_admin'], ['35.10']), '35.10')).toBe(true);
    expect(canReadCaseStatistics(actor('camat', ['district_head'], ['35.10.06']), '35.10.06')).toBe(false);
  });
});
