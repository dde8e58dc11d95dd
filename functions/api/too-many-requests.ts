import { RateLimitedError } from '../core/rate-limit.js';
import type { ApiResult } from './http.js';

/**
 * A refused attempt over a rate limit as the API answers it: 429 with the bilingual error body every error
 * has, and Retry-After (seconds to the end of the window). Any other error is thrown on, to the usual handler.
 */
export function tooManyRequests(error: unknown): ApiResult {
  if (!(error instanceof RateLimitedError)) throw error;
  return {
    status: 429,
    body: { error: { code: error.code, message: error.messages } },
    headers: { 'retry-after': String(error.retryAfterSeconds) },
  };
}
