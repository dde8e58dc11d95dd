import { describe, expect, it } from 'vitest';
import { TAMPO_HOUSEHOLDS } from '../../../config/population/demo-households.js';
import { applicationSchema } from '../../../functions/core/catalog/application-schema.js';
import { REGENCY_SERVICE_CODES, SERVICE_CATALOG } from '../../../functions/core/catalog/index.js';
import type { ServiceDefinition } from '../../../functions/core/catalog/types.js';
import { fillLetter } from '../../../functions/core/documents/template.js';
import { parseBodyLine } from '../../../functions/core/documents/text-layout.js';
import { parseNik } from '../../../functions/core/identity/nik.js';
import { SAMPLE_APPLICATIONS, sampleApplication, sampleLetterValues } from '../../support/samples.js';

const TAMPO_REGION = '351006';
const services = SERVICE_CATALOG.map((service) => [service.code, service] as const);

/** NIK fields paired with the birth-date and sex fields of the same person, where the form has them. */
const PERSON_FIELDS: readonly { nik: string; birthDate?: string; sex?: string }[] = [
  { nik: 'nik', birthDate: 'birthDate', sex: 'sex' },
  { nik: 'deceasedNik', birthDate: 'deceasedBirthDate', sex: 'deceasedSex' },
  { nik: 'spouseNik', birthDate: 'spouseBirthDate' },
];

const nikFields = (service: ServiceDefinition) => service.fields.filter((field) => field.type === 'nik');

describe('the sample applications', () => {
  it('cover every regency service, and only those', () => {
    expect(Object.keys(SAMPLE_APPLICATIONS).sort()).toEqual([...REGENCY_SERVICE_CODES].sort());
  });

  it.each(services)('%s: its sample passes the service’s application schema', (code, service) => {
    const parsed = applicationSchema(service).safeParse(sampleApplication(code));

    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it.each(services)('%s: its sample fills in every field that carries a person’s NIK', (code, service) => {
    const sample = sampleApplication(code);
    for (const field of nikFields(service).filter((candidate) => candidate.required)) {
      expect(sample[field.name], field.name).toBeDefined();
    }
  });

  it.each(services)('%s: its people have real NIKs, matching their birth date and sex', (code, service) => {
    const sample = sampleApplication(code);
    for (const { nik, birthDate, sex } of PERSON_FIELDS) {
      const value = sample[nik];
      if (value === undefined || !nikFields(service).some((field) => field.name === nik)) continue;
      const parts = parseNik(String(value));
      if (typeof parts === 'string') throw new Error(`${code}.${nik} is not a valid NIK: ${parts}`);
      const born = birthDate ? sample[birthDate] : undefined;
      if (born !== undefined) {
        const [year, month, day] = String(born).split('-').map(Number);
        expect([parts.birthDay, parts.birthMonth, parts.birthYearTwoDigits], `${code}.${nik}`).toEqual([
          day,
          month,
          (year ?? 0) % 100,
        ]);
      }
      const declaredSex = sex ? sample[sex] : undefined;
      if (declaredSex !== undefined) {
        expect(parts.sex === 'F' ? 'perempuan' : 'laki-laki', `${code}.${nik}`).toBe(declaredSex);
      }
    }
  });

  it('gives people living in Tampo Tampo’s region digits, and newcomers those of where they came from', () => {
    for (const [code, sample] of Object.entries(SAMPLE_APPLICATIONS)) {
      if (!('nik' in sample)) continue; // the office's own drafts name no applicant
      const applicantRegion = sample.nik.slice(0, 6);
      expect(applicantRegion, code).toBe(code === 'SKDT' ? '350205' : TAMPO_REGION);
    }
    expect(SAMPLE_APPLICATIONS.SPN.spouseNik.slice(0, 6)).toBe('351009');
  });

  it.each(services.filter(([, service]) => service.stages.some((stage) => stage.kind === 'check')))(
    '%s: the people its registry check looks up are in the demo population, as declared',
    (code, service) => {
      const sample = sampleApplication(code);
      for (const stage of service.stages) {
        if (stage.kind !== 'check') continue;
        for (const subject of stage.subjects) {
          const nik = String(sample[subject.nikField]);
          const household = TAMPO_HOUSEHOLDS.find((candidate) =>
            candidate.members.some((m) => m.nik === nik),
          );
          const resident = household?.members.find((member) => member.nik === nik);
          expect(resident, `${code}.${subject.nikField}`).toBeDefined();
          if (subject.nameField) expect(sample[subject.nameField]).toBe(resident?.name);
          if (subject.birthDateField) expect(sample[subject.birthDateField]).toBe(resident?.birthDate);
          if (subject.familyCardField)
            expect(sample[subject.familyCardField]).toBe(household?.familyCardNumber);
          if (stage.bpjsExpectation === 'not-covered')
            expect(resident?.bpjs, `${code}.${subject.nikField}`).toBe('none');
        }
      }
    },
  );

  it.each(services)('%s: its letter fills completely from the sample', (code, service) => {
    const letter = fillLetter(service.letter, sampleLetterValues(code));

    const printed = [letter.title, letter.opening, ...letter.body, letter.closing].join('\n');
    expect(printed).toContain('Desa Tampo');
    expect(printed).not.toMatch(/\{\{|\}\}/);
  });

  it.each(services)(
    '%s: each body line lays out the same filled as in the template ("Label: value" row or paragraph)',
    (code, service) => {
      const filled = fillLetter(service.letter, sampleLetterValues(code)).body;

      service.letter.body.forEach((line, index) => {
        const template = parseBodyLine(line);
        const actual = parseBodyLine(filled[index] ?? '');
        expect(actual.kind, line).toBe(template.kind);
        if (template.kind === 'field') expect(template.value, line).not.toBe('');
      });
    },
  );
});
