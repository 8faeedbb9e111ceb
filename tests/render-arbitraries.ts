import fc from 'fast-check';
import type { RankedTopic } from '../src/bot.js';
import type { AnswerReply, ClarifyReply, InfoReply, Reply, TopicRef } from '../src/reply.js';
import type { Source } from '../src/types.js';

/**
 * fast-check arbitraries for the renderers' property tests (tests/slack/render.test.ts,
 * tests/discord/render.test.ts): answers, titles and user text as hostile as input can be, with the
 * tokens that matter to chat platforms (mass and role mentions in every platform's syntax, Markdown
 * and mrkdwn syntax, entities, links) mixed into arbitrary Unicode, and sizes well past the limits.
 */

/** One fixed seed for every renderer property: failures reproduce. */
export const SEED = 20261121;

const TOKENS = [
  '@everyone',
  '@here',
  '@channel',
  '@Everyone',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!here|here>',
  '<!subteam^S0123|@team>',
  '<@U0123ABC>',
  '<@W0123ABC|ann>',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&123456789012345678>',
  '\\@here',
  '\\@everyone',
  '<@\\&123456789012345678>',
  '<#C0123>',
  '&lt;!channel&gt;',
  '&amp;',
  '&',
  '<',
  '>',
  '|',
  '\\',
  '*',
  '**',
  '_',
  '~',
  '`',
  '```',
  '[',
  ']',
  '(',
  ')',
  '](',
  'https://example.com/',
  'https://example.com/@everyone',
  'mailto:a@b.c',
  'javascript:',
  '\n',
  '\n\n',
  '- ',
  '1. ',
  '> ',
  '# ',
  ' ',
  'word',
  '\u200b',
  '\u2060',
  '\u202e',
  '🚀',
  '👍🏽',
] as const;

/** A piece of text: arbitrary characters (any code unit, lone surrogates included) interleaved with hostile tokens. */
export function hostileText(maxLength = 200): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ minLength: 1, maxLength: 1 })), maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
  );
}

/** An answer body: Markdown paragraphs, sometimes many, sometimes one very long token. */
export const answerBody: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(hostileText(400), { maxLength: 40 }).map((parts) => parts.join('\n\n')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('x', '@everyone ', '<!here> ', '*'), fc.nat({ max: 12_000 }))
      .map(([unit, n]) => unit.repeat(n)),
  },
  { weight: 1, arbitrary: hostileText(50) },
);

export const topicRef: fc.Arbitrary<TopicRef> = fc.record({
  id: fc.oneof(
    fc.stringMatching(/^[a-z0-9-]{1,40}$/),
    hostileText(120).filter((id) => id !== ''),
  ),
  title: hostileText(300).filter((title) => title.trim() !== ''),
});

export const source: fc.Arbitrary<Source> = fc.record(
  {
    title: hostileText(300),
    url: fc.oneof(
      fc.webUrl(),
      hostileText(100).map((path) => `https://example.com/${path}`),
      hostileText(60),
    ),
  },
  { requiredKeys: ['title'] },
);

export const answerReply: fc.Arbitrary<AnswerReply> = fc.record({
  kind: fc.constant('answer' as const),
  topic: topicRef,
  body: answerBody,
  sources: fc.array(source, { maxLength: 40 }),
  related: fc.array(topicRef, { maxLength: 30 }),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
});

export const clarifyReply: fc.Arbitrary<ClarifyReply> = fc.record({
  kind: fc.constant('clarify' as const),
  text: hostileText(400),
  suggestions: fc.array(topicRef, { maxLength: 8 }),
});

export const infoReply: fc.Arbitrary<InfoReply> = fc.record({
  kind: fc.constantFrom('fallback' as const, 'smalltalk' as const, 'notice' as const),
  text: hostileText(3_500),
  topics: fc.array(topicRef, { maxLength: 150 }),
});

export const anyReply: fc.Arbitrary<Reply> = fc.oneof(answerReply, clarifyReply, infoReply);

export const rankedTopics: fc.Arbitrary<RankedTopic[]> = fc.array(
  fc.tuple(topicRef, fc.double({ min: 0, max: 1, noNaN: true })).map(([ref, confidence]) => ({ ...ref, confidence })),
  { maxLength: 40 },
);
