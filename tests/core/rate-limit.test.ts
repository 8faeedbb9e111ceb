import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/policies/rate-limit.js';

import { fakeClock as clock } from '../support/clock.js';
import { temporarySqliteStore } from '../support/store.js';

describe('RateLimiter', () => {
  it('allows `limit` questions per window per user, then says how long to wait', async () => {
    const time = clock();
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, now: time.now });
    for (let i = 0; i < 3; i++) expect((await limiter.take('slack:U1')).allowed).toBe(true);
    time.advance(10_000);
    expect(await limiter.take('slack:U1')).toEqual({ allowed: false, retryAfterMs: 50_000 });
    expect((await limiter.take('slack:U2')).allowed).toBe(true);
  });

  it('lets the user ask again once the oldest question leaves the window', async () => {
    const time = clock();
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000, now: time.now });
    await limiter.take('u');
    time.advance(30_000);
    await limiter.take('u');
    expect((await limiter.take('u')).allowed).toBe(false);
    time.advance(30_001);
    expect((await limiter.take('u')).allowed).toBe(true);
    expect((await limiter.take('u')).allowed).toBe(false);
  });

  it('keeps memory bounded: past maxUsers the least recently seen user is forgotten', async () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000, maxUsers: 100 });
    for (let i = 0; i < 1_000; i++) await limiter.take(`user-${i}`);
    expect(limiter.size).toBe(100);
    // user-0 was forgotten, so it may ask again; user-999 is still limited.
    expect((await limiter.take('user-0')).allowed).toBe(true);
    expect((await limiter.take('user-999')).allowed).toBe(false);
  });

  it('a limit of 0 turns limiting off', async () => {
    const limiter = new RateLimiter({ limit: 0, windowMs: 60_000 });
    for (let i = 0; i < 50; i++) expect((await limiter.take('u')).allowed).toBe(true);
    expect(limiter.size).toBe(0);
  });
});

describe('RateLimiter with a shared store', () => {
  it('counts in the store, so two limiters over one store (two replicas) share one budget', async () => {
    const temporary = await temporarySqliteStore('careerbot-rate-');
    const { store } = temporary;
    try {
      const time = clock();
      const a = new RateLimiter({ limit: 2, windowMs: 60_000, now: time.now, shared: store });
      const b = new RateLimiter({ limit: 2, windowMs: 60_000, now: time.now, shared: store });
      expect((await a.take('slack:U1')).allowed).toBe(true);
      expect((await b.take('slack:U1')).allowed).toBe(true);
      expect(await a.take('slack:U1')).toEqual({ allowed: false, retryAfterMs: 60_000 });
      expect((await b.take('slack:U1')).allowed).toBe(false);
      expect(a.size + b.size).toBe(0); // nothing counted in process memory
    } finally {
      await temporary.remove();
    }
  });
});
