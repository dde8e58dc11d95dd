import fc from 'fast-check';
import * as z from 'zod/mini';
import { applicationSchema } from '../../functions/core/catalog/application-schema.js';
import type { ServiceDefinition } from '../../functions/core/catalog/index.js';

/**
 * Bodies for the API, generated from its zod schemas: valid ones from the JSON Schema that zod derives
 * (`z.toJSONSchema`), and invalid ones by mutating valid ones (a field dropped, a wrong type, an extra key,
 * a string too long or too short, a broken pattern, a bad NIK, stray unicode…). Every mutant is checked
 * against the zod schema itself, so an "invalid" body is never one the API would rightly accept.
 */
export type JsonSchema = {
  readonly type?: string;
  readonly properties?: Record<string, JsonSchema>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly items?: JsonSchema;
  readonly $ref?: string;
  readonly $defs?: Record<string, JsonSchema>;
};

/** The JSON Schema of a zod schema as a client sends it (input side), with a top-level $ref resolved. */
export function jsonSchemaOf(schema: z.ZodMiniType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const ref = json.$ref?.replace('#/$defs/', '');
  return ref && json.$defs?.[ref] ? json.$defs[ref] : json;
}

// --- Valid values ---

/** Letters, digits and a little punctuation, with some non-ASCII letters: names and addresses as typed. */
const TEXT_CHARS = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''),
  ...' .,-/'.split(''),
  ...'éèñüöçÉÑ'.split(''),
);

/** A string of `min`…`max` UTF-16 units with no leading or trailing space (zod trims before measuring). */
export function trimmedText(min: number, max: number): fc.Arbitrary<string> {
  return fc.string({ unit: TEXT_CHARS, maxLength: Math.min(max, min + 40) }).map((value) => {
    let text = value.trim();
    if (text.length > max) text = text.slice(0, max).trimEnd();
    return text.padEnd(min, 'x');
  });
}

/** A NIK: 6 region digits, a real birth date as DDMMYY (+40 on the day for women), a sequence other than 0000. */
export const validNik = fc
  .record({
    region: fc.stringMatching(/^\d{6}$/),
    birth: fc.date({
      min: new Date('1930-01-01T00:00:00Z'),
      max: new Date('2025-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    woman: fc.boolean(),
    sequence: fc.integer({ min: 1, max: 9999 }),
  })
  .map(({ region, birth, woman, sequence }) => {
    const day = birth.getUTCDate() + (woman ? 40 : 0);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${region}${two(day)}${two(birth.getUTCMonth() + 1)}${two(birth.getUTCFullYear() % 100)}${String(sequence).padStart(4, '0')}`;
  })
  .filter((nik) => {
    // two-digit years: 29 February needs a year divisible by 4 in both centuries' reading
    const year = Number(nik.slice(10, 12));
    return !(nik.slice(8, 10) === '02' && Number(nik.slice(6, 8)) % 40 === 29 && year % 4 !== 0);
  });

/** A family card number (nomor KK): 16 digits, region first. */
export const validFamilyCard = fc.stringMatching(/^[1-9]\d{15}$/);

/**
 * Values for field types whose rules JSON Schema cannot carry (zod refinements): by FieldDefinition type.
 * A new refined type needs an entry here, or valid applications of its services cannot be generated.
 */
const BY_FIELD_TYPE: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  nik: validNik,
  familyCard: validFamilyCard,
};

const isoDate = fc
  .date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/** A value valid for `schema` (the JSON Schema keywords zod emits for this API's schemas). */
export function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date') return isoDate;
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return trimmedText(schema.minLength ?? 0, schema.maxLength ?? 60);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items ?? {}), { maxLength: 3 });
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      return fc.record(
        Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, validValue(child)])),
        { requiredKeys: Object.keys(properties).filter((name) => required.has(name)) },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/**
 * A valid application for a service: its form's JSON Schema, with the checks JSON Schema cannot say (the
 * NIK's structure, zod refinements) filled by field type and confirmed by the service's zod schema.
 */
export function validApplication(service: ServiceDefinition): fc.Arbitrary<Record<string, unknown>> {
  const schema = applicationSchema(service);
  const json = jsonSchemaOf(schema);
  const properties = json.properties ?? {};
  const required = new Set(json.required ?? []);
  const fields = Object.fromEntries(
    Object.entries(properties).map(([name, child]) => {
      const declared = service.fields.find((field) => field.name === name);
      return [name, (declared && BY_FIELD_TYPE[declared.type]) ?? validValue(child)];
    }),
  );
  return fc
    .record(fields, { requiredKeys: Object.keys(properties).filter((name) => required.has(name)) })
    .filter((data) => schema.safeParse(data).success);
}

// --- Invalid values: mutations of valid ones ---

/** Values of every JSON type, the odd ones included. */
const anyJson = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(1e308, -1e308, 0.5, -0),
  fc.string({ maxLength: 20 }),
  fc.constant({}),
  fc.constant([]),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

/** Strings that break things: empty, blank, huge, control characters, lone surrogates, RTL, emoji, injection. */
const nastyString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    '\u0000',
    '\ud800',
    '\udfff',
    '\u202e\u202d',
    '😀'.repeat(300),
    "'; DROP TABLE requests; --",
    '<script>alert(1)</script>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell probe, sent as literal text
    '${jndi:ldap://x}',
    '../../etc/passwd',
    '__proto__',
    'constructor',
  ),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.integer({ min: 1001, max: 200_000 }).map((length) => 'x'.repeat(length)),
);

/** NIKs that are wrong in every way parseNik knows: length, digits, birth date, sequence. */
export const badNik = fc.oneof(
  fc.stringMatching(/^\d{1,15}$/),
  fc.stringMatching(/^\d{17,20}$/),
  fc.stringMatching(/^\d{6}[a-zA-Z]\d{9}$/),
  fc.stringMatching(/^\d{6}(?:00|3[2-9]|7[2-9]|[89]\d)\d{8}$/), // day 0, 32–39, 72–99
  fc.stringMatching(/^\d{8}(?:00|1[3-9]|[2-9]\d)\d{6}$/), // month 0 or >12
  fc.stringMatching(/^\d{12}0000$/),
  fc.constantFrom(' 3510061208900003', '3510061208900003 ', '3510-0612-0890-0003', '3510063002900003'),
);

/** Family card numbers that are not 16 digits. */
export const badFamilyCard = fc.oneof(
  fc.stringMatching(/^\d{1,15}$/),
  fc.stringMatching(/^\d{17,20}$/),
  fc.stringMatching(/^\d{8}[a-zA-Z -]\d{7}$/),
);

type Body = Record<string, unknown>;
type Path = readonly string[];

const get = (body: unknown, path: Path): unknown =>
  path.reduce<unknown>(
    (value, key) => (value && typeof value === 'object' ? (value as Body)[key] : undefined),
    body,
  );

function setAt(body: Body, path: Path, value: unknown): Body {
  const [head, ...rest] = path;
  if (head === undefined) return body;
  const copy: Body = { ...body };
  if (rest.length === 0) copy[head] = value;
  else copy[head] = setAt((body[head] as Body) ?? {}, rest, value);
  return copy;
}

function removeAt(body: Body, path: Path): Body {
  const [head, ...rest] = path;
  if (head === undefined) return body;
  const copy: Body = { ...body };
  if (rest.length === 0) delete copy[head];
  else copy[head] = removeAt((body[head] as Body) ?? {}, rest);
  return copy;
}

/** Where the valid body has values, and what the schema says about each. */
function leaves(schema: JsonSchema, path: Path = []): { path: Path; schema: JsonSchema }[] {
  if (schema.type !== 'object' || !schema.properties) return path.length > 0 ? [{ path, schema }] : [];
  return [
    ...(path.length > 0 ? [{ path, schema }] : []),
    ...Object.entries(schema.properties).flatMap(([name, child]) => leaves(child, [...path, name])),
  ];
}

/**
 * Invalid variants of a valid body for an object schema: each picks a place in the body and breaks it. The
 * oracle (the route's own validation, as a predicate) filters out the rare mutant that is valid after all.
 */
export function mutations(
  valid: fc.Arbitrary<Body>,
  schema: JsonSchema,
  isValid: (body: unknown) => boolean,
  special: Readonly<Record<string, fc.Arbitrary<unknown>>> = {},
): fc.Arbitrary<unknown> {
  const places = leaves(schema);
  const place = fc.constantFrom(...places);
  const mutated = fc.oneof(
    // a field missing
    fc.tuple(valid, place).map(([body, at]) => removeAt(body, at.path)),
    // a value of the wrong type (or of the right type but odd)
    fc.tuple(valid, place, anyJson).map(([body, at, value]) => setAt(body, at.path, value)),
    // a string that breaks length, pattern or sanity
    fc.tuple(valid, place, nastyString).map(([body, at, value]) => setAt(body, at.path, value)),
    // a string one past its limits
    fc
      .tuple(valid, fc.constantFrom(...places.filter((at) => at.schema.type === 'string')))
      .chain(([body, at]) =>
        fc
          .constantFrom(
            'x'.repeat((at.schema.maxLength ?? 5000) + 1),
            'x'.repeat(Math.max(0, (at.schema.minLength ?? 1) - 1)),
          )
          .map((value) => setAt(body, at.path, value)),
      ),
    // a number outside its range, or not an integer
    fc
      .tuple(valid, place)
      .chain(([body, at]) =>
        fc
          .constantFrom(
            (at.schema.minimum ?? 0) - 1,
            (at.schema.maximum ?? 0) + 1,
            (at.schema.minimum ?? 0) + 0.5,
            Number.MAX_SAFE_INTEGER + 2,
          )
          .map((value) => setAt(body, at.path, value)),
      ),
    // an extra key, at the top or inside an object
    fc
      .tuple(
        valid,
        fc.constantFrom(
          [] as Path,
          ...places.filter((at) => at.schema.type === 'object').map((at) => at.path),
        ),
        fc.oneof(
          fc.constantFrom('status', 'approvedBy', 'version', '__proto__', 'constructor', ''),
          fc.string(),
        ),
        anyJson,
      )
      .map(([body, at, key, value]) => {
        const target = get(body, at);
        const extended = { ...(target as Body) };
        Object.defineProperty(extended, key, { value, enumerable: true, writable: true, configurable: true });
        return at.length === 0 ? extended : setAt(body, at, extended);
      }),
    // field-specific breakage (bad NIKs…)
    ...Object.entries(special).map(([dotted, arbitrary]) =>
      fc.tuple(valid, arbitrary).map(([body, value]) => setAt(body, dotted.split('.'), value)),
    ),
  );
  return mutated.filter((body) => !isValid(body));
}

/** Whole bodies that are not the route's object at all. */
export const notAnObject = fc.oneof(
  fc.constantFrom(null, true, 0, 'text', [], [{}]),
  fc.array(anyJson, { maxLength: 3 }),
  fc.string({ maxLength: 30 }),
);

/** Texts that are not JSON (the body is sent as is). */
export const notJson = fc
  .oneof(
    fc.constantFrom(
      '',
      '{',
      '{"a":',
      '{serviceCode: "SKU"}',
      "{'a': 1}",
      'undefined',
      'NaN',
      '\u0000',
      '[1,]',
    ),
    fc.string({ maxLength: 30 }),
  )
  .filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });
