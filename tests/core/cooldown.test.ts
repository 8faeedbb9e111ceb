import { describe, expect, it } from 'vitest';
import { TopicCooldown } from '../../src/policies/cooldown.js';
import { fakeClock as clock } from '../support/clock.js';
import { temporarySqliteStore } from '../support/store.js';

/** The per-channel topic cooldown on its own, with a clock the test controls. */

describe('TopicCooldown', () => {
  it('refuses the same topic in the same channel within the window, with the earlier post', async () => {
    const time = clock();
    const cooldown = new TopicCooldown({ seconds: 60, now: time.now });
    const first = await cooldown.claim('c1', 'databases');
    expect(first.ok).toBe(true);
    if (first.ok) first.posted('https://discord.com/channels/g/c1/m1');
    time.advance(59_000);
    expect(await cooldown.claim('c1', 'databases')).toEqual({
      ok: false,
      previous: { at: time.now() - 59_000, url: 'https://discord.com/channels/g/c1/m1' },
    });
    expect((await cooldown.claim('c2', 'databases')).ok).toBe(true); // another channel
    expect((await cooldown.claim('c1', 'skills')).ok).toBe(true); // another topic
    time.advance(1_000);
    expect((await cooldown.claim('c1', 'databases')).ok).toBe(true); // the window is over
  });

  it('a released claim (the post failed) frees the slot at once', async () => {
    const cooldown = new TopicCooldown({ seconds: 60 });
    const claim = await cooldown.claim('c1', 'databases');
    if (claim.ok) claim.release();
    expect((await cooldown.claim('c1', 'databases')).ok).toBe(true);
  });

  it('is off when the window is 0 seconds', async () => {
    const cooldown = new TopicCooldown({ seconds: 0 });
    expect((await cooldown.claim('c1', 'databases')).ok).toBe(true);
    expect((await cooldown.claim('c1', 'databases')).ok).toBe(true);
    expect(cooldown.size).toBe(0);
  });

  it('keeps memory bounded: expired entries go, and past the cap the oldest go', async () => {
    const time = clock();
    const cooldown = new TopicCooldown({ seconds: 60, maxEntries: 100, now: time.now });
    for (let i = 0; i < 1000; i++) {
      await cooldown.claim(`channel-${i}`, 'databases');
      time.advance(10);
    }
    expect(cooldown.size).toBe(100);
    // The oldest were evicted (so they may post again); the newest are still cooling down.
    expect((await cooldown.claim('channel-0', 'databases')).ok).toBe(true);
    expect((await cooldown.claim('channel-999', 'databases')).ok).toBe(false);
    time.advance(60_000);
    expect(cooldown.size).toBe(0);
  });
});

describe('TopicCooldown with a shared store', () => {
  it('decides in the store: a topic claimed through one cooldown is refused through another, and a release frees it', async () => {
    const temporary = await temporarySqliteStore('careerbot-cooldown-');
    const { store } = temporary;
    try {
      const time = clock();
      const here = new TopicCooldown({ seconds: 60, now: time.now, shared: store });
      const there = new TopicCooldown({ seconds: 60, now: time.now, shared: store });
      const first = await here.claim('c1', 'databases');
      expect(first.ok).toBe(true);
      time.advance(5_000);
      // Claimed elsewhere: refused, and "when" is the best this process knows (now).
      expect(await there.claim('c1', 'databases')).toEqual({ ok: false, previous: { at: time.now(), url: undefined } });
      expect((await there.claim('c1', 'skills')).ok).toBe(true);
      if (first.ok) first.release();
      await new Promise((resolve) => setImmediate(resolve));
      expect((await there.claim('c1', 'databases')).ok).toBe(true);
      time.advance(60_000);
      expect((await here.claim('c1', 'databases')).ok).toBe(true);
    } finally {
      await temporary.remove();
    }
  });
});
