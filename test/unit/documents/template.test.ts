import { describe, expect, it } from 'vitest';
import { businessCertificate } from '../../../functions/core/catalog/services/business-certificate.js';
import {
  fillLetter,
  fillTemplate,
  formatIndonesianDate,
  placeholdersOf,
  TemplateError,
} from '../../../functions/core/documents/template.js';
import { businessValues } from './fixtures.js';

const catchError = (act: () => unknown): unknown => {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

describe('fillTemplate', () => {
  it('replaces every placeholder, spaces inside the braces allowed', () => {
    const filled = fillTemplate('Kepala Desa {{village}}, warga {{ village }}: {{name}}', {
      village: 'Tampo',
      name: 'Siti',
    });
    expect(filled).toBe('Kepala Desa Tampo, warga Tampo: Siti');
  });

  it('throws a TemplateError naming every placeholder without a value, once each', () => {
    // Act
    const error = catchError(() => fillTemplate('{{a}} {{nik}} {{b}} {{a}}', { nik: '1' }));

    // Assess
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toMatchObject({ name: 'TemplateError', missing: ['a', 'b'] });
    expect((error as Error).message).toContain('{{a}}, {{b}}');
  });

  it('does not expand placeholders typed by the applicant into a value', () => {
    const filled = fillTemplate('Nama: {{name}}', { name: '{{nik}}', nik: '3510154607850003' });
    expect(filled).toBe('Nama: {{nik}}');
  });

  it('does not take values from Object.prototype', () => {
    const error = catchError(() => fillTemplate('{{constructor}} {{toString}}', {}));
    expect(error).toMatchObject({ missing: ['constructor', 'toString'] });
  });

  it('keeps an empty value (an optional field left blank) without complaint', () => {
    expect(fillTemplate('Catatan: {{note}}', { note: '' })).toBe('Catatan: ');
  });

  it.each(['{{full name}}', '{{nik}', 'nik}}', '{{}}'])(
    'rejects the malformed placeholder %s',
    (template) => {
      const error = catchError(() => fillTemplate(`Nama: ${template}`, { nik: '1', full: 'x' }));
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).malformed.length).toBeGreaterThan(0);
    },
  );
});

describe('fillLetter', () => {
  it('fills the business certificate completely from the applicant and place values', () => {
    // Act
    const letter = fillLetter(businessCertificate.letter, businessValues);

    // Assess
    const text = [letter.title, letter.opening, ...letter.body, letter.closing].join('\n');
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(letter.body).toContain('Nama: Siti Aminah');
    expect(letter.opening).toContain('Kepala Desa Tampo, Kecamatan Cluring, Kabupaten Banyuwangi');
  });

  it('reports the missing names of all parts in one error', () => {
    const template = { title: '{{t}}', opening: '{{o}}', body: ['{{b1}}', 'x: {{b2}}'], closing: '{{c}}' };
    const error = catchError(() => fillLetter(template, { o: 'ok' }));
    expect(error).toMatchObject({ missing: ['t', 'b1', 'b2', 'c'] });
  });
});

describe('placeholdersOf', () => {
  it('lists the names a template uses, in order, once each', () => {
    expect(placeholdersOf('{{b}} {{ a }} {{b}}')).toEqual(['b', 'a']);
  });
});

describe('formatIndonesianDate', () => {
  it('writes a calendar date with the Indonesian month name', () => {
    expect(formatIndonesianDate('2026-11-22')).toBe('22 November 2026');
  });

  it.each([
    ['2026-01-05', '5 Januari 2026'],
    ['2026-02-05', '5 Februari 2026'],
    ['2026-03-05', '5 Maret 2026'],
    ['2026-04-05', '5 April 2026'],
    ['2026-05-05', '5 Mei 2026'],
    ['2026-06-05', '5 Juni 2026'],
    ['2026-07-05', '5 Juli 2026'],
    ['2026-08-05', '5 Agustus 2026'],
    ['2026-09-05', '5 September 2026'],
    ['2026-10-05', '5 Oktober 2026'],
    ['2026-11-05', '5 November 2026'],
    ['2026-12-05', '5 Desember 2026'],
  ])('writes %s as %s', (iso, expected) => {
    expect(formatIndonesianDate(iso)).toBe(expected);
  });

  it('writes an instant in WIB: 23:30 UTC on 31 October is 1 November', () => {
    expect(formatIndonesianDate(new Date('2026-10-31T23:30:00Z'))).toBe('1 November 2026');
    expect(formatIndonesianDate('2026-10-31T23:30:00.000Z')).toBe('1 November 2026');
    expect(formatIndonesianDate('2026-11-01T06:30:00+07:00')).toBe('1 November 2026');
  });

  it('writes an instant in another zone when asked', () => {
    expect(formatIndonesianDate('2026-10-31T15:30:00Z', { timeZone: 'Asia/Jayapura' })).toBe(
      '1 November 2026',
    );
  });

  it('never shifts a date-only value (a birth date) by a time zone', () => {
    expect(formatIndonesianDate('1985-07-06', { timeZone: 'America/New_York' })).toBe('6 Juli 1985');
  });

  it.each(['2026-02-30', '22-11-2026', '2026-11-22T10:00', 'kemarin'])('rejects "%s"', (value) => {
    expect(() => formatIndonesianDate(value)).toThrow(RangeError);
  });
});
