import type { LocalizedText } from './text.js';

/**
 * Errors the API turns into 4xx answers. Each carries a bilingual message a person understands and, where
 * it helps, the field or the state that caused it. Anything else is a 5xx whose details stay in the logs.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: LocalizedText,
    readonly details?: Readonly<Record<string, unknown>>,
    /** Headers the answer carries (e.g. Retry-After on a 429). */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(messages.en);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(
    messages: LocalizedText,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(400, 'VALIDATION_FAILED', messages, { issues });
  }
}

export interface FieldIssue {
  readonly field: string;
  readonly message: LocalizedText;
}

export class NotFoundError extends DomainError {
  constructor(messages: LocalizedText) {
    super(404, 'NOT_FOUND', messages);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, messages: LocalizedText, details?: Readonly<Record<string, unknown>>) {
    super(409, code, messages, details);
  }
}

export class ForbiddenError extends DomainError {
  constructor(messages: LocalizedText) {
    super(403, 'FORBIDDEN', messages);
  }
}

export class UnprocessableError extends DomainError {
  constructor(code: string, messages: LocalizedText) {
    super(422, code, messages);
  }
}
