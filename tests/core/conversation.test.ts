import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CareerBot } from '../../src/bot.js';
import { ConversationMemory } from '../../src/conversation.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeBase } from '../../src/types.js';
import { fakeClock } from '../support/clock.js';

/** Conversation memory under a fake clock: what a follow-up is read with, and for how long. */

describe('ConversationMemory', () => {
  it('keeps the recent topics, most recent first, per conversation', () => {
    const clock = fakeClock();
    const memory = new ConversationMemory({ now: clock.now, topicsPerConversation: 2 });
    memory.remember('a', 'salary-india');
    memory.remember('a', 'apis');
    memory.remember('a', 'databases');
    memory.remember('b', 'degree');
    expect(memory.recent('a')).toEqual(['databases', 'apis']);
    expect(memory.recent('b')).toEqual(['degree']);
    expect(memory.recent('c')).toEqual([]);
  });

  it('forgets a conversation once its time to live has passed since the last turn', () => {
    const clock = fakeClock();
    const memory = new ConversationMemory({ now: clock.now, ttlMs: 60_000 });
    memory.remember('a', 'salary-india');
    clock.advance(59_000);
    expect(memory.recent('a')).toEqual(['salary-india']);
    // A turn renews it.
    memory.remember('a', 'apis');
    clock.advance(59_000);
    expect(memory.recent('a')).toEqual(['apis', 'salary-india']);
    clock.advance(2_000);
    expect(memory.recent('a')).toEqual([]);
  });

  it('holds at most maxConversations, dropping the least recent first', () => {
    const clock = fakeClock();
    const memory = new ConversationMemory({ now: clock.now, maxConversations: 3 });
    for (const key of ['a', 'b', 'c']) {
      memory.remember(key, 'apis');
      clock.advance(1);
    }
    memory.remember('a', 'degree'); // a becomes the most recent
    memory.remember('d', 'apis');
    expect(memory.size).toBe(3);
    expect(memory.recent('b')).toEqual([]);
    expect(memory.recent('a')).toEqual(['degree', 'apis']);
    expect(memory.recent('c')).toEqual(['apis']);
    expect(memory.recent('d')).toEqual(['apis']);
  });

  it('stays bounded under many conversations', () => {
    const clock = fakeClock();
    const memory = new ConversationMemory({ now: clock.now, maxConversations: 100 });
    for (let i = 0; i < 10_000; i++) memory.remember(`c${i}`, 'apis');
    expect(memory.size).toBe(100);
    expect(memory.recent('c9999')).toEqual(['apis']);
    expect(memory.recent('c0')).toEqual([]);
  });
});

describe('CareerBot follow-ups with a fake clock', () => {
  let knowledge: KnowledgeBase;
  beforeAll(async () => {
    ({ knowledge } = await loadKnowledge(path.resolve(import.meta.dirname, '../../knowledge')));
  });
  const topicOf = (bot: CareerBot, text: string, conversation: string) => {
    const { reply } = bot.ask(text, { conversation });
    return reply.kind === 'answer' ? reply.topic.id : reply.kind;
  };

  it('reads a follow-up with the turn before it until the conversation expires', () => {
    const clock = fakeClock();
    const bot = new CareerBot(knowledge, { rateLimitPerMinute: 0, conversation: { now: clock.now, ttlMs: 10 * 60_000 } });
    // "and at senior level?" alone is no question the bot can answer.
    expect(topicOf(bot, 'and at senior level?', 'alone')).not.toBe('salary-us');
    expect(topicOf(bot, 'backend salary in usa', 'k')).toBe('salary-us');
    clock.advance(9 * 60_000);
    expect(topicOf(bot, 'and at senior level?', 'k')).toBe('salary-us');

    expect(topicOf(bot, 'backend salary in usa', 'expiring')).toBe('salary-us');
    clock.advance(10 * 60_000 + 1);
    expect(topicOf(bot, 'and at senior level?', 'expiring')).not.toBe('salary-us');
  });

  it.each([
    ['salary-india', 'is sql a backend language?'],
    ['frameworks', 'do i need a degree to become a backend developer'],
    ['apis', 'how do i prepare for backend interviews'],
  ])('after %s, the standalone question %j is answered as well as without context', async (previous, question) => {
    const clock = fakeClock();
    const bot = new CareerBot(knowledge, { rateLimitPerMinute: 0, conversation: { now: clock.now } });
    const alone = bot.ask(question).reply;
    const topic = bot.topic(previous)!;
    await bot.answerPicked(topic, { conversation: 'k' });
    const inContext = bot.ask(question, { conversation: 'k' }).reply;
    expect(alone.kind).toBe('answer');
    expect(inContext).toEqual(alone);
  });
});
