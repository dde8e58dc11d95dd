import type * as z from 'zod/mini';
import { type FieldIssue, ValidationError } from './errors.js';
import { type LocalizedText, text } from './text.js';

/**
 * Parses input with a zod schema and, on failure, throws a ValidationError whose messages name each field
 * in Indonesian and English. Messages are derived from zod's issue codes so every schema speaks alike.
 */
export function parseOrThrow<T extends z.ZodMiniType>(
  schema: T,
  input: unknown,
  labels: FieldLabels = {},
): z.output<T> {
  // reportInput: tells "missing" (undefined) from "wrong type" in invalid_type issues; inputs never leave this module.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) => describeIssue(issue, labels));
  const summary = issues.map((issue) => issue.message);
  throw new ValidationError(
    text(
      `Data tidak valid: ${summary.map((message) => message.id).join('; ')}`,
      `Invalid data: ${summary.map((message) => message.en).join('; ')}`,
    ),
    issues,
  );
}

export type FieldLabels = Readonly<Record<string, LocalizedText>>;

function describeIssue(issue: z.core.$ZodIssue, labels: FieldLabels): FieldIssue[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const field = path ? `${path}.${key}` : key;
      return { field, message: text(`kolom "${field}" tidak dikenal`, `field "${field}" is not allowed`) };
    });
  }
  const name = labels[path] ?? text(path || 'isian', path || 'body');
  return [{ field: path, message: messageFor(issue, name) }];
}

function messageFor(issue: z.core.$ZodIssue, name: LocalizedText): LocalizedText {
  const label = (id: string, en: string) => text(`${name.id}: ${id}`, `${name.en}: ${en}`);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? label('wajib diisi', 'is required')
        : label(
            `harus berupa ${typeNames[issue.expected]?.id ?? issue.expected}`,
            `must be ${typeNames[issue.expected]?.en ?? issue.expected}`,
          );
    case 'too_small':
      return issue.origin === 'string'
        ? label(`minimal ${issue.minimum} karakter`, `must be at least ${issue.minimum} characters`)
        : label(`minimal ${issue.minimum}`, `must be at least ${issue.minimum}`);
    case 'too_big':
      return issue.origin === 'string'
        ? label(`maksimal ${issue.maximum} karakter`, `must be at most ${issue.maximum} characters`)
        : label(`maksimal ${issue.maximum}`, `must be at most ${issue.maximum}`);
    case 'invalid_value':
      return label(
        `harus salah satu dari: ${issue.values.join(', ')}`,
        `must be one of: ${issue.values.join(', ')}`,
      );
    case 'invalid_format':
      return issue.format === 'date'
        ? label('harus tanggal dengan format YYYY-MM-DD', 'must be a date as YYYY-MM-DD')
        : label(`format tidak sesuai (${issue.format})`, `has the wrong format (${issue.format})`);
    case 'custom': {
      const rule = String(issue.params?.rule);
      if (rule === 'required') return label('wajib diisi', 'is required');
      const textRule = textRuleMessages[rule];
      if (textRule) return label(textRule.id, textRule.en);
      return customMessages[rule] ?? label('tidak valid', 'is not valid');
    }
    default:
      return label('tidak valid', 'is not valid');
  }
}

const typeNames: Record<string, LocalizedText> = {
  string: text('teks', 'text'),
  number: text('angka', 'a number'),
  object: text('objek JSON', 'a JSON object'),
  boolean: text('benar/salah', 'true or false'),
  array: text('daftar', 'a list'),
};

/** Messages of the catalog's own rules (custom zod issues carry `params.rule`). */
const customMessages: Record<string, LocalizedText> = {
  'familyCard.format': text('Nomor KK harus 16 digit angka', 'The family card number must be 16 digits'),
  'nik.format': text('NIK harus 16 digit angka', 'NIK must be 16 digits'),
  'nik.birthDate': text(
    'NIK tidak valid: bagian tanggal lahir (digit 7-12) bukan tanggal yang benar',
    'NIK is invalid: its birth-date part (digits 7-12) is not a real date',
  ),
  'nik.sequence': text(
    'NIK tidak valid: nomor urut (4 digit terakhir) tidak boleh 0000',
    'NIK is invalid: its last 4 digits cannot be 0000',
  ),
};

/** Messages of the free-text rules (text-rules.ts), after the field's name. */
const textRuleMessages: Record<string, LocalizedText> = {
  'text.invalid': text(
    'berisi karakter yang tidak sah (pengodean teks rusak)',
    'contains invalid characters (broken text encoding)',
  ),
  'text.lineBreak': text('harus satu baris (tanpa baris baru)', 'must be a single line (no line breaks)'),
  'text.control': text('berisi karakter kendali', 'contains control characters'),
  'text.invisible': text('kosong (hanya karakter tak terlihat)', 'is empty (only invisible characters)'),
};
