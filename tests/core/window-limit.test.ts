import { describe, expect, it } from 'vitest';
import { WindowLimit } from '../../src/policies/window-limit.js';
import { fakeClock as clock } from '../support/clock.js';

const HOUR = 3_600_000;
/** 2026-11-20 12:00 UTC: the start of a clock hour. */
const NOON = Date.UTC(2026, 10, 20, 12, 0, 0);

describe('WindowLimit in one process (the auto-reply limit per channel)', () => {
  it('allows `limit` per key in each clock hour, then says when the hour ends', async () => {
    const time = clock(NOON + 40 * 60_000);
    const limit = new WindowLimit({ limit: 2, windowMs: HOUR, now: time.now });
    expect(await limit.take('slack:C1')).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(await limit.take('slack:C1')).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(await limit.take('slack:C1')).toEqual({ allowed: false, retryAfterMs: 20 * 60_000 });
    expect((await limit.take('slack:C2')).allowed).toBe(true);
    // 13:00, twenty minutes later: a new hour, counted afresh; refusals did not use it up.
    time.advance(20 * 60_000);
    expect((await limit.take('slack:C1')).allowed).toBe(true);
    expect((await limit.take('slack:C1')).allowed).toBe(true);
    expect((await limit.take('slack:C1')).allowed).toBe(false);
  });

  it('keeps memory bounded and turns off with a limit of 0', async () => {
    const time = clock(NOON);
    const bounded = new WindowLimit({ limit: 1, windowMs: HOUR, now: time.now, maxKeys: 3 });
    for (const channel of ['C1', 'C2', 'C3', 'C4']) expect((await bounded.take(channel)).allowed).toBe(true);
    // C1 was forgotten first (least recently counted): counted again; C4 is still remembered.
    expect((await bounded.take('C1')).allowed).toBe(true);
    expect((await bounded.take('C4')).allowed).toBe(false);
    const off = new WindowLimit({ limit: 0, windowMs: HOUR, now: time.now });
    for (let i = 0; i < 10; i++) expect((await off.take('C1')).allowed).toBe(true);
  });
});
