import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CareerBot } from '../../src/bot.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { InfoReply, Reply } from '../../src/reply.js';
import type { KnowledgeBase } from '../../src/types.js';

/** The bot's side of issue 10: conversations, two questions in one message, candidate fallbacks. */

const root = path.resolve(import.meta.dirname, '../..');
let knowledge: KnowledgeBase;

beforeAll(async () => {
  ({ knowledge } = await loadKnowledge(path.join(root, 'knowledge')));
});

function topicOf(reply: Reply): string | null {
  return reply.kind === 'answer' ? reply.topic.id : null;
}

describe('conversations', () => {
  it('reads a follow-up with its own conversation only, and forgets it after the expiry', () => {
    let now = 0;
    const bot = new CareerBot(knowledge, { rateLimitPerMinute: 0, conversation: { ttlMs: 60_000, now: () => now } });
    expect(topicOf(bot.ask('what is nginx', { conversation: 'slack:C1:1' }).reply)).toBe('web-servers');
    expect(topicOf(bot.ask('how is it different from apache', { conversation: 'slack:C1:1' }).reply)).toBe('web-servers');
    // Another thread never inherits it.
    expect(topicOf(bot.ask('how is it different from apache', { conversation: 'slack:C1:2' }).reply)).toBeNull();
    now += 61_000;
    expect(topicOf(bot.ask('how is it different from apache', { conversation: 'slack:C1:1' }).reply)).toBeNull();
  });

  it("remembers a picked topic as the conversation's last", async () => {
    const bot = new CareerBot(knowledge, { rateLimitPerMinute: 0 });
    await bot.answerPicked(bot.topic('salary-us')!, { conversation: 'discord:1:2' });
    expect(topicOf(bot.ask('and at senior level?', { conversation: 'discord:1:2' }).reply)).toBe('salary-us');
  });

  it('never makes a standalone question worse: the same answer with or without an earlier turn', () => {
    const bot = new CareerBot(knowledge, { rateLimitPerMinute: 0 });
    const questions = knowledge.topics.slice(0, 12).map((topic) => topic.questions[0]!);
    for (const [i, question] of questions.entries()) {
      const alone = bot.ask(question).reply;
      const before = questions[(i + 5) % questions.length]!;
      bot.ask(before, { conversation: `t${i}` });
      expect(topicOf(bot.ask(question, { conversation: `t${i}` }).reply), question).toBe(topicOf(alone));
    }
  });

  it('holds a bounded number of conversations', () => {
    const bot = new CareerBot(knowledge, { rateLimitPerMinute: 0, conversation: { maxConversations: 2 } });
    bot.ask('what is nginx', { conversation: 'a' });
    bot.ask('backend salary in usa', { conversation: 'b' });
    bot.ask('backend salary in usa', { conversation: 'c' });
    // "a" was the least recent and is gone: its follow-up has nothing to lean on.
    expect(topicOf(bot.ask('how is it different from apache', { conversation: 'a' }).reply)).toBeNull();
    expect(topicOf(bot.ask('and at senior level?', { conversation: 'c' }).reply)).toBe('salary-us');
  });
});

describe('two questions in one message', () => {
  it('answers the main one and offers the other', () => {
    const bot = new CareerBot(knowledge, { rateLimitPerMinute: 0 });
    const { reply } = bot.ask('what is an api and how much do backend devs earn in india');
    expect(reply.kind).toBe('answer');
    if (reply.kind !== 'answer') return;
    expect(reply.topic.id).toBe('apis');
    expect(reply.also).toEqual([{ id: 'salary-india', title: bot.topic('salary-india')!.title }]);
  });

  it('offers nothing more for a message with one question', () => {
    const bot = new CareerBot(knowledge, { rateLimitPerMinute: 0 });
    const { reply } = bot.ask('is sql a backend language?');
    expect(reply.kind === 'answer' && reply.also).toBeFalsy();
  });
});

describe('the fallback', () => {
  const fallback = (bot: CareerBot, question: string): InfoReply => {
    const { reply } = bot.ask(question);
    expect(reply.kind, question).toBe('fallback');
    return reply as InfoReply;
  };

  it("offers the matcher's own closest topics for an unsure question, different per question", () => {
    const bot = new CareerBot(knowledge, { rateLimitPerMinute: 0 });
    const pay = fallback(bot, 'which one pays more');
    const hard = fallback(bot, 'what about the cloud stuff');
    for (const [reply, question] of [
      [pay, 'which one pays more'],
      [hard, 'what about the cloud stuff'],
    ] as const) {
      const ranked = bot.suggest(question, 3).map((s) => s.id);
      expect(reply.topics.length).toBeGreaterThan(0);
      expect(ranked).toContain(reply.topics[0]!.id);
      expect(reply.text).toMatch(/one of these/);
    }
    expect(pay.topics.map((t) => t.id)).not.toEqual(hard.topics.map((t) => t.id));
  });

  it('keeps the short "what I cover" reply for questions about something else', () => {
    const bot = new CareerBot(knowledge, { rateLimitPerMinute: 0 });
    const weather = fallback(bot, 'what is the weather in delhi today');
    const joke = fallback(bot, 'tell me a joke');
    expect(weather.text).toMatch(/outside what I know/);
    expect(weather.topics.map((t) => t.id)).toEqual(joke.topics.map((t) => t.id));
  });
});
