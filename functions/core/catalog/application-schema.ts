import * as z from 'zod/mini';
import { parseNik } from '../identity/nik.js';
import { safeText } from '../shared/text-schema.js';
import type { FieldDefinition, ServiceDefinition } from './types.js';

/**
 * Builds the zod schema of a service's application form from its field declarations, so the API, the
 * OpenAPI document and the front end's forms all validate the same rules.
 */
export function applicationSchema(service: ServiceDefinition) {
  return fieldsSchema(service.fields);
}

/** What a decider records at a stage (DecisionStage.records), in the shape parseOrThrow reports on. */
export const recordsSchema = (fields: readonly FieldDefinition[]) =>
  z.object({ records: fieldsSchema(fields) });

function fieldsSchema(fields: readonly FieldDefinition[]) {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const field of fields) {
    const schema = fieldSchema(field);
    shape[field.name] = field.required ? schema : z.optional(schema);
  }
  const conditional = fields.filter((field) => field.requiredWhen !== undefined);
  const object = z.strictObject(shape);
  if (conditional.length === 0) return object;
  return object.check(
    z.superRefine((values: Record<string, unknown>, context) => {
      for (const { name, requiredWhen } of conditional) {
        const applies = requiredWhen?.oneOf.includes(String(values[requiredWhen.field] ?? ''));
        if (applies && values[name] === undefined) {
          context.addIssue({ code: 'custom', path: [name], params: { rule: 'required' } });
        }
      }
    }),
  );
}

function fieldSchema(field: FieldDefinition): z.ZodMiniType {
  switch (field.type) {
    case 'text':
    case 'longText':
      // Free text reaches signed letters: no control or invisible-only text; `text` stays on one line.
      return safeText({
        min: field.minLength ?? 1,
        max: field.maxLength ?? 500,
        multiline: field.type === 'longText',
      });
    case 'nik':
      return z.string().check(
        z.superRefine((value: string, context) => {
          const parsed = parseNik(value);
          if (typeof parsed === 'string')
            context.addIssue({ code: 'custom', params: { rule: `nik.${parsed}` } });
        }),
      );
    case 'familyCard':
      // Nomor KK: 16 digits, region code first; like the NIK, its existence is the registry's answer.
      return z.string().check(
        z.superRefine((value: string, context) => {
          if (!/^\d{16}$/.test(value))
            context.addIssue({ code: 'custom', params: { rule: 'familyCard.format' } });
        }),
      );
    case 'date':
      return z.iso.date();
    case 'integer':
      return z
        .number()
        .check(
          z.int(),
          z.minimum(field.min ?? Number.MIN_SAFE_INTEGER),
          z.maximum(field.max ?? Number.MAX_SAFE_INTEGER),
        );
    case 'choice': {
      const values = (field.choices ?? []).map((choice) => choice.value);
      return z.enum(values as [string, ...string[]]);
    }
  }
}
