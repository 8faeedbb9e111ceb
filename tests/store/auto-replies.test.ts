import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresHarness, reportPgSkip, sqliteHarness, type StoreHarness } from '../support/store.js';

/** Auto-reply events (issue 13) on every store: counted per channel and kind, by time, busiest channel first. */

reportPgSkip();

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);

describe.each([sqliteHarness(), postgresHarness()] as StoreHarness[])('the $name store', (h) => {
  const test = h.skip ? it.skip : it;
  beforeAll(async () => {
    if (!h.skip) await h.setup();
  });
  afterEach(async () => {
    if (!h.skip) await h.closeAll();
  });
  afterAll(async () => {
    if (!h.skip) await h.teardown();
  });

  test('counts automatic replies, votes, removals and solved posts per channel since a time', async () => {
    const store = await h.fresh(() => T0);
    const event = (channelId: string, kind: 'posted' | 'up' | 'down' | 'removed' | 'solved', at = T0) =>
      store.recordAutoReply({ platform: channelId.startsWith('C') ? 'slack' : 'discord', channelId, topicId: 'sql', kind, at });
    await event('CHELP', 'posted');
    await event('CHELP', 'posted');
    await event('CHELP', 'down');
    await event('CHELP', 'removed');
    await event('8100', 'posted');
    await event('8100', 'up');
    await event('8100', 'solved');
    await event('CHELP', 'posted', T0 - 10 * DAY);
    expect(await store.autoRepliesSince(T0 - DAY)).toEqual([
      { platform: 'slack', channelId: 'CHELP', posted: 2, up: 0, down: 1, removed: 1, solved: 0 },
      { platform: 'discord', channelId: '8100', posted: 1, up: 1, down: 0, removed: 0, solved: 1 },
    ]);
    expect(await store.autoRepliesSince(T0 + 1)).toEqual([]);
  });
});
