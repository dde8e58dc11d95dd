import { parseNik } from '../../../functions/core/identity/nik.js';
import { type FieldIssue, ValidationError } from '../../../functions/core/shared/errors.js';
import type { LocalizedText } from '../../../functions/core/shared/text.js';
import { normaliseText, textProblem } from '../../../functions/core/shared/text-rules.js';
import { parseOrThrow } from '../../../functions/core/shared/validation.js';

/**
 * The application form's rules in the browser, with the API's own messages. The rules are read from the
 * catalog's field declarations (GET /v1/services) and checked here without zod (~60 KB); each failure is
 * reported as the issue zod would raise, and the API's own `parseOrThrow` turns those issues into the
 * bilingual messages, so the wording is the API's by construction. test/unit/web/validate.test.ts runs
 * this and the API's zod schema on the same inputs and expects the same issues.
 */
export function validateApplication(
  fields: readonly FieldRules[],
  data: Readonly<Record<string, unknown>>,
): FieldIssue[] {
  const labels: Record<string, LocalizedText> = Object.fromEntries(
    fields.map((field) => [`data.${field.name}`, field.label]),
  );
  try {
    parseOrThrow(formSchema(fields) as never, { data }, labels);
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
}

/** What the rules read from a field's declaration (as GET /v1/services sends it, or as the catalog holds it). */
export interface FieldRules {
  readonly name: string;
  readonly type: string;
  readonly label: LocalizedText;
  readonly required: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly choices?: readonly { readonly value: string }[];
}

/**
 * zod's ISO date pattern (z.iso.date()), copied because importing it pulls zod's core into the bundle;
 * the parity test checks it is still zod's.
 */
export const ISO_DATE =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))$/;

interface Issue {
  readonly code: string;
  readonly path: (string | number)[];
  readonly [detail: string]: unknown;
}
type FieldRuleIssue = Omit<Issue, 'path'> & { readonly code: string };

/** Just enough of zod's schema interface for parseOrThrow: safeParse → { success, error.issues }. */
function formSchema(fields: readonly FieldRules[]) {
  return {
    safeParse(input: { data: Record<string, unknown> }) {
      const issues = applicationIssues(fields, input.data).map((issue) => ({
        ...issue,
        path: ['data', ...issue.path],
      }));
      return issues.length === 0 ? { success: true, data: input } : { success: false, error: { issues } };
    },
  };
}

/** The issues zod's strict object of the service's fields raises, in zod's order. */
export function applicationIssues(
  fields: readonly FieldRules[],
  data: Readonly<Record<string, unknown>>,
): Issue[] {
  const issues: Issue[] = [];
  for (const field of fields) {
    const value = data[field.name];
    if (value === undefined && !field.required) continue;
    for (const issue of fieldIssues(field, value)) issues.push({ ...issue, path: [field.name] });
  }
  const known = new Set(fields.map((field) => field.name));
  const unknown = Object.keys(data).filter((key) => !known.has(key));
  if (unknown.length > 0) issues.push({ code: 'unrecognized_keys', keys: unknown, path: [] });
  return issues;
}

function fieldIssues(field: FieldRules, value: unknown): FieldRuleIssue[] {
  // Like zod with reportInput: the input tells "missing" (undefined) from "wrong type".
  const invalidType = (expected: string) => [{ code: 'invalid_type', expected, input: value }];
  switch (field.type) {
    case 'text':
    case 'longText': {
      if (typeof value !== 'string') return invalidType('string');
      // The API's safeText (functions/core/shared/text-schema.ts): the same rule module, the first broken rule only.
      const rule = textProblem(value, { multiline: field.type === 'longText' });
      if (rule) return [{ code: 'custom', params: { rule: `text.${rule}` } }];
      const length = normaliseText(value).length;
      const min = field.minLength ?? 1;
      const max = field.maxLength ?? 500;
      if (length < min) return [{ code: 'too_small', origin: 'string', minimum: min }];
      if (length > max) return [{ code: 'too_big', origin: 'string', maximum: max }];
      return [];
    }
    case 'nik': {
      if (typeof value !== 'string') return invalidType('string');
      const parsed = parseNik(value);
      return typeof parsed === 'string' ? [{ code: 'custom', params: { rule: `nik.${parsed}` } }] : [];
    }
    case 'familyCard': {
      if (typeof value !== 'string') return invalidType('string');
      return /^\d{16}$/.test(value) ? [] : [{ code: 'custom', params: { rule: 'familyCard.format' } }];
    }
    case 'date':
      if (typeof value !== 'string') return invalidType('string');
      return ISO_DATE.test(value) ? [] : [{ code: 'invalid_format', origin: 'string', format: 'date' }];
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return invalidType('number');
      if (!Number.isInteger(value)) return invalidType('int');
      const issues: FieldRuleIssue[] = [];
      if (!Number.isSafeInteger(value)) {
        issues.push(
          value > 0
            ? { code: 'too_big', origin: 'int', maximum: Number.MAX_SAFE_INTEGER }
            : { code: 'too_small', origin: 'int', minimum: Number.MIN_SAFE_INTEGER },
        );
      }
      const min = field.min ?? Number.MIN_SAFE_INTEGER;
      const max = field.max ?? Number.MAX_SAFE_INTEGER;
      if (value < min) issues.push({ code: 'too_small', origin: 'number', minimum: min });
      if (value > max) issues.push({ code: 'too_big', origin: 'number', maximum: max });
      return issues;
    }
    case 'choice': {
      const values = (field.choices ?? []).map((choice) => choice.value);
      return values.includes(value as string) ? [] : [{ code: 'invalid_value', values }];
    }
    default:
      return []; // a field type this build does not know yet: the API decides
  }
}

/** The form's text value for a field, as the API expects it (integers as numbers; empty means absent). */
export function fieldValue(field: FieldRules, raw: string): unknown {
  if (raw.trim() === '') return undefined;
  if (field.type === 'integer') return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  return raw;
}
