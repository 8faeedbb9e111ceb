import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CareerBot } from '../../src/bot.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { slashCommand, stringOption } from '../fakes/discord-interactions.js';
import { CALLBACK, EPHEMERAL, freshChannel, startHarness, USERS, waitForLog, type Harness } from './harness.js';

/**
 * The core's per-user rate limit, through the real discord.js Client: `/career ask` counts for the
 * Discord user who asked; autocomplete (every keystroke), help and topics do not.
 */

let h: Harness;
beforeAll(async () => {
  const { knowledge } = await loadKnowledge(path.join(PROJECT_ROOT, 'knowledge'));
  h = await startHarness({}, { bot: new CareerBot(knowledge, { rateLimitPerMinute: 2 }) });
});
afterAll(async () => {
  await h?.close();
});

const QUESTION = 'is sql a backend language?';
const NOTICE = /asking faster than I can keep up/;
const ask = (user: (typeof USERS)[keyof typeof USERS], question = QUESTION) =>
  // A fresh channel each time, so the per-channel topic cooldown plays no part.
  slashCommand(user, freshChannel(), { name: 'career', subcommand: 'ask', options: [stringOption('question', question)] });
const autocomplete = (user: (typeof USERS)[keyof typeof USERS], typed: string) =>
  slashCommand(user, freshChannel(), {
    name: 'career',
    subcommand: 'ask',
    options: [stringOption('question', typed, true)],
    autocomplete: true,
  });

describe('rate limit (2 questions a minute in this test)', () => {
  it('answers two questions, tells the asker privately about the third, and leaves other users alone', async () => {
    for (let i = 0; i < 2; i++) {
      const req = await h.fake.interact(ask(USERS.alice));
      expect(req.body.type).toBe(CALLBACK.reply);
      expect(req.body.data.flags ?? 0).toBe(0);
      expect(req.body.data.embeds[0].title).toBe(h.bot.topic('sql-backend-language')!.title);
    }
    const third = ask(USERS.alice);
    const limited = await h.fake.interact(third);
    expect(limited.body.type).toBe(CALLBACK.reply);
    expect(limited.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(limited.body.data.embeds[0].description).toMatch(NOTICE);
    expect(limited.body.data.embeds[0].description).toMatch(/try again in \d+ seconds/);
    expect(limited.body.data.allowed_mentions).toEqual({ parse: [], users: [] });
    await waitForLog(h.logs, (l) => l.msg === 'answered' && l.interactionId === third.id && l.outcome === 'notice');

    const other = await h.fake.interact(ask(USERS.bob));
    expect(other.body.data.flags ?? 0).toBe(0);
    expect(other.body.data.embeds[0].title).toBe(h.bot.topic('sql-backend-language')!.title);
  });

  it('counts a picked suggestion (topic:<id>) like any question', async () => {
    const user = USERS.mod;
    for (let i = 0; i < 2; i++) await h.fake.interact(ask(user, 'topic:salary-india'));
    const limited = await h.fake.interact(ask(user, 'topic:salary-india'));
    expect(limited.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(limited.body.data.embeds[0].description).toMatch(NOTICE);
  });

  it('keeps autocomplete unlimited and fast, and help and topics working, past the limit', async () => {
    for (let i = 0; i < 3; i++) await h.fake.interact(ask(USERS.helper));
    const started = performance.now();
    for (const typed of [
      's',
      'sq',
      'sql',
      'sql b',
      'sql ba',
      'sql back',
      'sql backend',
      'salary',
      'salary in',
      'salary in india',
    ]) {
      const req = await h.fake.interact(autocomplete(USERS.helper, typed));
      expect(req.body.type).toBe(CALLBACK.autocomplete);
      expect(req.body.data.choices.length).toBeGreaterThan(1);
      expect(JSON.stringify(req.body.data.choices)).not.toMatch(NOTICE);
    }
    // Ten keystrokes through the gateway, the core and the REST callback: well under Discord's 3 seconds each.
    expect(performance.now() - started).toBeLessThan(3000);

    for (const subcommand of ['help', 'topics']) {
      const req = await h.fake.interact(slashCommand(USERS.helper, freshChannel(), { name: 'career', subcommand }));
      expect(req.body.type).toBe(CALLBACK.reply);
      expect(JSON.stringify(req.body.data)).not.toMatch(NOTICE);
    }
    const still = await h.fake.interact(ask(USERS.helper));
    expect(still.body.data.embeds[0].description).toMatch(NOTICE);
  });
});
