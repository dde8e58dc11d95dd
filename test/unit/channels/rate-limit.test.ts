import { describe, expect, it } from 'vitest';
import {
  consume,
  consumeOrThrow,
  fixedWindow,
  type RateCounter,
  RateLimitedError,
  type RateLimitRule,
  rateKey,
  refund,
} from '../../../functions/core/privacy/rate-limit.js';
import {
  TRACK_FAILURES_PER_CLIENT,
  TRACK_FAILURES_PER_CODE,
} from '../../../functions/core/requests/tracking.js';

/** An in-memory counter that behaves like the DynamoDB ADD: atomic per key and window, expiry recorded. */
class MemoryCounter implements RateCounter {
  readonly items = new Map<string, { hits: number; expiresAt: number }>();

  async add(key: string, windowStart: number, delta: number, expiresAt: number): Promise<number> {
    const id = `${key}|${windowStart}`;
    const item = this.items.get(id) ?? { hits: 0, expiresAt };
    item.hits += delta;
    this.items.set(id, item);
    return item.hits;
  }
}

const rule: RateLimitRule = { name: 'test', limit: 3, windowSeconds: 900 };
const at = (iso: string) => new Date(iso);

describe('fixed-window rate limits', () => {
  it('aligns windows to multiples of their length since the epoch', () => {
    // Prepare: 10:07:30 falls in the 15-minute window 10:00–10:15
    const { start, end } = fixedWindow(rule, Date.parse('2025-03-01T10:07:30Z'));
    // Assess
    expect(new Date(start * 1000).toISOString()).toBe('2025-03-01T10:00:00.000Z');
    expect(new Date(end * 1000).toISOString()).toBe('2025-03-01T10:15:00.000Z');
    expect(fixedWindow(rule, Date.parse('2025-03-01T10:15:00Z')).start).toBe(end);
  });

  it('allows `limit` hits in a window and refuses the next with the seconds left until it ends', async () => {
    // Prepare
    const counter = new MemoryCounter();
    const now = at('2025-03-01T10:07:30Z');
    // Act
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await consume(counter, rule, '203.0.113.7', now));
    // Assess
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    const refused = decisions[3];
    expect(refused?.allowed === false && refused.retryAfterSeconds).toBe(7 * 60 + 30);
  });

  it('starts counting again in the next window', async () => {
    // Prepare: the limit reached just before the boundary
    const counter = new MemoryCounter();
    for (let i = 0; i < 3; i++) await consume(counter, rule, 'x', at('2025-03-01T10:14:59Z'));
    expect((await consume(counter, rule, 'x', at('2025-03-01T10:14:59Z'))).allowed).toBe(false);
    // Act
    const next = await consume(counter, rule, 'x', at('2025-03-01T10:15:00Z'));
    // Assess
    expect(next).toMatchObject({ allowed: true, count: 1 });
  });

  it('counts each limited value apart', async () => {
    const counter = new MemoryCounter();
    const now = at('2025-03-01T10:00:00Z');
    for (let i = 0; i < 3; i++) await consume(counter, rule, 'a', now);
    expect((await consume(counter, rule, 'a', now)).allowed).toBe(false);
    expect((await consume(counter, rule, 'b', now)).allowed).toBe(true);
  });

  it('gives a hit back in the window it was taken in, even after the clock moved on', async () => {
    // Prepare
    const counter = new MemoryCounter();
    const ticket = await consumeOrThrow(counter, rule, 'code', at('2025-03-01T10:14:59Z'));
    // Act: the attempt succeeded after the boundary
    await refund(counter, ticket);
    // Assess: the old window is back to zero, the new one untouched
    expect([...counter.items.values()].map((item) => item.hits)).toEqual([0]);
  });

  it('throws a bilingual 429 with Retry-After seconds over the limit', async () => {
    const counter = new MemoryCounter();
    const now = at('2025-03-01T10:00:00Z');
    for (let i = 0; i < 3; i++) await consumeOrThrow(counter, rule, 'x', now);
    const refused = await consumeOrThrow(counter, rule, 'x', now).catch((error) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 900 });
    expect(refused.messages.id).toMatch(/15 menit/);
    expect(refused.messages.en).toMatch(/15 minutes/);
  });

  it('keys counters by a hash of the value, never the value itself', async () => {
    // Prepare
    const counter = new MemoryCounter();
    // Act
    await consume(counter, TRACK_FAILURES_PER_CODE, 'DD-7K3M-Q9XA', at('2025-03-01T10:00:00Z'));
    await consume(counter, TRACK_FAILURES_PER_CLIENT, '203.0.113.7', at('2025-03-01T10:00:00Z'));
    // Assess
    const keys = [...counter.items.keys()].join(' ');
    expect(keys).not.toMatch(/7K3M|203\.0\.113/);
    expect(rateKey(TRACK_FAILURES_PER_CODE, 'DD-7K3M-Q9XA')).toMatch(/^track-code#[0-9a-f]{64}$/);
  });

  it('sets counters to expire a minute after their window', async () => {
    const counter = new MemoryCounter();
    const decision = await consume(counter, rule, 'x', at('2025-03-01T10:07:30Z'));
    expect(decision.ticket.expiresAt).toBe(Date.parse('2025-03-01T10:16:00Z') / 1000);
  });

  it('declares the tracking limits: 10 failures per client per 15 minutes, 5 per code per hour', () => {
    expect(TRACK_FAILURES_PER_CLIENT).toMatchObject({ limit: 10, windowSeconds: 900 });
    expect(TRACK_FAILURES_PER_CODE).toMatchObject({ limit: 5, windowSeconds: 3600 });
  });
});
