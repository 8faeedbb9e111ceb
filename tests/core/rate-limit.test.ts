import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/policies/rate-limit.js';
import { fakeClock as clock } from '../support/clock.js';

describe('RateLimiter', () => {
  it('allows `limit` questions per window per user, then says how long to wait', () => {
    const time = clock();
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, now: time.now });
    expect([1, 2, 3].map(() => limiter.take('slack:U1').allowed)).toEqual([true, true, true]);
    time.advance(10_000);
    expect(limiter.take('slack:U1')).toEqual({ allowed: false, retryAfterMs: 50_000 });
    expect(limiter.take('slack:U2').allowed).toBe(true);
  });

  it('lets the user ask again once the oldest question leaves the window', () => {
    const time = clock();
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000, now: time.now });
    limiter.take('u');
    time.advance(30_000);
    limiter.take('u');
    expect(limiter.take('u').allowed).toBe(false);
    time.advance(30_001);
    expect(limiter.take('u').allowed).toBe(true);
    expect(limiter.take('u').allowed).toBe(false);
  });

  it('keeps memory bounded: past maxUsers the least recently seen user is forgotten', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000, maxUsers: 100 });
    for (let i = 0; i < 1_000; i++) limiter.take(`user-${i}`);
    expect(limiter.size).toBe(100);
    // user-0 was forgotten, so it may ask again; user-999 is still limited.
    expect(limiter.take('user-0').allowed).toBe(true);
    expect(limiter.take('user-999').allowed).toBe(false);
  });

  it('a limit of 0 turns limiting off', () => {
    const limiter = new RateLimiter({ limit: 0, windowMs: 60_000 });
    for (let i = 0; i < 50; i++) expect(limiter.take('u').allowed).toBe(true);
    expect(limiter.size).toBe(0);
  });
});
