import type { LetterTemplate } from '../catalog/types.js';
import { printableOneLine } from '../shared/text-rules.js';
import type { CalendarDate } from './calendar.js';
import { calendarDateIn, DEFAULT_TIME_ZONE, parseCalendarDate, parseInstant } from './calendar.js';

/**
 * A template that cannot be filled completely. Raised while rendering, so a broken template (a typo in a
 * placeholder, a field renamed in the catalog) stops the issue instead of producing a letter with holes.
 * It is a server-side fault (the catalog is wrong), not the applicant's: it is not a DomainError.
 */
export class TemplateError extends Error {
  constructor(
    /** Placeholder names that had no value, in order of first appearance. */
    readonly missing: readonly string[],
    /** Fragments that look like a placeholder but are not one, e.g. "{{full name}}" or "{{nik}". */
    readonly malformed: readonly string[] = [],
  ) {
    const problems = [
      missing.length > 0 ? `no value for ${missing.map((name) => `{{${name}}}`).join(', ')}` : '',
      malformed.length > 0 ? `malformed placeholders ${malformed.map((m) => `"${m}"`).join(', ')}` : '',
    ].filter(Boolean);
    super(`Letter template cannot be filled: ${problems.join('; ')}`);
    this.name = 'TemplateError';
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;
// What is left of a template once its placeholders are taken out must not contain "{{" or "}}".
const MALFORMED = /\{\{[^{}]*\}\}|\{\{[^{}]{0,30}|[^{}]{0,30}\}\}/g;

interface Filled {
  readonly text: string;
  readonly missing: readonly string[];
  readonly malformed: readonly string[];
}

const fill = (template: string, values: Readonly<Record<string, string>>): Filled => {
  const missing: string[] = [];
  // One pass over the template: a value is never scanned again, so an applicant who types "{{nik}}" into a
  // field gets that text printed, not someone's NIK.
  const text = template.replace(PLACEHOLDER, (_match, name: string) => {
    // Object.hasOwn: "{{constructor}}" must not be filled from Object.prototype.
    // A value never adds a line to the letter: its line breaks become ", " (text-rules.printableOneLine).
    if (Object.hasOwn(values, name)) return printableOneLine(String(values[name]));
    if (!missing.includes(name)) missing.push(name);
    return '';
  });
  const malformed = template.replace(PLACEHOLDER, ' ').match(MALFORMED) ?? [];
  return { text, missing, malformed: malformed.map((fragment) => fragment.trim()) };
};

const unique = (items: readonly string[]): string[] => [...new Set(items)];

const throwIfIncomplete = (results: readonly Filled[]): void => {
  const missing = unique(results.flatMap((r) => r.missing));
  const malformed = unique(results.flatMap((r) => r.malformed));
  if (missing.length > 0 || malformed.length > 0) throw new TemplateError(missing, malformed);
};

/** Replaces every `{{name}}` with `values[name]`; throws TemplateError if any name has no value. */
export const fillTemplate = (template: string, values: Readonly<Record<string, string>>): string => {
  const result = fill(template, values);
  throwIfIncomplete([result]);
  return result.text;
};

/** Fills a whole letter template, reporting every missing name of every part in one TemplateError. */
export const fillLetter = (
  template: LetterTemplate,
  values: Readonly<Record<string, string>>,
): LetterTemplate => {
  const title = fill(template.title, values);
  const opening = fill(template.opening, values);
  const body = template.body.map((line) => fill(line, values));
  const closing = fill(template.closing, values);
  throwIfIncomplete([title, opening, ...body, closing]);
  return {
    title: title.text,
    opening: opening.text,
    body: body.map((line) => line.text),
    closing: closing.text,
  };
};

/** The placeholder names a template uses, in order of first appearance (to check a catalog entry up front). */
export const placeholdersOf = (template: string): string[] =>
  unique([...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''));

const INDONESIAN_MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

export interface IndonesianDateOptions {
  /** Zone of the reader's calendar, for instants. @default Asia/Jakarta */
  readonly timeZone?: string;
}

/**
 * "22 November 2026". A date-only string ("2026-11-22", e.g. a birth date) is a calendar date and is printed
 * as is; a timestamp or a Date is an instant and is printed in the village's zone (WIB by default).
 */
export const formatIndonesianDate = (value: string | Date, options: IndonesianDateOptions = {}): string => {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const date: CalendarDate =
    value instanceof Date
      ? calendarDateIn(value, timeZone)
      : (parseCalendarDate(value) ?? calendarDateIn(parseInstant(value, 'date'), timeZone));
  return `${date.day} ${INDONESIAN_MONTHS[date.month - 1]} ${date.year}`;
};
