import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, postgresHarness, reportPgSkip, sqliteHarness, type StoreHarness } from '../support/store.js';

/**
 * One suite, every store: what `CareerStore` and `SharedState` promise, checked against the embedded
 * SQLite store and a real PostgreSQL server alike. Store-only cases (a corrupt file, WAL, advisory
 * locks, two replicas) live in sqlite.test.ts and postgres.test.ts.
 */

reportPgSkip();

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);

const HARNESSES: StoreHarness[] = [sqliteHarness(), postgresHarness()];

describe.each(HARNESSES)('the $name store', (h) => {
  // describe.each cannot skip one row: skip its cases instead, with the reason printed above.
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

  describe('round trips', () => {
    test('keeps unanswered questions and reads them back by time', async () => {
      const store = await h.fresh(() => T0);
      await store.recordQuestion({ text: 'how do i become a wizard', platform: 'slack', channelId: 'C1', outcome: 'fallback' });
      await store.recordQuestion({
        text: 'which db',
        platform: 'discord',
        channelId: null,
        outcome: 'clarify',
        at: T0 - 2 * DAY,
      });
      expect(await store.questionsSince(T0 - 3 * DAY)).toEqual([
        { id: 2, at: T0 - 2 * DAY, platform: 'discord', channelId: null, outcome: 'clarify', text: 'which db' },
        { id: 1, at: T0, platform: 'slack', channelId: 'C1', outcome: 'fallback', text: 'how do i become a wizard' },
      ]);
      expect(await store.questionsSince(T0 - DAY)).toHaveLength(1);
      expect(await store.questionsSince(T0 + 1)).toEqual([]);
    });

    test('counts feedback per topic and answered questions per topic and UTC day', async () => {
      const store = await h.fresh(() => T0);
      for (const vote of ['up', 'up', 'down'] as const)
        await store.recordFeedback({ topicId: 'databases', vote, platform: 'slack' });
      await store.recordFeedback({ topicId: 'salary-india', vote: 'down', platform: 'discord' });
      await store.recordFeedback({ topicId: 'apis', vote: 'up', platform: 'discord', at: T0 - 40 * DAY });
      expect(await store.feedbackSince(T0 - 30 * DAY)).toEqual([
        { topicId: 'databases', up: 2, down: 1 },
        { topicId: 'salary-india', up: 0, down: 1 },
      ]);
      await store.recordAnswered('databases');
      await store.recordAnswered('databases');
      await store.recordAnswered('apis', T0 - DAY);
      await store.recordAnswered('apis', T0 - 10 * DAY);
      expect(await store.answeredSince(T0 - 2 * DAY)).toEqual([
        { topicId: 'databases', count: 2 },
        { topicId: 'apis', count: 1 },
      ]);
      // From the start of `since`'s day: an answer late on that day counts.
      expect(await store.answeredSince(T0 - 10 * DAY + 11 * 3_600_000)).toEqual([
        { topicId: 'apis', count: 2 },
        { topicId: 'databases', count: 2 },
      ]);
    });

    test('ties are ordered by topic id byte by byte, the same in every store', async () => {
      const store = await h.fresh(() => T0);
      for (const topicId of ['b-topic', 'B-topic', 'a-topic', '_topic']) await store.recordAnswered(topicId);
      expect((await store.answeredSince(T0)).map((t) => t.topicId)).toEqual(['B-topic', '_topic', 'a-topic', 'b-topic']);
    });

    test('records moderator links and learns their text once per normalised phrasing; a new topic moves it', async () => {
      let now = T0;
      const store = await h.fresh(() => now);
      const link = (topicId: string, text: string | null, learn = true) =>
        store.recordModeratorLink({ topicId, moderatorId: 'UMOD', platform: 'slack', text, learn });
      expect(await link('databases', 'Which DB should I learn first?')).toEqual({ learned: 'added' });
      now += 1000;
      expect(await link('databases', 'which db should i learn first')).toEqual({ learned: 'unchanged' });
      expect(await link('databases', null)).toEqual({ learned: null });
      expect(await link('databases', 'not learned', false)).toEqual({ learned: null });
      expect(await link('databases', '?!')).toEqual({ learned: 'empty' });
      expect(await store.learnedPhrasings()).toEqual([
        {
          id: 1,
          topicId: 'databases',
          text: 'Which DB should I learn first?',
          normalized: 'which database should i learn first',
          at: T0,
        },
      ]);
      now += 1000;
      expect(await link('sql-backend-language', 'which database should I learn first')).toEqual({ learned: 'moved' });
      expect(await store.learnedPhrasings()).toEqual([
        {
          id: 1,
          topicId: 'sql-backend-language',
          text: 'which database should I learn first',
          normalized: 'which database should i learn first',
          at: T0 + 2000,
        },
      ]);
      expect(await store.moderatorLinksSince(T0)).toBe(6);
      expect(await store.moderatorLinksSince(T0 + 1)).toBe(5);
    });

    test('the same new phrasing linked many times at once is learned once', async () => {
      const store = await h.fresh(() => T0);
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.recordModeratorLink({
            topicId: 'apis',
            moderatorId: 'U1',
            platform: 'slack',
            text: 'what is a rest api',
            learn: true,
          }),
        ),
      );
      expect(outcomes.map((o) => o.learned).sort()).toEqual(['added', ...Array(7).fill('unchanged')]);
      expect(await store.learnedPhrasings()).toHaveLength(1);
      expect(await store.moderatorLinksSince(0)).toBe(8);
    });

    test('removes learned phrasings by id and says how many it removed', async () => {
      const store = await h.fresh();
      for (const text of ['one phrasing', 'two phrasing', 'three phrasing']) {
        await store.recordModeratorLink({ topicId: 'apis', moderatorId: 'U1', platform: 'discord', text, learn: true });
      }
      expect(await store.removeLearnedPhrasings([2, 99])).toBe(1);
      expect(await store.removeLearnedPhrasings([])).toBe(0);
      expect((await store.learnedPhrasings()).map((p) => p.id)).toEqual([1, 3]);
    });

    test('keeps texts as given, including quotes, emoji and characters SQL would trip on', async () => {
      const store = await h.fresh(() => T0);
      const text = `it's "fine"; DROP TABLE questions; -- 🚀 naïve \\ %_`;
      await store.recordQuestion({ text, platform: 'slack', channelId: "C'1", outcome: 'fallback' });
      expect(await store.questionsSince(0)).toMatchObject([{ text, channelId: "C'1" }]);
    });

    test('survives a close and re-open with everything in place', async () => {
      const first = await h.fresh();
      await first.recordQuestion({ text: 'kept', platform: 'slack', channelId: 'C1', outcome: 'clarify' });
      await first.recordModeratorLink({ topicId: 'apis', moderatorId: 'U1', platform: 'slack', text: 'kept too', learn: true });
      await first.setSetting('auto-reply:C1', ['databases']);
      await first.close();
      const second = await h.another();
      expect((await second.questionsSince(0)).map((q) => q.text)).toEqual(['kept']);
      expect((await second.learnedPhrasings()).map((p) => p.text)).toEqual(['kept too']);
      expect(await second.getSetting('auto-reply:C1')).toEqual(['databases']);
    });
  });

  describe('shared state', () => {
    const MINUTE = 60_000;

    test('a cooldown claim wins once per channel and topic within its window', async () => {
      const store = await h.fresh();
      expect(await store.claimCooldown('slack:C1', 'apis', MINUTE, T0)).toBe(true);
      expect(await store.claimCooldown('slack:C1', 'apis', MINUTE, T0 + MINUTE - 1)).toBe(false);
      expect(await store.claimCooldown('slack:C1', 'databases', MINUTE, T0 + 1)).toBe(true);
      expect(await store.claimCooldown('slack:C2', 'apis', MINUTE, T0 + 1)).toBe(true);
      expect(await store.claimCooldown('slack:C1', 'apis', MINUTE, T0 + MINUTE)).toBe(true);
      expect(await store.claimCooldown('slack:C1', 'apis', MINUTE, T0 + MINUTE + 1)).toBe(false);
      // A window of 0 turns the cooldown off.
      expect(await store.claimCooldown('slack:C1', 'apis', 0, T0 + MINUTE + 2)).toBe(true);
    });

    test('a released claim frees the slot; releasing an older claim leaves a later one', async () => {
      const store = await h.fresh();
      expect(await store.claimCooldown('slack:C1', 'apis', MINUTE, T0)).toBe(true);
      await store.releaseCooldown('slack:C1', 'apis', T0);
      expect(await store.claimCooldown('slack:C1', 'apis', MINUTE, T0 + 1)).toBe(true);
      await store.releaseCooldown('slack:C1', 'apis', T0);
      expect(await store.claimCooldown('slack:C1', 'apis', MINUTE, T0 + 2)).toBe(false);
    });

    test('of many claims at the same moment, exactly one wins', async () => {
      const store = await h.fresh();
      const claims = await Promise.all(Array.from({ length: 12 }, () => store.claimCooldown('discord:9', 'apis', MINUTE, T0)));
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    test('a rate limit allows `limit` per window, then says when the next one is accepted', async () => {
      const store = await h.fresh();
      const take = (user: string, at: number, limit = 3) => store.takeRateLimit(user, limit, MINUTE, at);
      expect(await take('slack:U1', T0)).toEqual({ allowed: true, retryAfterMs: 0 });
      expect(await take('slack:U1', T0 + 10_000)).toEqual({ allowed: true, retryAfterMs: 0 });
      expect(await take('slack:U1', T0 + 20_000)).toEqual({ allowed: true, retryAfterMs: 0 });
      expect(await take('slack:U1', T0 + 30_000)).toEqual({ allowed: false, retryAfterMs: 30_000 });
      expect(await take('slack:U2', T0 + 30_000)).toEqual({ allowed: true, retryAfterMs: 0 });
      // The first one left the window: one more is allowed, then the second one must leave.
      expect(await take('slack:U1', T0 + MINUTE)).toEqual({ allowed: true, retryAfterMs: 0 });
      expect(await take('slack:U1', T0 + MINUTE + 1)).toEqual({ allowed: false, retryAfterMs: 9_999 });
      expect(await take('slack:U1', T0 + MINUTE + 2, 0)).toEqual({ allowed: true, retryAfterMs: 0 });
    });

    test('concurrent requests of one user are counted exactly', async () => {
      const store = await h.fresh();
      const decisions = await Promise.all(Array.from({ length: 10 }, () => store.takeRateLimit('discord:7', 4, MINUTE, T0)));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(4);
    });

    test('a window count allows `limit` per key in each clock hour, then says when the hour ends', async () => {
      const store = await h.fresh();
      const HOUR = 60 * MINUTE;
      const allowed = { allowed: true, retryAfterMs: 0 };
      // T0 is 12:00 UTC: the window is 12:00-13:00 whatever the first take's minute.
      const take = (key: string, at: number, limit = 2) => store.takeWindowCount(key, limit, HOUR, at);
      expect(await take('auto-reply:slack:C1', T0 + 10 * MINUTE)).toEqual(allowed);
      expect(await take('auto-reply:slack:C1', T0 + 20 * MINUTE)).toEqual(allowed);
      expect(await take('auto-reply:slack:C1', T0 + 50 * MINUTE)).toEqual({ allowed: false, retryAfterMs: 10 * MINUTE });
      expect(await take('auto-reply:slack:C1', T0 + 59 * MINUTE)).toEqual({ allowed: false, retryAfterMs: MINUTE });
      expect(await take('auto-reply:discord:C1', T0 + 50 * MINUTE)).toEqual(allowed);
      // 13:00: a new hour, counted afresh (even though the last allowed one was 40 minutes ago).
      expect(await take('auto-reply:slack:C1', T0 + HOUR)).toEqual(allowed);
      expect(await take('auto-reply:slack:C1', T0 + HOUR + 1)).toEqual(allowed);
      expect(await take('auto-reply:slack:C1', T0 + HOUR + 2)).toEqual({ allowed: false, retryAfterMs: HOUR - 2 });
      // A limit of 0 turns counting off.
      expect(await take('auto-reply:slack:C1', T0 + HOUR + 3, 0)).toEqual(allowed);
    });

    test('concurrent takes in one window are counted exactly', async () => {
      const store = await h.fresh();
      const HOUR = 60 * MINUTE;
      const decisions = await Promise.all(
        Array.from({ length: 12 }, (_, i) => store.takeWindowCount('auto-reply:discord:9', 5, HOUR, T0 + i)),
      );
      expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
      expect((await store.takeWindowCount('auto-reply:discord:9', 5, HOUR, T0 + 20)).allowed).toBe(false);
    });

    test('settings hold JSON values, overwrite, and are undefined until set', async () => {
      const store = await h.fresh();
      expect(await store.getSetting('auto-reply:C1')).toBeUndefined();
      const value = { channels: ['C1', 'C2'], enabled: true, threshold: 0.5, note: null, nested: { ü: [1, 'two'] } };
      await store.setSetting('auto-reply:C1', value);
      expect(await store.getSetting('auto-reply:C1')).toEqual(value);
      await store.setSetting('auto-reply:C1', []);
      expect(await store.getSetting('auto-reply:C1')).toEqual([]);
      await store.setSetting('flag', null);
      expect(await store.getSetting('flag')).toBeNull();
      await store.setSetting('text', 'plain');
      expect(await store.getSetting('text')).toBe('plain');
    });

    test('learned-phrasing listeners hear additions, moves and removals, and nothing else', async () => {
      const store = await h.fresh();
      let heard = 0;
      const stop = store.onLearnedChanged(() => heard++);
      const link = (topicId: string, text: string | null, learn = true) =>
        store.recordModeratorLink({ topicId, moderatorId: 'U1', platform: 'slack', text, learn });
      await link('apis', 'what is rest');
      await eventually(() => heard === 1, 'the addition');
      // Changes nothing: no event. The next real change proves the quiet ones were not just late.
      await link('apis', 'What is REST?');
      await link('apis', '?!');
      await link('apis', 'not learned', false);
      await link('apis', null);
      expect(await store.removeLearnedPhrasings([999])).toBe(0);
      await link('databases', 'what is rest');
      await eventually(() => heard === 2, 'the move');
      const [phrasing] = await store.learnedPhrasings();
      await store.removeLearnedPhrasings([phrasing!.id]);
      await eventually(() => heard === 3, 'the removal');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heard).toBe(3);
      stop();
      await link('apis', 'another phrasing');
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(heard).toBe(3);
    });
  });
});
