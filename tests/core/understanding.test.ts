import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { followUpCue, isJunk, Matcher, splitQuestions } from '../../src/matcher/matcher.js';
import { normalize } from '../../src/text/normalize.js';

// How the matcher reads messages as community members write them: follow-ups, two questions in one
// message, junk, Hinglish. Table-driven over the real career knowledge and the real matcher.
const root = path.resolve(import.meta.dirname, '../..');
let matcher: Matcher;

beforeAll(async () => {
  const { knowledge } = await loadKnowledge(path.join(root, 'knowledge'));
  matcher = new Matcher(knowledge);
});

describe('follow-ups read with the previous topic', () => {
  it.each([
    ['salary-india', 'and in the us?', 'salary-us'],
    ['languages', 'what about frameworks?', 'frameworks'],
    ['version-control', 'aur github?', 'version-control'],
    // A strong opener and one term: the previous question about something else, although "javascript"
    // alone is a languages question.
    ['web-fundamentals', 'and javascript?', 'web-fundamentals'],
    // "ok then" opens the message and says nothing: the rest is read as it is.
    ['colleges-india', 'ok then what about fees', 'colleges-india'],
    ['work-life', 'ok then which companies hire backend devs', 'companies-hiring'],
  ])('after %s, %j answers %s', (previous, followUp, expected) => {
    expect(matcher.match(followUp, { previousTopics: [previous] })).toMatchObject({ outcome: 'answer', topicId: expected });
  });

  it.each([
    ['salary-india', 'is sql a backend language?', 'sql-backend-language'],
    ['frameworks', 'do i need a degree to become a backend developer', 'degree'],
  ])('after %s, the full question %j is answered on its own merits (%s)', (previous, question, expected) => {
    const alone = matcher.match(question);
    const inContext = matcher.match(question, { previousTopics: [previous] });
    expect(inContext).toMatchObject({ outcome: 'answer', topicId: expected });
    expect(inContext.topicId).toBe(alone.topicId);
    expect(inContext.fromContext).toBeUndefined();
  });

  it.each(['tell me a joke', "what's the weather like today"])('after an answer, the off-topic %j is still declined', (text) => {
    expect(matcher.match(text, { previousTopics: ['salary-india'] }).outcome).not.toBe('answer');
  });

  it('marks an answer that needed the conversation', () => {
    expect(matcher.match('which one pays more')).toMatchObject({ outcome: 'fallback' });
    expect(matcher.match('which one pays more', { previousTopics: ['frontend-vs-backend'] })).toMatchObject({
      outcome: 'answer',
      topicId: 'frontend-vs-backend',
      fromContext: true,
    });
  });

  it('ignores an unknown previous topic', () => {
    expect(matcher.match('what about frameworks?', { previousTopics: ['no-such-topic'] })).toEqual(
      matcher.match('what about frameworks?'),
    );
  });

  it.each([
    ['and in the us', 'strong'],
    ['what about frameworks', 'strong'],
    ['how long will that take', 'weak'],
    ['redis?', 'weak'],
    ['how do i become a backend developer without a degree', null],
  ] as const)('reads %j as a %s follow-up cue', (text, cue) => {
    expect(followUpCue(normalize(text).tokens)).toBe(cue);
  });
});

describe('two questions in one message', () => {
  it('answers one and offers the other', () => {
    const result = matcher.match('what is an api and how much do backend devs earn in india');
    expect(result.outcome).toBe('answer');
    const topics = [result.topicId, ...(result.also ?? []).map((s) => s.topicId)];
    expect(new Set(topics)).toEqual(new Set(['apis', 'salary-india']));
  });

  it('offers nothing more for a single question', () => {
    expect(matcher.match('is sql a backend language?').also).toBeUndefined();
  });

  it.each([
    [
      'what is an api and how much do backend devs earn',
      ['what is an api and how much do backend devs earn', 'what is an api', 'how much do backend devs earn'],
    ],
    ['is sql a backend language', []],
    ['hi. is sql a backend language?', ['hi.', 'is sql a backend language?']],
  ])('splits %j into its questions', (message, parts) => {
    expect(splitQuestions(message)).toEqual(parts);
  });
});

describe('long and junk messages', () => {
  it('finds the question after a paragraph of context', () => {
    const message =
      'hey guys, 2nd year cse here. everyone around me does dsa and ml and i feel lost. i think i like backend. how do i become a backend developer, where do i even start?';
    expect(matcher.match(message)).toMatchObject({ outcome: 'answer', topicId: 'how-to-become' });
  });

  it.each([Array(300).fill('backend').join(' '), Array(50).fill('salary india').join(' ')])(
    'declines one word repeated as junk (%#)',
    (message) => {
      expect(matcher.match(message)).toMatchObject({ outcome: 'fallback', junk: true });
    },
  );

  it.each([
    [['backend', 'backend', 'backend'], false],
    [Array(10).fill('x'), true],
    ['how do i learn backend development from scratch as a student'.split(' '), false],
  ])('isJunk(%j) is %s', (tokens, junk) => {
    expect(isJunk(tokens)).toBe(junk);
  });
});

describe('Hinglish', () => {
  it.each([
    ['salary kitni milti hai', 'salary how much get is'],
    ['degree ke bina job milegi kya', 'degree of without job get what'],
    ['backend kaise seekhu', 'backend how learn'],
  ])('reads %j as %j', (text, english) => {
    expect(normalize(text).text).toBe(english);
  });

  it.each([
    ['bhai backend developer kaise bane', 'how-to-become'],
    ['sql backend language hai kya', 'sql-backend-language'],
  ])('answers %j with %s', (question, topicId) => {
    expect(matcher.match(question)).toMatchObject({ outcome: 'answer', topicId });
  });

  it('keeps "in the US" as the country', () => {
    expect(normalize('backend salary in the US').tokens).toContain('usa');
    expect(normalize('can you tell us more').tokens).toContain('us');
  });
});

describe('chat abbreviations', () => {
  it.each([
    ['FE or BE for a fresher?', 'frontend or backend for a fresher'],
    ['be devs vs fe devs', 'backend developers vs frontend developers'],
    ['sde2 ppl in blr', 'software development engineer 2 people in blr'],
    ['lld and hld prep', 'system design and system design prep'],
    ['sr engg mgr', 'senior engineering manager'],
    ['will it be hard', 'will it be hard'],
  ])('reads %j as %j', (text, expected) => {
    expect(normalize(text).text).toBe(expected);
  });
});
