import { ValidationError } from '../core/shared/errors.js';
import { text } from '../core/shared/text.js';

/**
 * The Idempotency-Key header of a change a client may send twice (a submission, a survey sent from an
 * offline outbox): its own module, so a handler that reads it carries nothing else of the request routes.
 */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** The submission's Idempotency-Key header, if sent; a malformed one is a 400. */
export function idempotencyKeyOf(headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const key = headers['idempotency-key'];
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationError(
      text(
        'Idempotency-Key harus 8-128 huruf, angka, atau - _ . :',
        'Idempotency-Key must be 8-128 letters, digits or - _ . :',
      ),
      [{ field: 'Idempotency-Key', message: text('format tidak valid', 'invalid format') }],
    );
  }
  return key;
}
