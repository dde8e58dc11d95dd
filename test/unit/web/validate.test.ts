import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { regexes } from 'zod/v4/core';
import { applicationSchema } from '../../../functions/core/catalog/application-schema.js';
import { SERVICE_CATALOG } from '../../../functions/core/catalog/index.js';
import type { ServiceDefinition } from '../../../functions/core/catalog/types.js';
import { serviceView } from '../../../functions/core/requests/views.js';
import { ValidationError } from '../../../functions/core/shared/errors.js';
import { parseOrThrow } from '../../../functions/core/shared/validation.js';
import { ISO_DATE, validateApplication } from '../../../web/src/shared/validate.js';

/** What the API answers for `data` (the same call submit makes): its field issues, or none. */
function apiIssues(service: ServiceDefinition, data: Record<string, unknown>) {
  const labels = Object.fromEntries(service.fields.map((field) => [`data.${field.name}`, field.label]));
  try {
    parseOrThrow(z.object({ data: applicationSchema(service) }), { data }, labels);
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
}

/** Values near each rule's edges, of every JSON type, as a form (or a careless client) may send them. */
function valueFor(field: ServiceDefinition['fields'][number]): fc.Arbitrary<unknown> {
  const lengths = [field.minLength ?? 1, field.maxLength ?? 500]
    .flatMap((n) => [n - 1, n, n + 1])
    .filter((n) => n >= 0);
  const numbers = [field.min ?? 0, field.max ?? 0].flatMap((n) => [n - 1, n, n + 1, n + 0.5]);
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(...lengths).chain((n) => fc.string({ minLength: n, maxLength: n })),
    fc.constantFrom(
      '',
      '   ',
      ' ab ',
      '3510061208900003',
      '3510061313900003',
      '3510064102900000',
      '351006120890000X',
    ),
    fc.stringMatching(/^\d{16}$/),
    fc
      .date({ min: new Date('1899-01-01'), max: new Date('2101-12-31'), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10)),
    fc.constantFrom('2023-02-29', '2024-02-29', '1990-13-01', '1990-8-12', '12/08/1990'),
    fc.constantFrom(...numbers, 1e20, -1e20, Number.NaN, Number.POSITIVE_INFINITY),
    fc.integer(),
    fc.constantFrom(...(field.choices ?? []).map((choice) => choice.value), 'lainnya'),
    textWith(fc.constantFrom(...UNSAFE)),
    textWith(fc.constantFrom(...INVISIBLE)).map((text) => text.replace(/[^\s]/gu, '\u200b')),
    fc.array(fc.constantFrom(...INVISIBLE), { minLength: 1, maxLength: 6 }).map((chars) => chars.join('')),
    fc.constantFrom(
      'Jose\u0301',
      'A\u030a\u030a\u030a',
      'e\u0301'.repeat(60),
      'Dusun\r\nKrajan RT 01',
      ' x\r\n',
    ),
  );
}

/** Characters the text rule refuses: controls, bidi controls, line breaks, broken text (issue 10, item 4). */
const UNSAFE = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u2029',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
  '\ud800',
  '\udfff',
  '\ufffd',
  '\ufdd0',
  '\ufffe',
  '\u{1ffff}',
];
/** Characters with no ink: alone they make an empty name. */
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u0301', '\u3164', ' '];

/** Ordinary text with one of `chars` somewhere in it. */
const textWith = (chars: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.string({ maxLength: 8 }), chars, fc.string({ maxLength: 8 }))
    .map(([before, char, after]) => `Budi${before}${char}${after}`);

function applicationFor(service: ServiceDefinition): fc.Arbitrary<Record<string, unknown>> {
  const shape = Object.fromEntries(service.fields.map((field) => [field.name, valueFor(field)]));
  return fc
    .tuple(
      fc.record(shape),
      fc.option(fc.dictionary(fc.constantFrom('extra', 'rt', 'catatan'), fc.string()), { nil: undefined }),
    )
    .map(([data, extra]) =>
      Object.fromEntries(Object.entries({ ...data, ...extra }).filter(([, value]) => value !== undefined)),
    );
}

describe("the browser's form validation", () => {
  it("uses zod's own ISO date pattern", () => {
    expect(ISO_DATE.source).toBe(regexes.date.source);
  });

  it.each(SERVICE_CATALOG.map((service) => [service.code, service] as const))(
    'raises exactly the issues and messages the API raises for %s, on any input',
    (_code, service) => {
      // The browser reads the service as GET /v1/services sends it
      const fields = serviceView(service).fields;
      fc.assert(
        fc.property(applicationFor(service), (data) => {
          expect(validateApplication(fields, data)).toEqual(apiIssues(service, data));
        }),
        { numRuns: 300 },
      );
    },
  );

  it('accepts a complete valid application, as the API does', () => {
    const service = SERVICE_CATALOG.find((candidate) => candidate.code === 'SKU') as ServiceDefinition;
    const data = {
      nik: '3510061208900003',
      fullName: 'Budi Santoso',
      birthPlace: 'Banyuwangi',
      birthDate: '1990-08-12',
      address: 'Dusun Krajan RT 01 RW 02, Tampo',
      businessName: 'Warung Kopi Osing',
      businessType: 'kuliner',
      businessAddress: 'Jl. Raya Tampo No. 5',
      sinceYear: 2018,
      purpose: 'Pengajuan KUR di bank',
    };
    expect(validateApplication(serviceView(service).fields, data)).toEqual([]);
    expect(apiIssues(service, data)).toEqual([]);
  });
});
