import { Logger } from '@aws-lambda-powertools/logger';
import { maskPersonalNumbers } from '../core/privacy/data-subject.js';

/**
 * No NIK or family-card number in any log line (UU 27/2022; DESIGN.md §4 "whole events (with NIKs) in
 * logs"). Code logs ids and error names, never personal data; this is the second line of defence: every
 * logger of the platform serialises through `redactingReplacer`, which masks any NIK-like number (16 digits,
 * or four groups of four) to its region digits, in every string, number and object key of a log item,
 * including error messages and stack traces (the replacer runs again on the fields Powertools makes of an
 * Error, and on its `cause`).
 */
export function redactingReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return maskPersonalNumbers(value);
  if ((typeof value === 'number' || typeof value === 'bigint') && /\d{16}/.test(String(value))) {
    return maskPersonalNumbers(String(value));
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Error)) {
    const entries = Object.entries(value);
    if (entries.some(([name]) => maskPersonalNumbers(name) !== name)) {
      return Object.fromEntries(entries.map(([name, field]) => [maskPersonalNumbers(name), field]));
    }
  }
  return value;
}

/** A Powertools logger that masks NIK-like numbers in everything it writes. */
export const redactingLogger = (serviceName: string): Logger =>
  new Logger({ serviceName, jsonReplacerFn: redactingReplacer });

/**
 * A redacting logger that writes each entry on one line even under POWERTOOLS_DEV (which the local runtime
 * sets, and which makes Powertools indent every entry over a dozen lines): for jobs whose output should read
 * as one line a run. Powertools has no option for it; its indentation is a plain instance field.
 */
export function oneLineLogger(serviceName: string): Logger {
  const logger = redactingLogger(serviceName);
  (logger as unknown as { logIndentation: number }).logIndentation = 0;
  return logger;
}
