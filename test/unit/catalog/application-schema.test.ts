import { describe, expect, it } from 'vitest';
import { applicationSchema } from '../../../functions/core/catalog/application-schema.js';
import { businessCertificate } from '../../../functions/core/catalog/services/business-certificate.js';
import { ValidationError } from '../../../functions/core/shared/errors.js';
import { parseOrThrow } from '../../../functions/core/shared/validation.js';
import { validBusinessApplication } from '../../support/fixtures.js';

const schema = applicationSchema(businessCertificate);
const labels = Object.fromEntries(businessCertificate.fields.map((field) => [field.name, field.label]));

function issuesOf(input: unknown) {
  try {
    parseOrThrow(schema, input, labels);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('the business certificate application schema (built from the catalog)', () => {
  it('accepts a complete application and trims text', () => {
    const parsed = schema.parse({ ...validBusinessApplication, fullName: '  Budi Santoso ' });
    expect(parsed.fullName).toBe('Budi Santoso');
  });

  it('names a missing field in Indonesian and English', () => {
    const { businessName: _omitted, ...rest } = validBusinessApplication;
    expect(issuesOf(rest)).toEqual([
      { field: 'businessName', message: { id: 'Nama usaha: wajib diisi', en: 'Business name: is required' } },
    ]);
  });

  it('tells a value of the wrong type from a missing one', () => {
    expect(issuesOf({ ...validBusinessApplication, sinceYear: 'dua ribu' })).toEqual([
      {
        field: 'sinceYear',
        message: {
          id: 'Berdiri sejak tahun: harus berupa angka',
          en: 'Running since (year): must be a number',
        },
      },
    ]);
  });

  it('refuses fields the service does not declare', () => {
    expect(issuesOf({ ...validBusinessApplication, status: 'ISSUED' })).toEqual([
      expect.objectContaining({
        field: 'status',
        message: expect.objectContaining({ en: 'field "status" is not allowed' }),
      }),
    ]);
  });

  it('explains an invalid NIK birth date', () => {
    const [issue] = issuesOf({ ...validBusinessApplication, nik: '3510061313900003' });
    expect(issue?.field).toBe('nik');
    expect(issue?.message.en).toMatch(/birth-date part/);
  });

  it('refuses an unknown business type and lists the allowed ones', () => {
    const [issue] = issuesOf({ ...validBusinessApplication, businessType: 'tambang' });
    expect(issue?.message.id).toMatch(/harus salah satu dari: dagang, kuliner/);
  });

  it('refuses a date that is not YYYY-MM-DD and a year out of range', () => {
    const issues = issuesOf({ ...validBusinessApplication, birthDate: '12/08/1990', sinceYear: 1800 });
    expect(issues.map((issue) => issue.field).sort()).toEqual(['birthDate', 'sinceYear']);
  });
});
