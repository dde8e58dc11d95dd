import * as z from 'zod/mini';
import { normaliseText, type TextShape, textProblem } from './text-rules.js';

export interface TextLimits extends TextShape {
  /** @default 1 */
  readonly min?: number;
  readonly max: number;
}

/**
 * A free-text input as the API accepts it (text-rules.ts): a string with no control, bidi or broken
 * characters, not invisible-only, on one line unless `multiline`; stored NFC-normalised and trimmed, its
 * length counted after that. The first broken rule stops the checks (one clear message per field); the
 * browser's validator (web/src/shared/validate.ts) raises the same issues.
 */
export function safeText({ min = 1, max, multiline = false }: TextLimits) {
  return z.string().check(
    z.superRefine((value: string, context) => {
      const rule = textProblem(value, { multiline });
      if (rule) context.addIssue({ code: 'custom', params: { rule: `text.${rule}` }, continue: false });
    }),
    z.overwrite(normaliseText),
    z.minLength(min),
    z.maxLength(max),
  );
}

/** `{ id, en }` texts (labels, announcements), each part a safe text. */
export const safeLocalized = (limits: TextLimits) =>
  z.strictObject({ id: safeText(limits), en: safeText(limits) });
