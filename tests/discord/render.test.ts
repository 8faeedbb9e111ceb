import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId, parseTopicChoice, type CustomId } from '../../adapters/discord/custom-ids.js';
import { neutraliseMentions, toDiscordMarkdown } from '../../adapters/discord/markdown.js';
import fc from 'fast-check';
import { renderAnswer, renderReply, renderShareMenu, renderTopicsPage, topicChoices } from '../../adapters/discord/render.js';
import type { AnswerReply, TopicRef } from '../../src/reply.js';
import { answerReply, anyReply, hostileText, rankedTopics, SEED, topicRef } from '../render-arbitraries.js';
import { limitProblems } from './harness.js';

/** Rendering alone: Discord Markdown, mention hygiene, and Discord's limits with oversized content. */

const PING = /@everyone|@here|<@&\d+>|<@!?\d+>/;

describe('neutraliseMentions', () => {
  it.each([
    '@everyone look',
    'hey @here',
    'HEY @Everyone',
    'role <@&123456789012345678>',
    'user <@123456789012345678>',
    'nick <@!123456789012345678>',
  ])('defuses %s', (text) => {
    const out = neutraliseMentions(text);
    expect(out).not.toMatch(PING);
    expect(out.replace(/\u200b/g, '')).toBe(text); // only a zero-width space is added
  });

  it.each(['mail a@b.com', '<#123456789012345678> channel', 'plain @someone'])('leaves %s alone', (text) => {
    expect(neutraliseMentions(text)).toBe(text);
  });
});

describe('toDiscordMarkdown', () => {
  it.each([
    ['bold and emphasis', 'Use **SQL** and *care*.', 'Use **SQL** and *care*.'],
    ['inline code', 'Run `npm test` now', 'Run `npm test` now'],
    ['a masked link', 'See [the guide](https://example.com/a_(b)).', 'See [the guide](https://example.com/a_(b%29).'],
    ['a bare link', '<https://example.com>', 'https://example.com'],
    ['a non-web link keeps only its text', '[click](javascript:alert(1))', 'click'],
    ['an unordered list', '- one\n- two', '- one\n- two'],
    ['an ordered list', '3. three\n4. four', '3. three\n4. four'],
    ['formatting characters in text are escaped', 'node\\_modules and a \\* b', 'node\\_modules and a \\* b'],
    ['a code block', '```\nselect 1;\n```', '```\nselect 1;\n```'],
    ['a quote', '> wise words', '> wise words'],
    ['paragraphs', 'one\n\ntwo', 'one\n\ntwo'],
    ['mentions in answers are defused', 'Ping @everyone', 'Ping @\u200beveryone'],
    ['an escaped @ or & cannot rebuild a mention', '\\@everyone <@\\&123>', '@\u200beveryone <@\u200b&123>'],
    ['a link to an @everyone address stays the same address', '[x](https://a.b/@everyone)', '[x](https://a.b/%40everyone)'],
  ])('%s', (_name, markdown, expected) => {
    expect(toDiscordMarkdown(markdown)).toBe(expected);
  });

  it('shortens at a block boundary and says so', () => {
    const markdown = Array.from({ length: 50 }, (_, i) => `Paragraph ${i} ${'word '.repeat(40)}`).join('\n\n');
    const out = toDiscordMarkdown(markdown, 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out).toMatch(/word\n\n\*\(shortened\)\*$/);
  });

  it('shortens a single huge paragraph too', () => {
    const out = toDiscordMarkdown('x'.repeat(10_000), 4096);
    expect(out.length).toBeLessThanOrEqual(4096);
  });
});

const long = (n: number, label = 'Long') => `${label} ${'title '.repeat(Math.ceil(n / 6))}`.slice(0, n);
const ref = (i: number, titleLength = 150): TopicRef => ({ id: `topic-${i}`, title: long(titleLength, `Topic ${i}`) });

describe('Discord limits with oversized content', () => {
  const huge: AnswerReply = {
    kind: 'answer',
    topic: { id: 'huge', title: long(400) },
    body: Array.from({ length: 200 }, (_, i) => `**Point ${i}**: ${'text '.repeat(20)}`).join('\n\n'),
    sources: Array.from({ length: 60 }, (_, i) => ({ title: long(300, `Source ${i}`), url: `https://example.com/${i}` })),
    related: Array.from({ length: 30 }, (_, i) => ref(i)),
    confidence: 1,
  };

  it('an answer stays within every limit', () => {
    const message = renderAnswer(huge, { question: `@everyone ${'why '.repeat(1000)}` });
    expect(limitProblems(message)).toEqual([]);
    expect(JSON.stringify(message)).not.toMatch(PING);
    expect(message.components.length).toBeLessThanOrEqual(5);
    expect(message.embeds[0]!.fields![0]!.value).toMatch(/…and \d+ more$/);
  });

  it('help-style replies with many topics use a menu, and stay within limits', () => {
    const reply = { kind: 'smalltalk' as const, text: 'Hi!', topics: Array.from({ length: 40 }, (_, i) => ref(i)) };
    const message = renderReply(reply, { askerId: '1' });
    expect(limitProblems(message)).toEqual([]);
    expect(message.components[0]!.components[0]!.type).toBe(3);
    expect(message.components.at(-1)!.components[0]).toMatchObject({ custom_id: 'cb:tp:0' });
  });

  it('clarify shows at most 3 buttons even if offered more', () => {
    const message = renderReply(
      { kind: 'clarify', text: 'Did you mean', suggestions: Array.from({ length: 6 }, (_, i) => ref(i)) },
      { askerId: '1' },
    );
    expect(message.components).toHaveLength(1);
    expect(message.components[0]!.components).toHaveLength(3);
  });

  it('every page of a long topic list stays within limits and pages clamp', () => {
    const topics = Array.from({ length: 60 }, (_, i) => ref(i));
    for (const page of [0, 1, 2, 7, -1]) expect(limitProblems(renderTopicsPage(topics, page))).toEqual([]);
    expect(renderTopicsPage(topics, 7).embeds[0]!.title).toBe('Topics I cover (3/3)');
    expect(limitProblems(renderTopicsPage([], 0))).toEqual([]);
  });

  it('autocomplete choices respect 25 choices and 100-character names and values', () => {
    const suggestions = [
      ...Array.from({ length: 30 }, (_, i) => ({ ...ref(i), confidence: 0.5 })),
      { id: 'x'.repeat(120), title: 'id too long for a value', confidence: 0.4 },
    ];
    const choices = topicChoices(suggestions, 'y'.repeat(100));
    expect(choices).toHaveLength(25);
    expect(choices[0]!.value).toBe('y'.repeat(100));
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expect(choices.some((c) => c.name === 'id too long for a value')).toBe(false);
    // Own text longer than a choice value allows is left out rather than cut (it would change the question).
    expect(topicChoices([], 'z'.repeat(101))).toEqual([]);
  });

  it('the share menu offers the plain topic list without "Best match" when nothing matched, and no empty menu', () => {
    const topics = Array.from({ length: 30 }, (_, i) => ({ ...ref(i), confidence: 0 }));
    const unmatched = renderShareMenu(topics, { messageId: '1', authorId: '2', hasText: true });
    expect(limitProblems(unmatched)).toEqual([]);
    expect(unmatched.content).toMatch(/^Nothing I know matches/);
    expect(JSON.stringify(unmatched.components)).not.toContain('Best match');
    // Discord refuses a menu without options: say what to do instead.
    const none = renderShareMenu([], { messageId: '1', authorId: '2', hasText: true });
    expect(none.components).toEqual([]);
    expect(none.content).toContain('/career-link');
    expect(renderTopicsPage([{ id: 'x'.repeat(80), title: 'Unaddressable' }], 0).components).toEqual([]);
  });

  it('the share menu fits, with or without text in the message', () => {
    const suggestions = Array.from({ length: 25 }, (_, i) => ({ ...ref(i), confidence: 0.1 }));
    expect(
      limitProblems(renderShareMenu(suggestions, { messageId: '1'.repeat(20), authorId: '2'.repeat(20), hasText: true })),
    ).toEqual([]);
    expect(renderShareMenu(suggestions, { messageId: '1', authorId: '2', hasText: false }).content).toContain('no text');
  });
});

describe('custom ids', () => {
  it.each<CustomId>([
    { kind: 'pick', topicId: 'salary-india', askerId: '12345678901234567890' },
    { kind: 'show', topicId: 'databases' },
    { kind: 'feedback', vote: 'down', topicId: 'skills' },
    { kind: 'topics-page', page: 3 },
    { kind: 'topics-select' },
    { kind: 'share', messageId: '12345678901234567890', authorId: '12345678901234567891' },
  ])('round-trips $kind', (id) => {
    const encoded = encodeCustomId(id);
    expect(encoded.length).toBeLessThanOrEqual(100);
    expect(decodeCustomId(encoded)).toEqual(id);
  });

  it('refuses ids longer than Discord allows, and ignores ids that are not ours', () => {
    expect(() => encodeCustomId({ kind: 'show', topicId: 'x'.repeat(100) })).toThrow(RangeError);
    expect(decodeCustomId('other:thing')).toBeNull();
    expect(decodeCustomId('cb:tp:-1')).toBeNull();
    expect(parseTopicChoice('topic:databases')).toBe('databases');
    expect(parseTopicChoice('what about databases')).toBeNull();
  });
});

/**
 * The text of a message that Discord parses for mentions: content and every embed string. Component
 * labels are shown as written and never ping; custom ids are data.
 */
function mentionableText(message: { content?: string; embeds: unknown[] }): string {
  return JSON.stringify([message.content ?? '', message.embeds]);
}

describe('properties over arbitrary replies (fast-check, fixed seed)', () => {
  it('renders any answer within every Discord limit, without a mention from its input', () => {
    fc.assert(
      fc.property(answerReply, fc.option(hostileText(2_000), { nil: undefined }), (answer, question) => {
        const message = renderAnswer(answer, { question });
        expect(limitProblems(message)).toEqual([]);
        const [embed] = message.embeds;
        expect(embed!.description?.length ?? 0).toBeLessThanOrEqual(4096);
        expect(embed!.fields?.length ?? 0).toBeLessThanOrEqual(25);
        expect(mentionableText(message)).not.toMatch(PING);
      }),
      { seed: SEED, numRuns: 250 },
    );
  });

  it('renders any reply (clarify, fallback, small talk, notice) within limits, without a mention', () => {
    fc.assert(
      fc.property(anyReply, fc.option(hostileText(600), { nil: undefined }), (reply, question) => {
        const message = renderReply(reply, { question, askerId: '820000000000000001' });
        expect(limitProblems(message)).toEqual([]);
        expect(mentionableText(message)).not.toMatch(PING);
      }),
      { seed: SEED, numRuns: 250 },
    );
  });

  it('pages any topic list and builds any share menu within limits', () => {
    fc.assert(
      fc.property(
        fc.array(topicRef, { maxLength: 120 }),
        fc.integer({ min: -3, max: 10 }),
        rankedTopics,
        (topics, page, suggestions) => {
          const listed = renderTopicsPage(topics, page);
          expect(limitProblems(listed)).toEqual([]);
          expect(mentionableText(listed)).not.toMatch(PING);
          const menu = renderShareMenu(suggestions, { messageId: '1'.repeat(19), authorId: '2'.repeat(19), hasText: true });
          expect(limitProblems(menu)).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('offers at most 25 autocomplete choices with names of 1 to 100 characters for anything typed', () => {
    fc.assert(
      fc.property(rankedTopics, fc.option(hostileText(300), { nil: null }), (suggestions, typed) => {
        const choices = topicChoices(suggestions, typed);
        expect(choices.length).toBeLessThanOrEqual(25);
        for (const choice of choices) {
          expect(choice.name.length).toBeGreaterThanOrEqual(1);
          expect(choice.name.length).toBeLessThanOrEqual(100);
          expect(choice.value.length).toBeGreaterThanOrEqual(1);
          expect(choice.value.length).toBeLessThanOrEqual(100);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
