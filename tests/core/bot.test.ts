import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CareerBot, MAX_QUESTION_CHARS } from '../../src/bot.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { normalize } from '../../src/text/normalize.js';
import type { KnowledgeBase } from '../../src/types.js';

const root = path.resolve(import.meta.dirname, '../..');
let knowledge: KnowledgeBase;
let bot: CareerBot;

beforeAll(async () => {
  ({ knowledge } = await loadKnowledge(path.join(root, 'knowledge')));
  bot = new CareerBot(knowledge, { rateLimitPerMinute: 0 });
});

describe('input limits', () => {
  it(`reads a question over ${MAX_QUESTION_CHARS} characters only up to the limit, and says so when it cannot answer`, () => {
    const long = 'what is the weather like '.repeat(40);
    const { reply } = bot.ask(long);
    expect(reply.kind).toBe('notice');
    expect(reply.kind !== 'answer' && reply.kind !== 'clarify' && reply.text).toContain(`first ${MAX_QUESTION_CHARS}`);
  });

  it('still answers a long question whose first 500 characters are clear', () => {
    const context =
      'For context, I am a commerce student from Pune who has been learning Excel and a bit of Python on weekends. ';
    const long = `Is SQL a backend language? ${context.repeat(5)}`;
    expect(long.length).toBeGreaterThan(MAX_QUESTION_CHARS);
    expect(bot.ask(long).reply).toMatchObject({ kind: 'answer', topic: { id: 'sql-backend-language' } });
  });

  it.each([
    ['empty', ''],
    ['whitespace only', ' \t\n  '],
    ['emoji only', '🚀🔥😂'],
    ['control characters', '\u0000\u0007\u001b[31m'],
    ['zero-width and right-to-left marks', '\u200b\u200c\u200d\u200e\u200f\u202e\u2066'],
    ['a very long single token', 'a'.repeat(100_000)],
    ['lone surrogates', '\ud800\udfff\ud800'],
  ])('handles %s without throwing', (_, text) => {
    const { reply } = bot.ask(text);
    expect(['answer', 'clarify', 'fallback', 'smalltalk', 'notice']).toContain(reply.kind);
  });

  it('answers through zero-width and right-to-left marks inside words', () => {
    expect(bot.ask('is s\u200dql a back\u00adend lang\u200euage').reply).toMatchObject({
      kind: 'answer',
      topic: { id: 'sql-backend-language' },
    });
  });
});

describe('rate limit in askAs', () => {
  it('gives a friendly notice past the per-user limit, per user', async () => {
    const limited = new CareerBot(knowledge, { rateLimitPerMinute: 2 });
    expect((await limited.askAs('salary in india', { user: 'slack:U1' })).reply.kind).toBe('answer');
    expect((await limited.askAs('salary in india', { user: 'slack:U1' })).reply.kind).toBe('answer');
    const third = await limited.askAs('salary in india', { user: 'slack:U1' });
    expect(third.reply.kind).toBe('notice');
    expect(third.reply.kind === 'notice' && third.reply.text).toMatch(/try again in \d+ seconds/);
    expect(third.match).toBeNull();
    expect((await limited.askAs('salary in india', { user: 'discord:42' })).reply.kind).toBe('answer');
  });
});

describe('learned phrasings', () => {
  it('change the next match without a restart', () => {
    const learner = new CareerBot(knowledge, { rateLimitPerMinute: 0 });
    const phrasing = 'blorp snazzle wuggle';
    expect(learner.match(phrasing).outcome).not.toBe('answer');
    learner.setLearned([{ topicId: 'web-servers', text: phrasing }]);
    expect(learner.match(phrasing)).toMatchObject({ outcome: 'answer', topicId: 'web-servers' });
  });
});

describe('properties (fast-check, fixed seed)', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 120 }),
    fc.string({ unit: 'binary', maxLength: 120 }),
    fc
      .array(fc.constantFrom('backend', 'salary', 'sql', 'dev', '@everyone', '<!here>', '🚀', '\u200b', 'c++', '.net', 'india'), {
        maxLength: 30,
      })
      .map((words) => words.join(' ')),
  );

  it('normalize never throws and yields lowercase words without spaces inside', () => {
    fc.assert(
      fc.property(text, (input) => {
        const { text: normalized, tokens } = normalize(input);
        expect(tokens.join(' ')).toBe(normalized);
        for (const token of tokens) expect(token).not.toMatch(/\s/);
      }),
      { seed: 20261121, numRuns: 400 },
    );
  });

  it('match never throws; outcome, confidence and suggestions stay within the contract', () => {
    fc.assert(
      fc.property(text, (input) => {
        const result = bot.match(input);
        expect(['answer', 'clarify', 'fallback', 'smalltalk']).toContain(result.outcome);
        expect(result.confidence).toBeGreaterThanOrEqual(0);
        expect(result.confidence).toBeLessThanOrEqual(1);
        expect(result.suggestions.length).toBeLessThanOrEqual(3);
        for (const s of result.suggestions) expect(knowledge.byId.has(s.topicId)).toBe(true);
        expect(result.outcome === 'answer').toBe(result.topicId !== null);
      }),
      { seed: 20261121, numRuns: 400 },
    );
  });

  it('bot.ask never throws on any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2_000 }), (input) => {
        expect(bot.ask(input).reply.kind).toBeTypeOf('string');
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
