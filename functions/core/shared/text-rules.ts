/**
 * What free text people type may hold before it is stored, printed on a signed letter, sent in an SMS or shown
 * on a staff screen (issue 10, item 4). One module, without zod, so the API's schemas (safe-text-schema.ts)
 * and the browser's form rules (web/src/shared/validate.ts) apply the very same rule.
 *
 * Refused: control characters (C0, DEL and C1; a multi-line text may hold line breaks), bidi controls that
 * reorder what a reader sees, broken text (lone surrogates, U+FFFD — what invalid UTF-8 becomes once decoded —
 * and noncharacters), a line break in a one-line field, and text with nothing visible in it (zero-width
 * spaces, soft hyphens, combining marks alone). Accepted text is NFC-normalised and trimmed; a multi-line
 * text's line breaks become "\n".
 */

/** Why a text is refused; the validator's message key is `text.<rule>`. */
export type TextRule = 'invalid' | 'lineBreak' | 'control' | 'invisible';

export interface TextShape {
  /** Line breaks allowed (addresses, lists, notes). @default false: the text stays on one line */
  readonly multiline?: boolean;
}

// Escapes only, so the source shows which code points are meant (no invisible characters in the file).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** U+FFFD, and the noncharacters: U+FDD0–U+FDEF and the last two code points of every plane. */
const BROKEN =
  /[\uFFFD\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/;
const LINE_BREAK = /\r\n?|[\n\u2028\u2029]/g;
/** C0 (but line breaks, judged apart), DEL, C1, and the bidi embeddings, overrides, isolates and marks. */
const CONTROL = /(?![\n\r])[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** What carries no ink: whitespace, default-ignorable code points (zero-width, soft hyphen, BOM…), marks. */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{M}\u2800]/gu;

/** The first rule `value` breaks, or undefined when it may be stored (after `normaliseText`). */
export function textProblem(value: string, shape: TextShape = {}): TextRule | undefined {
  if (LONE_SURROGATE.test(value) || BROKEN.test(value)) return 'invalid';
  const breaks = new RegExp(LINE_BREAK.source).test(value);
  if (breaks && !shape.multiline) return 'lineBreak';
  if (CONTROL.test(value)) return 'control';
  const trimmed = value.trim();
  // Empty or blank text is the length rule's to report (as before); text of invisible characters only is ours.
  if (trimmed !== '' && trimmed.replace(INVISIBLE, '') === '') return 'invisible';
  return undefined;
}

/** Accepted text as stored: NFC, line breaks as "\n" (multi-line texts), trimmed. */
export function normaliseText(value: string): string {
  return value.normalize('NFC').replace(LINE_BREAK, '\n').trim();
}

/**
 * For the letter renderer, whatever a stored value holds (data written before these rules, or a path that
 * skipped them): one line, no control or bidi characters. Line breaks become ", ".
 */
export function printableOneLine(value: string): string {
  return value
    .split(LINE_BREAK)
    .map((line) => stripControls(line).trim())
    .filter((line) => line !== '')
    .join(', ');
}

/** Removes control and bidi characters (line breaks aside) and lone surrogates. */
export function stripControls(value: string): string {
  return value
    .replace(new RegExp(CONTROL.source, 'gu'), '')
    .replace(new RegExp(LONE_SURROGATE.source, 'g'), '');
}
