import { createHash } from 'node:crypto';
import { DomainError } from '../shared/errors.js';
import { text } from '../shared/text.js';

/**
 * Fixed-window rate limits (issue 4, item 5): a counter per rule, limited value and window, incremented
 * atomically (one DynamoDB ADD in AWS), so concurrent callers each get a distinct count and no more than
 * `limit` of them pass in a window. Windows are aligned to multiples of their length since the epoch (a
 * 15-minute window starts at :00, :15, :30, :45), which makes the window of a moment computable without
 * reading anything. A burst across a boundary can get up to twice the limit in one window's length: the
 * price of one counter per window instead of a sliding log.
 *
 * The limited value (an IP address, a tracking code, an account) is hashed here, before any adapter sees it:
 * counters never hold it in the clear, and nothing a rule is fed (never a NIK) reaches the table.
 */
export interface RateLimitRule {
  /** Names the counter (part of its key): e.g. track-ip, track-code. */
  readonly name: string;
  /** Hits allowed per window; the next one is refused until the window ends. */
  readonly limit: number;
  readonly windowSeconds: number;
}

/** Where window counters live (DynamoDB: one item per counter and window, deleted by TTL once it ends). */
export interface RateCounter {
  /**
   * Adds `delta` to the counter `key` of the window starting at `windowStart` (epoch seconds), creating it
   * if needed with the given expiry (epoch seconds), and returns the count after the change.
   */
  add(key: string, windowStart: number, delta: number, expiresAt: number): Promise<number>;
}

/** A hit that was counted: `refund` takes it back (in its own window, even if the clock moved on). */
export interface RateTicket {
  readonly key: string;
  readonly windowStart: number;
  readonly expiresAt: number;
}

export type RateDecision =
  | { readonly allowed: true; readonly count: number; readonly ticket: RateTicket }
  | {
      readonly allowed: false;
      readonly count: number;
      /** Whole seconds until the window ends (at least 1): the Retry-After of a 429. */
      readonly retryAfterSeconds: number;
      readonly ticket: RateTicket;
    };

/** Counters outlive their window by this much before the table's TTL may delete them. */
const EXPIRY_GRACE_SECONDS = 60;

/** The window `nowMs` falls in: its start and end in epoch seconds. */
export function fixedWindow(rule: RateLimitRule, nowMs: number): { start: number; end: number } {
  const nowSeconds = Math.floor(nowMs / 1000);
  const start = nowSeconds - (nowSeconds % rule.windowSeconds);
  return { start, end: start + rule.windowSeconds };
}

/** The counter key of a rule and a limited value: the rule's name and a SHA-256 of the value. */
export const rateKey = (rule: RateLimitRule, value: string): string =>
  `${rule.name}#${createHash('sha256').update(`${rule.name}:${value}`).digest('hex')}`;

/** Counts one hit of `value` under `rule` and says whether it is within the limit. */
export async function consume(
  counter: RateCounter,
  rule: RateLimitRule,
  value: string,
  now: Date,
): Promise<RateDecision> {
  const { start, end } = fixedWindow(rule, now.getTime());
  const ticket = { key: rateKey(rule, value), windowStart: start, expiresAt: end + EXPIRY_GRACE_SECONDS };
  const count = await counter.add(ticket.key, ticket.windowStart, 1, ticket.expiresAt);
  if (count <= rule.limit) return { allowed: true, count, ticket };
  const retryAfterSeconds = Math.max(1, end - Math.floor(now.getTime() / 1000));
  return { allowed: false, count, retryAfterSeconds, ticket };
}

/** Counts one hit and throws RateLimitedError when it is over the limit; returns the ticket otherwise. */
export async function consumeOrThrow(
  counter: RateCounter,
  rule: RateLimitRule,
  value: string,
  now: Date,
): Promise<RateTicket> {
  const decision = await consume(counter, rule, value, now);
  if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
  return decision.ticket;
}

/**
 * Takes a counted hit back: for rules that count failures, a hit is taken before the attempt (so concurrent
 * attempts cannot all slip under the limit) and given back when the attempt succeeds.
 */
export async function refund(counter: RateCounter, ticket: RateTicket): Promise<void> {
  await counter.add(ticket.key, ticket.windowStart, -1, ticket.expiresAt);
}

/** 429 Too Many Requests, with how long to wait (the API sends it as Retry-After). */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      429,
      'RATE_LIMITED',
      text(
        `Terlalu banyak percobaan. Silakan coba lagi dalam ${minutes} menit.`,
        `Too many attempts. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      ),
      { retryAfterSeconds },
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}
